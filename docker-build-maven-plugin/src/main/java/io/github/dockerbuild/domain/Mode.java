package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.InvalidValueException;
import java.util.Locale;

/**
 * What kind of build this is; decides the version and the {@code latest} tag. Which modes push is
 * {@code <pushModes>}' (by default {@code release} alone).
 */
public enum Mode {
  /** A release tag was built: tag {@code latest}; pushes, signs and publishes by default. */
  RELEASE,
  /** A branch build in CI: the short SHA as version, no {@code latest}; builds only unless {@code <pushModes>} lists it. */
  BRANCH,
  /** A pull-request build: build and test only. */
  PULL_REQUEST,
  /** A build outside CI: load into the local engine, push nothing. */
  LOCAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@code release}, {@code branch}, {@code pull-request}, {@code local}; blank or {@code auto} is null. */
  public static Mode parse(String text) {
    if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("auto")) {
      return null;
    }
    for (Mode m : values()) {
      if (m.id().equalsIgnoreCase(text.trim()) || m.name().equalsIgnoreCase(text.trim())) {
        return m;
      }
    }
    throw new InvalidValueException("<mode> (-Ddocker.mode)", text, "is not a build mode",
        "use auto, release, branch, pull-request or local");
  }
}
