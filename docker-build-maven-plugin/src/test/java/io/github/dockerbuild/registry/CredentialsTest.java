package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CredentialsTest {
  static final String SECRET = "s3cr3t-never-shown";

  @TempDir Path dir;
  final List<String> helperCalls = new ArrayList<>();

  private Path config(String json) throws IOException {
    return Files.writeString(dir.resolve("config.json"), json);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private CredentialHelper helper(int exit, String stdout, String stderr) {
    return (name, server) -> {
      helperCalls.add(name + " " + server);
      return new CredentialHelper.Result(exit, stdout, stderr);
    };
  }

  @Test
  void toStringNeverShowsTheSecret() {
    Credentials credentials = new Credentials("ci", SECRET);
    assertThat(credentials.toString()).isEqualTo("Credentials[username=ci, secret=****]").doesNotContain(SECRET);
    assertThat(new CredentialHelper.Result(0, "{\"Secret\":\"" + SECRET + "\"}", "").toString()).doesNotContain(SECRET);
    assertThat(credentials.basicHeader()).isEqualTo("Basic " + b64("ci:" + SECRET));
  }

  @ParameterizedTest(name = "[{index}] {0} finds {1}")
  @CsvSource({
      "ghcr.io, ghcr.io",
      "https://ghcr.io, ghcr.io",
      "https://ghcr.io/v2/, ghcr.io",
      "GHCR.io, ghcr.io",
      "https://index.docker.io/v1/, registry-1.docker.io",
      "docker.io, registry-1.docker.io",
      "localhost:5000, localhost:5000",
  })
  void staticSourceMatchesHostsWrittenAsUrls(String key, String registry) {
    CredentialSource source = new StaticCredentialSource(Map.of(key, new Credentials("u", SECRET)));
    assertThat(source.find(registry)).contains(new Credentials("u", SECRET));
    assertThat(source.find("other.io")).isEmpty();
    assertThat(source.toString()).doesNotContain(SECRET);
  }

  @Test
  void chainTakesTheFirstThatHasCredentials() {
    CredentialSource first = new StaticCredentialSource(Map.of("a.io", new Credentials("first", "1")));
    CredentialSource second = new StaticCredentialSource(Map.of("a.io", new Credentials("second", "2"),
        "b.io", new Credentials("second", "2")));
    CredentialSource chain = CredentialSource.chain(CredentialSource.none(), first, second);
    assertThat(chain.find("a.io").map(Credentials::username)).contains("first");
    assertThat(chain.find("b.io").map(Credentials::username)).contains("second");
    assertThat(chain.find("c.io")).isEmpty();
  }

  @Test
  void dockerConfigAuths() throws IOException {
    Path file = config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:" + SECRET) + "\"},"
        + "\"localhost:5000\":{\"auth\":\"" + b64("local:pa:ss") + "\"},\"empty.io\":{}}}");
    DockerConfigCredentialSource source = new DockerConfigCredentialSource(file, helper(1, "", ""));
    assertThat(source.find(ImageRef.DOCKER_HUB)).contains(new Credentials("hub", SECRET));
    assertThat(source.find("localhost:5000")).contains(new Credentials("local", "pa:ss"));
    assertThat(source.find("empty.io")).isEmpty();
    assertThat(source.find("ghcr.io")).isEmpty();
    assertThat(helperCalls).isEmpty();
  }

  @Test
  void dockerConfigIdentityToken() throws IOException {
    Path file = config("{\"auths\":{\"myreg.azurecr.io\":{\"auth\":\"" + b64("00000000-0000-0000-0000-000000000000:")
        + "\",\"identitytoken\":\"" + SECRET + "\"}}}");
    Credentials found = new DockerConfigCredentialSource(file, helper(1, "", "")).find("myreg.azurecr.io").orElseThrow();
    assertThat(found.isIdentityToken()).isTrue();
    assertThat(found).isEqualTo(Credentials.identityToken(SECRET));
    assertThat(found.toString()).isEqualTo("Credentials[username=<token>, secret=****]");
  }

  @Test
  void missingConfigFileMeansNoCredentials() {
    assertThat(new DockerConfigCredentialSource(dir.resolve("none.json"), helper(0, "", "")).find("ghcr.io")).isEmpty();
  }

  @Test
  void credHelperForTheRegistryWinsOverStoreAndAuths() throws IOException {
    Path file = config("{\"auths\":{\"ecr.example.com\":{\"auth\":\"" + b64("a:b") + "\"}},\"credsStore\":\"desktop\","
        + "\"credHelpers\":{\"ecr.example.com\":\"ecr-login\"}}");
    DockerConfigCredentialSource source = new DockerConfigCredentialSource(file,
        helper(0, "{\"ServerURL\":\"ecr.example.com\",\"Username\":\"AWS\",\"Secret\":\"" + SECRET + "\"}", ""));
    assertThat(source.find("ecr.example.com")).contains(new Credentials("AWS", SECRET));
    assertThat(helperCalls).containsExactly("ecr-login ecr.example.com");
  }

  @Test
  void credsStoreIsAskedWithDockerHubsServerUrlAndFallsBackToAuths() throws IOException {
    Path file = config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("gh:" + SECRET) + "\"}},\"credsStore\":\"desktop\"}");
    DockerConfigCredentialSource source = new DockerConfigCredentialSource(file,
        helper(1, "credentials not found in native keychain\n", ""));
    assertThat(source.find("ghcr.io")).contains(new Credentials("gh", SECRET));
    assertThat(source.find(ImageRef.DOCKER_HUB)).isEmpty();
    assertThat(helperCalls).containsExactly("desktop ghcr.io", "desktop https://index.docker.io/v1/");
  }

  @Test
  void failingHelperIsReportedWithoutTheSecret() throws IOException {
    Path file = config("{\"credsStore\":\"pass\"}");
    DockerConfigCredentialSource source = new DockerConfigCredentialSource(file, helper(2, SECRET, "gpg: decryption failed\n"));
    assertThatThrownBy(() -> source.find("ghcr.io"))
        .isInstanceOf(CredentialException.class)
        .hasMessage("docker-credential-pass get for ghcr.io exited with 2: gpg: decryption failed: run docker login ghcr.io or fix the helper")
        .message().doesNotContain(SECRET);
  }

  @Test
  void missingHelperBinaryNamesTheFix() throws IOException {
    Path file = config("{\"credsStore\":\"desktop\"}");
    CredentialHelper missing = (name, server) -> {
      throw new IOException("Cannot run program \"docker-credential-desktop\": error=2, No such file or directory");
    };
    assertThatThrownBy(() -> new DockerConfigCredentialSource(file, missing).find("ghcr.io"))
        .hasMessage("docker-credential-desktop get for ghcr.io failed: Cannot run program \"docker-credential-desktop\": "
            + "error=2, No such file or directory: install docker-credential-desktop on the PATH or remove it from " + file);
  }

  @Test
  void helperPrintingGarbageIsReportedWithoutEchoingIt() throws IOException {
    Path file = config("{\"credHelpers\":{\"ghcr.io\":\"gh\"}}");
    assertThatThrownBy(() -> new DockerConfigCredentialSource(file, helper(0, "not json " + SECRET, "")).find("ghcr.io"))
        .hasMessage("docker-credential-gh get for ghcr.io did not print JSON with Username and Secret: check the helper's version");
  }

  @Test
  void brokenConfigAndAuthAreReportedWithoutContent() throws IOException {
    Path broken = config("{\"auths\": {\"ghcr.io\": " + SECRET);
    assertThatThrownBy(() -> new DockerConfigCredentialSource(broken, helper(0, "", "")).find("ghcr.io"))
        .isInstanceOf(CredentialException.class)
        .message().startsWith("cannot read Docker config " + broken).doesNotContain(SECRET);
    Path notBase64 = config("{\"auths\":{\"ghcr.io\":{\"auth\":\"!!" + SECRET + "\"}}}");
    assertThatThrownBy(() -> new DockerConfigCredentialSource(notBase64, helper(0, "", "")).find("ghcr.io"))
        .hasMessage("the auths entry for ghcr.io in " + notBase64 + " is not base64: run docker login ghcr.io again");
  }

  @Test
  void defaultConfigFileHonoursDockerConfig() {
    assertThat(DockerConfigCredentialSource.defaultConfigFile(Map.of("DOCKER_CONFIG", "/cfg"), "/home/u"))
        .isEqualTo(Path.of("/cfg/config.json"));
    assertThat(DockerConfigCredentialSource.defaultConfigFile(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.docker/config.json"));
  }

  @Test
  void processHelperThatCannotStartIsAnIoException() {
    CredentialHelper real = CredentialHelper.process(java.time.Duration.ofSeconds(5));
    assertThatThrownBy(() -> real.get("no-such-helper-" + ProcessHandle.current().pid(), "ghcr.io"))
        .isInstanceOf(IOException.class);
  }
}
