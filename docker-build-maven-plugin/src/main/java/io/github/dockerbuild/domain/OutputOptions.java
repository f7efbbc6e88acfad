package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.InvalidValueException;

/**
 * How pushed images are written: layer compression, its level, whether existing layers are
 * recompressed, and OCI media types. The default is what fast pipelines use: zstd level 9, forced,
 * OCI media types.
 */
public record OutputOptions(Compression compression, Integer level, boolean force, boolean ociMediaTypes) {
  public static final OutputOptions DEFAULT = new OutputOptions(Compression.ZSTD, 9, true, true);

  public OutputOptions {
    if (compression == Compression.UNCOMPRESSED) {
      level = null; // there is nothing to compress
    }
    if (level != null && (level < 0 || level > compression.maxLevel())) {
      throw new InvalidValueException("<compressionLevel>", String.valueOf(level),
          "is out of range for " + compression.buildkitName(),
          "use 0.." + compression.maxLevel() + " or leave it empty");
    }
    if (compression == Compression.ZSTD && !ociMediaTypes) {
      throw new InvalidValueException("<ociMediaTypes>", "false", "conflicts with <compression>zstd",
          "zstd layers need OCI media types: set <ociMediaTypes>true or use <compression>gzip");
    }
    if (compression == Compression.ESTARGZ && !ociMediaTypes) {
      throw new InvalidValueException("<ociMediaTypes>", "false", "conflicts with <compression>estargz",
          "estargz layers need OCI media types: set <ociMediaTypes>true or use <compression>gzip");
    }
  }

  /** The attributes appended to {@code type=image,...}. */
  public String toAttributes() {
    StringBuilder sb = new StringBuilder("compression=").append(compression.buildkitName());
    if (level != null && compression != Compression.UNCOMPRESSED) {
      sb.append(",compression-level=").append(level);
    }
    if (force) {
      sb.append(",force-compression=true");
    }
    sb.append(",oci-mediatypes=").append(ociMediaTypes);
    return sb.toString();
  }
}
