package io.github.dockerbuild.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies of what Maven injects: an empty element ({@code <tag> </tag>}) arrives as null, which the
 * stages treat as "not set", never as a crash.
 */
public final class Values {
  private Values() {}

  /** An unmodifiable copy without nulls; null gives an empty list. */
  public static <T> List<T> list(List<T> values) {
    if (values == null) {
      return List.of();
    }
    return List.copyOf(values.stream().filter(Objects::nonNull).toList());
  }

  /** An unmodifiable, order-keeping copy without null keys; null values become empty strings. */
  public static Map<String, String> map(Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((k, v) -> {
        if (k != null) {
          copy.put(k, v == null ? "" : v);
        }
      });
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** Null for null or blank, else trimmed. */
  public static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
