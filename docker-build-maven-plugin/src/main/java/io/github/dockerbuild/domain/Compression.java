package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Layer compression of pushed images. */
public enum Compression {
  ZSTD,
  GZIP,
  ESTARGZ,
  UNCOMPRESSED;

  public String buildkitName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Highest level BuildKit accepts for this algorithm. */
  public int maxLevel() {
    return switch (this) {
      case ZSTD -> 22;
      case GZIP, ESTARGZ -> 9;
      case UNCOMPRESSED -> 0;
    };
  }

  public static Compression parse(String text) {
    for (Compression c : values()) {
      if (c.buildkitName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return c;
      }
    }
    throw new InvalidValueException(
        "<compression> (-Ddocker.compression)", String.valueOf(text), "is not a compression",
        "use one of "
            + Arrays.stream(values()).map(Compression::buildkitName).collect(Collectors.joining(", ")));
  }
}
