package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.InvalidValueException;
import java.util.Locale;

/** What kind of build this is; decides the version, the {@code latest} tag and whether to push. */
public enum Mode {
  /** A release tag was built: push, sign, publish, tag {@code latest}. */
  RELEASE(true),
  /** A branch build in CI: push (feeds caches and edge images), no {@code latest}. */
  BRANCH(true),
  /** A pull-request build: build and test only. */
  PULL_REQUEST(false),
  /** A build outside CI: load into the local engine, push nothing. */
  LOCAL(false);

  private final boolean pushByDefault;

  Mode(boolean pushByDefault) {
    this.pushByDefault = pushByDefault;
  }

  public boolean pushByDefault() {
    return pushByDefault;
  }

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
