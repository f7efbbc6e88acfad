package io.github.dockerbuild.domain;

import io.github.dockerbuild.json.JsonCreator;
import io.github.dockerbuild.json.JsonValue;
import java.util.Locale;

/** What the verify stage decided about one input. */
public enum VerifyOutcome {
  /** Signed as the policy asks: used by its verified digest. */
  VERIFIED,
  /** A cache source whose signature failed: not used, the build goes on. */
  DROPPED,
  /** A base image whose signature failed: the build stops. */
  FAILED,
  /** No policy for it: used as configured. */
  SKIPPED;

  /** The record's and report's word: {@code verified}, {@code dropped}, ... */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static VerifyOutcome of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
