package io.github.dockerbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEndpointResolverTest {
  @TempDir Path home;
  private Path config;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void dockerConfig() throws IOException {
    config = Files.createDirectories(home.resolve("custom-docker-config"));
    env.put("DOCKER_CONFIG", config.toString());
  }

  private DockerEndpointResolver resolver() {
    return new DockerEndpointResolver(env, home);
  }

  private static void context(Path configDir, String name, String host) throws IOException {
    Path dir = Files.createDirectories(
        configDir.resolve("contexts").resolve("meta").resolve(DockerEndpointResolver.sha256(name)));
    Files.writeString(dir.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},"
        + "\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
  }

  private void currentContext(String name) throws IOException {
    Files.writeString(config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
  }

  @Test
  void sha256_isHowDockerNamesContextDirectories() {
    assertThat(DockerEndpointResolver.sha256("default"))
        .isEqualTo("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f");
  }

  @Test
  void resolve_nothingConfigured_defaultSocket() {
    assertThat(resolver().resolve())
        .isEqualTo(new DockerEndpoint("unix:///var/run/docker.sock", "the default socket"))
        .hasToString("unix:///var/run/docker.sock (the default socket)");
  }

  @Test
  void resolve_dockerHostWins() throws IOException {
    context(config, "node2", "ssh://node2");
    currentContext("node2");
    env.put("DOCKER_CONTEXT", "node2");
    env.put("DOCKER_HOST", " tcp://build-host:2376 ");

    assertThat(resolver().resolve()).isEqualTo(new DockerEndpoint("tcp://build-host:2376", "DOCKER_HOST"));
  }

  @Test
  void resolve_blankDockerHost_ignored() {
    env.put("DOCKER_HOST", "  ");

    assertThat(resolver().resolve().source()).isEqualTo("the default socket");
  }

  @Test
  void resolve_dockerContextVariable() throws IOException {
    context(config, "node2", "ssh://builder@node2");
    env.put("DOCKER_CONTEXT", "node2");

    assertThat(resolver().resolve()).isEqualTo(new DockerEndpoint("ssh://builder@node2", "docker context node2", "node2", null, false));
  }

  @Test
  void resolve_currentContextOfConfigJson() throws IOException {
    context(config, "remote", "tcp://remote:2375");
    currentContext("remote");

    assertThat(resolver().resolve()).isEqualTo(new DockerEndpoint("tcp://remote:2375", "docker context remote", "remote", null, false));
  }

  @Test
  void resolve_dockerContextBeatsCurrentContext() throws IOException {
    context(config, "remote", "tcp://remote:2375");
    context(config, "other", "tcp://other:2375");
    currentContext("remote");
    env.put("DOCKER_CONTEXT", "other");

    assertThat(resolver().resolve().host()).isEqualTo("tcp://other:2375");
  }

  @Test
  void resolve_currentContextDefault_isDefaultSocket() throws IOException {
    currentContext("default");

    assertThat(resolver().resolve().source()).isEqualTo("the default socket");
  }

  @Test
  void resolve_unreadableConfigJson_isDefaultSocket() throws IOException {
    Files.writeString(config.resolve("config.json"), "{ not json");

    assertThat(resolver().resolve().host()).isEqualTo(DockerEndpoint.DEFAULT_HOST);
  }

  @Test
  void resolve_withoutDockerConfig_usesHomeDotDocker() throws IOException {
    env.remove("DOCKER_CONFIG");
    Path dotDocker = Files.createDirectories(home.resolve(".docker"));
    context(dotDocker, "laptop", "unix:///run/user/1000/docker.sock");
    Files.writeString(dotDocker.resolve("config.json"), "{\"currentContext\":\"laptop\"}");

    assertThat(resolver().resolve()).isEqualTo(
        new DockerEndpoint("unix:///run/user/1000/docker.sock", "docker context laptop", "laptop", null, false));
  }

  @Test
  void resolve_missingContext_namesItAndTheFix() {
    env.put("DOCKER_CONTEXT", "ghost");
    Path meta = config.resolve("contexts/meta/" + DockerEndpointResolver.sha256("ghost") + "/meta.json");

    assertThatThrownBy(() -> resolver().resolve())
        .isInstanceOf(EngineException.class)
        .hasMessage("docker context 'ghost' does not exist (no " + meta + "): create it with "
            + "'docker context create ghost --docker host=...' or fix the name");
  }

  @Test
  void resolveContext_metaWithoutDockerHost_isMissing() throws IOException {
    Path dir = Files.createDirectories(config.resolve("contexts/meta/" + DockerEndpointResolver.sha256("k8s")));
    Files.writeString(dir.resolve("meta.json"), "{\"Name\":\"k8s\",\"Endpoints\":{\"kubernetes\":{}}}");

    assertThatThrownBy(() -> resolver().resolveContext("k8s"))
        .isInstanceOf(EngineException.class)
        .hasMessageStartingWith("docker context 'k8s' does not exist (no ");
  }

  @Test
  void resolveContext_default_followsDockerHost() {
    assertThat(resolver().resolveContext("default").source()).isEqualTo("the default socket");

    env.put("DOCKER_HOST", "tcp://h:2375");

    assertThat(resolver().resolveContext("default")).isEqualTo(new DockerEndpoint("tcp://h:2375", "DOCKER_HOST"));
  }

  @Test
  void resolveContext_named_ignoresDockerHost() throws IOException {
    context(config, "node2", "ssh://node2");
    env.put("DOCKER_HOST", "tcp://h:2375");

    assertThat(resolver().resolveContext("node2")).isEqualTo(new DockerEndpoint("ssh://node2", "docker context node2", "node2", null, false));
  }

  @Test
  void resolve_dockerHostWithTlsVerify_takesTheCertificatesOfDockerCertPath_orTheDockerConfig() {
    env.put("DOCKER_HOST", "tcp://build-host:2376");
    env.put("DOCKER_TLS_VERIFY", "1");
    assertThat(resolver().resolve()).isEqualTo(new DockerEndpoint("tcp://build-host:2376", "DOCKER_HOST", null,
        config, true));
    env.put("DOCKER_CERT_PATH", "/certs");
    DockerEndpoint tls = resolver().resolve();
    assertThat(tls.tls()).isEqualTo(Path.of("/certs"));
    assertThat(tls).hasToString("tcp://build-host:2376 (DOCKER_HOST, TLS)");
    assertThat(tls.cliOptions()).containsExactly("--host", "tcp://build-host:2376", "--tlsverify",
        "--tlscacert", "/certs/ca.pem", "--tlscert", "/certs/cert.pem", "--tlskey", "/certs/key.pem");
    // "0" and empty are off, as for the docker CLI; an ssh host never speaks docker's TLS
    env.put("DOCKER_TLS_VERIFY", "0");
    assertThat(resolver().resolve().tls()).isNull();
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_HOST", "ssh://me@arm-host");
    assertThat(resolver().resolve().tls()).isNull();
    assertThat(resolver().resolve().dockerJavaCanReach()).isFalse();
    assertThat(resolver().resolve().cliOptions()).containsExactly("--host", "ssh://me@arm-host");
  }

  @Test
  void resolveContext_withTlsMaterial_usesItAndItsVerification() throws IOException {
    context(config, "secure", "tcp://10.0.0.5:2376");
    Path tls = Files.createDirectories(config.resolve("contexts/tls/" + DockerEndpointResolver.sha256("secure")
        + "/docker"));
    Files.writeString(tls.resolve("ca.pem"), "x");
    DockerEndpoint endpoint = resolver().resolveContext("secure");
    assertThat(endpoint).isEqualTo(new DockerEndpoint("tcp://10.0.0.5:2376", "docker context secure", "secure", tls,
        true));
    assertThat(endpoint.cliOptions()).containsExactly("--context", "secure");
    assertThat(endpoint.dockerJavaCanReach()).isTrue();

    Path dir = config.resolve("contexts/meta/" + DockerEndpointResolver.sha256("secure"));
    Files.writeString(dir.resolve("meta.json"), "{\"Name\":\"secure\",\"Endpoints\":{\"docker\":"
        + "{\"Host\":\"tcp://10.0.0.5:2376\",\"SkipTLSVerify\":true}}}");
    assertThat(resolver().resolveContext("secure").tlsVerify()).isFalse();
    assertThat(resolver().resolveContext("secure")).hasToString(
        "tcp://10.0.0.5:2376 (docker context secure, TLS without verification)");
  }

  @Test
  void resolveContext_withoutTlsMaterial_isPlain() throws IOException {
    context(config, "plain", "tcp://10.0.0.5:2375");
    assertThat(resolver().resolveContext("plain").tls()).isNull();
  }
}
