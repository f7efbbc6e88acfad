package io.github.dockerbuild.domain;

import io.github.dockerbuild.json.JsonCreator;
import io.github.dockerbuild.json.JsonValue;
import java.util.Locale;

/** What the sign goal signs. */
public enum SignTarget {
  /** The multi-arch index publish pushed. */
  INDEX,
  /** Every per-arch image build pushed. */
  PLATFORMS;

  /** The name used in the POM, the plan and the log. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static SignTarget of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
