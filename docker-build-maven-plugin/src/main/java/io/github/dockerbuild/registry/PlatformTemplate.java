package io.github.dockerbuild.registry;

import io.github.dockerbuild.json.JsonName;
import io.github.dockerbuild.json.OmitNulls;

/**
 * The {@code platform} of an index entry.
 *
 * <pre>{"architecture":"arm64","os":"linux","variant":"v8"}</pre>
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md">image-index.md</a>
 */
@OmitNulls
public record PlatformTemplate(
    String architecture,
    String os,
    @JsonName("os.version") String osVersion,
    String variant) {

  public static PlatformTemplate of(String os, String architecture, String variant) {
    return new PlatformTemplate(architecture, os, null, variant);
  }
}
