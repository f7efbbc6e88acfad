package io.github.dockerbuild.engine;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.JsonException;
import io.github.dockerbuild.json.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * The engine questions through docker-java's transport ({@code docker-java-transport}, with
 * {@code docker-java-transport-zerodep} for a TLS engine): {@code GET /version} and {@code GET
 * /info}, read by the plugin's own JSON. docker-java's client core would map both answers onto its
 * model with Jackson and bring Guava and Apache Commons into the realm: about 0.5 s more before a
 * build can start, for six fields. On docker-java's side: {@link EngineProbe} enters it after asking
 * for the library ({@link io.github.dockerbuild.config.LazyLibrary#DOCKER_JAVA}).
 */
final class DockerJavaQueries {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private DockerJavaQueries() {}

  /** Asks the engine at {@code endpoint} for its version and info. */
  static EngineFacts engine(DockerEndpoint endpoint, String image) {
    try (DockerHttpClient client = client(endpoint)) {
      // /version answers only when the engine is up: no separate ping
      return facts(endpoint, get(client, "/version"), get(client, "/info"));
    } catch (IOException | RuntimeException e) {
      throw new EngineException("no Docker engine answers at " + endpoint + " (image " + image + "): "
          + (endpoint.tls() != null ? "TLS: " + reason(e) + "; check the engine and the ca.pem, cert.pem and key.pem "
              + "in " + endpoint.tls() + "; " : "")
          + "start Docker, or point DOCKER_HOST or the docker context at a running engine; "
          + "-Ddocker.skip=true skips the image goals");
    }
  }

  /** The {@code Id} of the image the engine holds under {@code reference}; empty when it holds none. */
  static java.util.Optional<String> imageId(DockerEndpoint endpoint, String reference) {
    try (DockerHttpClient client = client(endpoint)) {
      String id = get(client, "/images/" + java.net.URLEncoder.encode(reference, java.nio.charset.StandardCharsets.UTF_8)
          .replace("%2F", "/").replace("%3A", ":") + "/json").path("Id").asText(null);
      return java.util.Optional.ofNullable(id);
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * docker-java's transport to the engine. A Unix socket, or TCP without TLS, goes through a
   * JDK-only transport; a TLS engine ({@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}, or a
   * context's TLS material) through docker-java's zero-dependency transport, with that endpoint's
   * certificates.
   */
  static DockerHttpClient client(DockerEndpoint endpoint) {
    URI host = URI.create(endpoint.host());
    if (endpoint.tls() == null) {
      return new SocketDockerHttpClient(host, CONNECT_TIMEOUT, EngineProbe.QUERY_TIMEOUT);
    }
    return new ZerodepDockerHttpClient.Builder()
        .dockerHost(host)
        .sslConfig(new EngineTls(endpoint.tls()))
        .connectionTimeout(CONNECT_TIMEOUT)
        .responseTimeout(EngineProbe.QUERY_TIMEOUT)
        .build();
  }

  /** The answer to a GET, parsed; an engine's error status is an exception naming it. */
  static Tree get(DockerHttpClient client, String path) throws IOException {
    DockerHttpClient.Request request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.GET).path(path).build();
    try (DockerHttpClient.Response response = client.execute(request); InputStream body = response.getBody()) {
      byte[] bytes = body.readAllBytes();
      if (response.getStatusCode() != 200) {
        throw new IOException("GET " + path + " answered " + response.getStatusCode() + ": "
            + new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip());
      }
      return Json.tree(bytes);
    } catch (JsonException e) {
      throw new IOException("GET " + path + " answered other than JSON: " + e.getMessage(), e);
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
  static EngineFacts facts(DockerEndpoint endpoint, Tree version, Tree info) {
    boolean containerd = false;
    for (Tree pair : info.path("DriverStatus").elements()) {
      if (pair.size() == 2 && pair.path(0).asText().equals("driver-type")
          && pair.path(1).asText().startsWith("io.containerd.snapshotter")) {
        containerd = true;
      }
    }
    String os = version.path("Os").asText("linux");
    String arch = version.path("Arch").asText(info.path("Architecture").asText(null));
    String proxy = info.path("HttpsProxy").asText("");
    return new EngineFacts(endpoint, version.path("Version").asText(null), version.path("ApiVersion").asText(null),
        os + "/" + arch, containerd, !proxy.isBlank());
  }
}
