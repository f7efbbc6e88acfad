package io.github.dockerbuild.buildx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Pushes the OCI layout a reproducible build wrote, with the plugin's own registry client. */
@FunctionalInterface
public interface LayoutPush {
  /**
   * @param layout the layout directory BuildKit wrote
   * @param references where to push it, primary first
   * @return the digest pushed
   */
  String push(Path layout, List<String> references) throws IOException, InterruptedException;

  /** For builds that never push a layout: refuses. */
  LayoutPush NONE = (layout, references) -> {
    throw new IOException("no registry client to push " + layout + " with");
  };
}
