package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.Placeholders;
import io.github.dockerbuild.config.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code --cache-from} or {@code --cache-to} entry in buildx's CSV form
 * ({@code type=registry,ref=host/app:cache}). Values may hold placeholders ({@code {arch}},
 * {@code {image}}, {@code {archImage}}, {@code {tag}}, {@code {scope}}) that are replaced per
 * platform by {@link #resolve(Map)}.
 */
public record CacheEntry(String type, Map<String, String> attributes) {
  private static final Set<String> TYPES = Set.of("registry", "local", "gha", "inline", "s3", "azblob");

  public CacheEntry {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * Parses a buildx cache entry; a bare word is its type ({@code inline}, {@code gha}).
   *
   * @param parameter the POM element for error messages, {@code <cacheFrom>} or {@code <cacheTo>}
   */
  public static CacheEntry parse(String parameter, String text) {
    String value = text == null ? "" : text.trim();
    if (value.isEmpty()) {
      throw new InvalidValueException(parameter, value, "is empty", "remove the element or give type=...");
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    String type = null;
    for (String field : value.split(",")) {
      int eq = field.indexOf('=');
      if (eq < 0 && type == null && attrs.isEmpty() && !value.contains(",")) {
        type = field.trim();
        continue;
      }
      if (eq <= 0) {
        throw new InvalidValueException(parameter, value, "has a field without key=value: '" + field + "'",
            "write it as type=registry,ref=HOST/REPO:TAG");
      }
      String key = field.substring(0, eq).trim();
      String val = field.substring(eq + 1).trim();
      if (key.equals("type")) {
        type = val;
      } else {
        attrs.put(key, val);
      }
    }
    if (type == null) {
      throw new InvalidValueException(parameter, value, "has no type", "start it with type=registry|local|gha|inline");
    }
    if (!TYPES.contains(type)) {
      throw new InvalidValueException(parameter, value, "has an unknown type '" + type + "'",
          "use one of " + TYPES.stream().sorted().collect(Collectors.joining(", ")));
    }
    CacheEntry entry = new CacheEntry(type, attrs);
    entry.validate(parameter, value);
    return entry;
  }

  private void validate(String parameter, String value) {
    boolean export = parameter.contains("To");
    switch (type) {
      case "registry" -> require(parameter, value, "ref", "type=registry needs ref=HOST/REPO:TAG");
      case "local" -> require(parameter, value, export ? "dest" : "src",
          export ? "type=local needs dest=DIRECTORY" : "type=local needs src=DIRECTORY");
      default -> { }
    }
    if (!export && type.equals("inline")) {
      throw new InvalidValueException(parameter, value, "cannot be a cache source",
          "inline cache is read with type=registry,ref=IMAGE_WITH_INLINE_CACHE");
    }
  }

  private void require(String parameter, String value, String key, String fix) {
    if (!attributes.containsKey(key) || attributes.get(key).isBlank()) {
      throw new InvalidValueException(parameter, value, "has no " + key, fix);
    }
  }

  /** Replaces {@code {name}} placeholders in every attribute value. */
  public CacheEntry resolve(Map<String, String> placeholders) {
    Map<String, String> resolved = new LinkedHashMap<>();
    attributes.forEach((k, v) -> resolved.put(k, Placeholders.replace(v, placeholders)));
    return new CacheEntry(type, resolved);
  }

  /** This entry with one attribute set (added last when new). */
  public CacheEntry with(String key, String value) {
    Map<String, String> changed = new LinkedHashMap<>(attributes);
    changed.put(key, value);
    return new CacheEntry(type, changed);
  }

  /** The registry reference this entry reads, for {@code type=registry}; otherwise null. */
  public String registryRef() {
    return type.equals("registry") ? attributes.get("ref") : null;
  }

  /** The buildx CSV form. */
  public String toArg() {
    StringBuilder sb = new StringBuilder("type=").append(type);
    attributes.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
    return sb.toString();
  }

  @Override
  public String toString() {
    return toArg();
  }
}
