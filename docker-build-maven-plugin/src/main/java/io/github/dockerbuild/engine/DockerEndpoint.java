package io.github.dockerbuild.engine;

/**
 * The engine address the docker CLI would use, and where that choice came from (for messages).
 *
 * @param host e.g. {@code unix:///var/run/docker.sock} or {@code tcp://host:2376}
 * @param source e.g. {@code DOCKER_HOST}, {@code docker context node2}, {@code the default socket}
 */
public record DockerEndpoint(String host, String source) {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  @Override
  public String toString() {
    return host + " (" + source + ")";
  }
}
