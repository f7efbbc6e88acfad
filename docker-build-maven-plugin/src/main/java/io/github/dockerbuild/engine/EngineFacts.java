package io.github.dockerbuild.engine;


/**
 * What an engine said about itself, reduced to what preflight needs.
 *
 * @param endpoint where it answered
 * @param serverVersion e.g. {@code 26.1.5}
 * @param apiVersion e.g. {@code 1.45}
 * @param platform its native platform, e.g. {@code linux/amd64}
 * @param containerdImageStore whether images live in containerd's store (multi-platform, zstd,
 *     cache export with the docker driver)
 * @param httpsProxy whether the engine has an HTTPS proxy (its {@code daemon.json} {@code proxies}
 *     or its environment), which its own pulls and pushes, BuildKit's included, go through
 * (docker-java's answers become these in {@code DockerJavaQueries}, on docker-java's side)
 */
public record EngineFacts(DockerEndpoint endpoint, String serverVersion, String apiVersion, String platform,
    boolean containerdImageStore, boolean httpsProxy) {

  /** An engine without a proxy. */
  public EngineFacts(DockerEndpoint endpoint, String serverVersion, String apiVersion, String platform,
      boolean containerdImageStore) {
    this(endpoint, serverVersion, apiVersion, platform, containerdImageStore, false);
  }
}
