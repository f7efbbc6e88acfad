package io.github.dockerbuild.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The engine questions through docker-java. On docker-java's side: {@link EngineProbe} enters it
 * after asking for the library ({@link io.github.dockerbuild.config.LazyLibrary#DOCKER_JAVA}).
 */
final class DockerJavaQueries {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private DockerJavaQueries() {}

  /** Asks the engine at {@code endpoint} for its version and info. */
  static EngineFacts engine(DockerEndpoint endpoint, String image) {
    try (DockerClient client = client(endpoint)) {
      // /version answers only when the engine is up: no separate ping
      return facts(endpoint, client.versionCmd().exec(), client.infoCmd().exec());
    } catch (IOException | RuntimeException e) {
      throw new EngineException("no Docker engine answers at " + endpoint + " (image " + image + "): "
          + (endpoint.tls() != null ? "TLS: " + reason(e) + "; check the engine and the ca.pem, cert.pem and key.pem "
              + "in " + endpoint.tls() + "; " : "")
          + "start Docker, or point DOCKER_HOST or the docker context at a running engine; "
          + "-Ddocker.skip=true skips the image goals");
    }
  }

  /**
   * docker-java's client of the engine. A Unix socket, or TCP without TLS, goes through a JDK-only
   * transport and a configuration of the address alone; a TLS engine ({@code DOCKER_TLS_VERIFY} and
   * {@code DOCKER_CERT_PATH}, or a context's TLS material) through docker-java's own configuration
   * and transport, with that endpoint's certificates.
   */
  static DockerClient client(DockerEndpoint endpoint) {
    URI host = URI.create(endpoint.host());
    if (endpoint.tls() == null) {
      return DockerClientImpl.getInstance(new AddressOnlyConfig(host),
          new SocketDockerHttpClient(host, CONNECT_TIMEOUT, EngineProbe.QUERY_TIMEOUT));
    }
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(endpoint.host())
        .withDockerTlsVerify(true)
        .withDockerCertPath(endpoint.tls().toString())
        .build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .connectionTimeout(CONNECT_TIMEOUT)
        .responseTimeout(EngineProbe.QUERY_TIMEOUT)
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  /** The engine's address, nothing else: the plugin never asks the engine to pull or push. */
  private record AddressOnlyConfig(URI getDockerHost) implements com.github.dockerjava.core.DockerClientConfig {
    @Override
    public com.github.dockerjava.core.RemoteApiVersion getApiVersion() {
      return com.github.dockerjava.core.RemoteApiVersion.unknown();
    }

    @Override
    public String getRegistryUsername() {
      return null;
    }

    @Override
    public String getRegistryPassword() {
      return null;
    }

    @Override
    public String getRegistryEmail() {
      return null;
    }

    @Override
    public String getRegistryUrl() {
      return null;
    }

    @Override
    public com.github.dockerjava.api.model.AuthConfig effectiveAuthConfig(String imageName) {
      return null;
    }

    @Override
    public com.github.dockerjava.api.model.AuthConfigurations getAuthConfigurations() {
      return new com.github.dockerjava.api.model.AuthConfigurations();
    }

    @Override
    public com.github.dockerjava.core.SSLConfig getSSLConfig() {
      return null;
    }
  }

  /** The innermost message of a failure, for one line. */
  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  /** Reads the engine's {@code /version} and {@code /info} answers. */
  static EngineFacts facts(DockerEndpoint endpoint, Version version, Info info) {
    boolean containerd = false;
    List<List<String>> status = info.getDriverStatuses();
    if (status != null) {
      for (List<String> pair : status) {
        if (pair.size() == 2 && pair.get(0).equals("driver-type") && pair.get(1).startsWith("io.containerd.snapshotter")) {
          containerd = true;
        }
      }
    }
    String os = version.getOperatingSystem() == null ? "linux" : version.getOperatingSystem();
    String arch = version.getArch() == null ? info.getArchitecture() : version.getArch();
    return new EngineFacts(endpoint, version.getVersion(), version.getApiVersion(), os + "/" + arch, containerd,
        info.getHttpsProxy() != null && !info.getHttpsProxy().isBlank());
  }
}
