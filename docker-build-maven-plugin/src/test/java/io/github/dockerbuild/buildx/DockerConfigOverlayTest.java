package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerbuild.registry.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigOverlayTest {
  @TempDir
  Path tmp;

  static final String USER_CONFIG = """
      {
        "auths": {"other.example:5000": {"auth": "b3RoZXI6c2VjcmV0"}},
        "credsStore": "secretservice",
        "credHelpers": {"gcr.io": "gcloud"},
        "currentContext": "node2"
      }
      """;

  @Test
  void theUsersConfigIsKept_theRegistryGetsAHelperOfItsOwn_andNothingOfTheUsersIsWritten() throws Exception {
    Path user = Files.createDirectories(tmp.resolve("home/.docker"));
    Files.writeString(user.resolve("config.json"), USER_CONFIG);
    Files.createDirectories(user.resolve("contexts/meta"));
    Files.createDirectories(user.resolve("buildx/instances"));
    byte[] before = Files.readAllBytes(user.resolve("config.json"));
    Path target = tmp.resolve("target/docker-build");

    Path dir;
    try (DockerConfigOverlay overlay = DockerConfigOverlay.create(target, user,
        Map.of("localhost:5443", new Credentials("publisher", "publisher-secret")), Map.of())) {
      dir = overlay.dir();
      assertThat(dir.getParent()).isEqualTo(target);
      assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));

      JsonNode config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
      assertThat(config.path("auths").path("other.example:5000").path("auth").asText()).isEqualTo("b3RoZXI6c2VjcmV0");
      assertThat(config.path("credsStore").asText()).isEqualTo("secretservice");
      assertThat(config.path("credHelpers").path("gcr.io").asText()).isEqualTo("gcloud");
      assertThat(config.path("credHelpers").path("localhost:5443").asText()).isEqualTo("dockerbuild-login-1");
      assertThat(config.path("currentContext").asText()).isEqualTo("node2");
      assertThat(Files.readString(dir.resolve("config.json"))).doesNotContain("publisher");
      assertThat(Files.getPosixFilePermissions(dir.resolve("config.json")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));

      // contexts and builders are the user's own, linked
      assertThat(Files.isSymbolicLink(dir.resolve("contexts"))).isTrue();
      assertThat(Files.readSymbolicLink(dir.resolve("buildx"))).isEqualTo(user.resolve("buildx").toAbsolutePath());

      // the helper answers docker's `get` with the registry's credentials
      Process get = new ProcessBuilder(dir.resolve("docker-credential-dockerbuild-login-1").toString(), "get")
          .redirectErrorStream(true).start();
      get.getOutputStream().write("localhost:5443".getBytes(StandardCharsets.UTF_8));
      get.getOutputStream().close();
      String answer = new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(get.waitFor()).isZero();
      JsonNode creds = new ObjectMapper().readTree(answer);
      assertThat(creds.path("Username").asText()).isEqualTo("publisher");
      assertThat(creds.path("Secret").asText()).isEqualTo("publisher-secret");
      assertThat(creds.path("ServerURL").asText()).isEqualTo("localhost:5443");
      assertThat(Files.getPosixFilePermissions(dir.resolve("dockerbuild-login-1.json")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));

      // what buildx writes in the directory itself goes with it
      Files.createDirectories(dir.resolve("refs/default"));
      Files.writeString(dir.resolve("refs/default/x"), "state");

      Map<String, String> env = overlay.environment("/usr/bin");
      assertThat(env).containsEntry("DOCKER_CONFIG", dir.toString()).containsEntry("PATH", dir + ":/usr/bin");
    }

    assertThat(dir).doesNotExist();
    assertThat(Files.readAllBytes(user.resolve("config.json"))).isEqualTo(before);
    assertThat(user.resolve("contexts/meta")).isDirectory();
    assertThat(user.resolve("buildx/instances")).isDirectory();
  }

  @Test
  void withoutADockerConfig_theOverlayHoldsOnlyTheLogins() throws Exception {
    try (DockerConfigOverlay overlay = DockerConfigOverlay.create(tmp, tmp.resolve("no-such-dir"),
        Map.of("b.example", new Credentials("u2", "p2"), "a.example", new Credentials("u1", "p1")), Map.of())) {
      JsonNode config = new ObjectMapper().readTree(overlay.dir().resolve("config.json").toFile());
      assertThat(config.path("credHelpers").path("a.example").asText()).isEqualTo("dockerbuild-login-1");
      assertThat(config.path("credHelpers").path("b.example").asText()).isEqualTo("dockerbuild-login-2");
      assertThat(config.size()).isEqualTo(1);
    }
  }

  @Test
  void aBuildLogsInToTheRegistriesItPushesToAndCachesIn_thatHaveAServer() throws Exception {
    io.github.dockerbuild.domain.ImageSpec spec = io.github.dockerbuild.domain.ImageSpecBuilder.spec().push(true)
        .archImage("registry.example/{arch}-app").cacheFrom("type=registry,ref=cache.example/app:cache-{arch}")
        .cacheTo("type=registry,ref=cache.example/app:cache-{arch}").build();
    assertThat(DockerConfigOverlay.registriesOf(spec)).containsExactly("cache.example", "registry.example");

    io.github.dockerbuild.registry.StaticCredentialSource servers = new io.github.dockerbuild.registry.StaticCredentialSource(
        Map.of("registry.example", new Credentials("ci", "s3cret"), "central", new Credentials("m", "x")));
    try (DockerConfigOverlay overlay = DockerConfigOverlay.forBuild(spec, servers, Map.of(), tmp, tmp.resolve("none"))) {
      assertThat(overlay.registries()).containsExactly("registry.example");
      assertThat(overlay.proxies()).isEmpty();
      assertThat(DockerConfigOverlay.describe(overlay, Map.of())).containsExactly("buildx logs in to registry.example "
          + "with the settings.xml server of that name (a Docker config of this build, removed after it)");
    }
    // no push, or no server for its registries: Docker's own login
    assertThat(DockerConfigOverlay.forBuild(io.github.dockerbuild.domain.ImageSpecBuilder.spec().push(false)
        .archImage("registry.example/{arch}-app").build(), servers, Map.of(), tmp, tmp.resolve("none"))).isNull();
    assertThat(DockerConfigOverlay.forBuild(spec, new io.github.dockerbuild.registry.StaticCredentialSource(Map.of()),
        Map.of(), tmp, tmp.resolve("none"))).isNull();
    assertThat(tmp.toFile().list()).isEmpty();
  }

  static final Map<String, String> PROXIES = Map.of("httpProxy", "http://proxy.corp:3128",
      "httpsProxy", "http://proxy.corp:3128", "noProxy", "registry.lan");

  @Test
  void settingsProxiesBecomeDockersClientProxies_evenForABuildThatDoesNotPush() throws Exception {
    io.github.dockerbuild.domain.ImageSpec local = io.github.dockerbuild.domain.ImageSpecBuilder.spec().push(false)
        .archImage("registry.example/{arch}-app").build();
    Path user = Files.createDirectories(tmp.resolve("home/.docker"));
    Files.writeString(user.resolve("config.json"), USER_CONFIG);
    try (DockerConfigOverlay overlay = DockerConfigOverlay.forBuild(local,
        new io.github.dockerbuild.registry.StaticCredentialSource(Map.of()), PROXIES, tmp.resolve("t"), user)) {
      assertThat(overlay.registries()).isEmpty();
      assertThat(overlay.proxies()).isEqualTo(PROXIES);
      JsonNode config = new ObjectMapper().readTree(overlay.dir().resolve("config.json").toFile());
      assertThat(config.path("proxies").path("default").path("httpsProxy").asText()).isEqualTo("http://proxy.corp:3128");
      assertThat(config.path("proxies").path("default").path("noProxy").asText()).isEqualTo("registry.lan");
      assertThat(config.path("credsStore").asText()).isEqualTo("secretservice");
      assertThat(DockerConfigOverlay.describe(overlay, PROXIES)).containsExactly("RUN steps get the settings.xml "
          + "proxy as HTTP_PROXY/HTTPS_PROXY/NO_PROXY (http://proxy.corp:3128, registry.lan; credentials are not "
          + "handed to the build)");
    }
    assertThat(DockerConfigOverlay.describe(null, PROXIES)).containsExactly("RUN steps get the proxies of Docker's "
        + "own config.json, which names some, not the settings.xml proxy");
    assertThat(DockerConfigOverlay.describe(null, Map.of())).isEmpty();
  }

  @Test
  void theUsersOwnClientProxiesAreKept() throws Exception {
    Path user = Files.createDirectories(tmp.resolve("home/.docker"));
    Files.writeString(user.resolve("config.json"),
        "{\"proxies\":{\"default\":{\"httpsProxy\":\"http://own.corp:8080\"}}}");
    io.github.dockerbuild.domain.ImageSpec local = io.github.dockerbuild.domain.ImageSpecBuilder.spec().push(false)
        .archImage("registry.example/{arch}-app").build();
    assertThat(DockerConfigOverlay.hasOwnProxies(user)).isTrue();
    assertThat(DockerConfigOverlay.forBuild(local, new io.github.dockerbuild.registry.StaticCredentialSource(Map.of()),
        PROXIES, tmp.resolve("t"), user)).isNull();
    assertThat(DockerConfigOverlay.hasOwnProxies(tmp.resolve("none"))).isFalse();
  }
}
