package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.PlatformResult;
import java.util.List;
import java.util.stream.Collectors;

/** One or more platforms of an image failed to build; the others finished and were recorded. */
public final class BuildFailedException extends Exception {
  private final List<PlatformResult> failed;

  public BuildFailedException(String image, List<PlatformResult> failed) {
    super("image " + image + ": the build failed for "
        + failed.stream().map(BuildFailedException::where).collect(Collectors.joining(", "))
        + " (" + failed.get(0).error() + "); nothing multi-arch is published. "
        + "The log lines prefixed [" + failed.get(0).platform() + "] show why");
    this.failed = List.copyOf(failed);
  }

  public List<PlatformResult> failed() {
    return failed;
  }

  /** The platform, and the node it failed on unless that is the default one. */
  private static String where(io.github.dockerbuild.domain.PlatformResult result) {
    String node = result.builder();
    List<String> nodes = new java.util.ArrayList<>(result.failedOn());
    if (node != null && (!node.equals("default") || !nodes.isEmpty())) {
      nodes.add(node);
    }
    return result.platform() + (nodes.isEmpty() ? "" : " (on " + String.join(", then ", nodes) + ")");
  }
}
