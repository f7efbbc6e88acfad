package io.github.dockerbuild.engine;

import java.nio.file.Path;

/**
 * The engine address the docker CLI would use, and where that choice came from (for messages).
 *
 * @param host e.g. {@code unix:///var/run/docker.sock}, {@code tcp://host:2376} or {@code ssh://user@host}
 * @param source e.g. {@code DOCKER_HOST}, {@code docker context node2}, {@code the default socket}
 * @param context the docker context it is the endpoint of, or null (the default one, or {@code DOCKER_HOST})
 * @param tls the directory of {@code ca.pem}, {@code cert.pem} and {@code key.pem} for a TCP engine
 *     spoken to over TLS ({@code DOCKER_CERT_PATH}, or a context's TLS material), or null for none
 * @param tlsVerify whether the engine's certificate is checked against that CA
 */
public record DockerEndpoint(String host, String source, String context, Path tls, boolean tlsVerify) {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /** An endpoint without TLS, of no named context. */
  public DockerEndpoint(String host, String source) {
    this(host, source, null, null, false);
  }

  /** {@code unix}, {@code tcp}, {@code ssh}, ... */
  public String scheme() {
    int colon = host.indexOf("://");
    return colon < 0 ? "" : host.substring(0, colon);
  }

  /** Whether docker-java can speak to it (a Unix socket, or TCP with or without TLS); else the CLI is asked. */
  public boolean dockerJavaCanReach() {
    return scheme().equals("unix") || scheme().equals("tcp");
  }

  /**
   * The docker CLI's options that reach exactly this endpoint: {@code --context NAME} for a named
   * context (its TLS material included), else {@code --host}, with the TLS options when it has some.
   */
  public java.util.List<String> cliOptions() {
    if (context != null) {
      return java.util.List.of("--context", context);
    }
    java.util.List<String> options = new java.util.ArrayList<>(java.util.List.of("--host", host));
    if (tls != null) {
      options.addAll(java.util.List.of(tlsVerify ? "--tlsverify" : "--tls",
          "--tlscacert", tls.resolve("ca.pem").toString(), "--tlscert", tls.resolve("cert.pem").toString(),
          "--tlskey", tls.resolve("key.pem").toString()));
    }
    return options;
  }

  @Override
  public String toString() {
    return host + " (" + source + (tls == null ? "" : tlsVerify ? ", TLS" : ", TLS without verification") + ")";
  }
}
