package io.github.dockerbuild.domain;

import io.github.dockerbuild.json.JsonCreator;
import io.github.dockerbuild.json.JsonValue;
import java.util.Locale;

/** What a verified input is to the build. */
public enum InputRole {
  /** An image a Dockerfile stage builds FROM (a build arg named in {@code <baseImages>}). */
  BASE,
  /** A {@code type=registry} cache source. */
  CACHE;

  /** The record's and report's word: {@code base}, {@code cache}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static InputRole of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
