package io.github.dockerbuild.buildx;

import java.io.IOException;

/**
 * Reads what a build pushed with the plugin's own registry client (its login, TLS and retries),
 * where a {@code docker buildx imagetools inspect} process per platform would otherwise run.
 */
@FunctionalInterface
public interface ManifestReader {
  /**
   * @param reference {@code REPOSITORY@DIGEST}
   * @return the manifest or index, the bytes as the registry holds them
   */
  byte[] read(String reference) throws IOException, InterruptedException;

  /** For builds with no registry client: every read fails, so no layer sizes are recorded. */
  ManifestReader NONE = reference -> {
    throw new IOException("no registry client to read " + reference + " with");
  };
}
