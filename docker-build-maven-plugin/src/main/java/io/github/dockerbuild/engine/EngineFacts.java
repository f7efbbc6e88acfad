package io.github.dockerbuild.engine;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import java.util.List;

/**
 * What an engine said about itself, reduced to what preflight needs.
 *
 * @param endpoint where it answered
 * @param serverVersion e.g. {@code 26.1.5}
 * @param apiVersion e.g. {@code 1.45}
 * @param platform its native platform, e.g. {@code linux/amd64}
 * @param containerdImageStore whether images live in containerd's store (multi-platform, zstd,
 *     cache export with the docker driver)
 */
public record EngineFacts(
    DockerEndpoint endpoint, String serverVersion, String apiVersion, String platform, boolean containerdImageStore) {

  /** Reads the engine's {@code /version} and {@code /info} answers. */
  public static EngineFacts of(DockerEndpoint endpoint, Version version, Info info) {
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
    return new EngineFacts(endpoint, version.getVersion(), version.getApiVersion(), os + "/" + arch, containerd);
  }
}
