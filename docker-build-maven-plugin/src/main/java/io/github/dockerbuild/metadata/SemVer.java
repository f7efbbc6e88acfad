package io.github.dockerbuild.metadata;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version read as semantic versioning, for the {@code {major}}, {@code {minor}} and
 * {@code {patch}} tag placeholders: {@code 1.4.2}, {@code v1.4.2}, {@code 1.4} (patch 0) and
 * {@code 1} (minor and patch 0), with an optional pre-release ({@code -rc.1}, {@code -SNAPSHOT})
 * and build part ({@code +build.7}).
 */
public record SemVer(long major, long minor, long patch, String preRelease) {
  private static final Pattern FORM = Pattern.compile(
      "[vV]?(0|[1-9]\\d{0,17})(?:\\.(0|[1-9]\\d{0,17}))?(?:\\.(0|[1-9]\\d{0,17}))?"
          + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  /** The version, when it has this form. */
  public static Optional<SemVer> parse(String version) {
    if (version == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(version.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SemVer(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Long.parseLong(m.group(2)),
        m.group(3) == null ? 0 : Long.parseLong(m.group(3)), m.group(4)));
  }

  /** A pre-release ({@code 1.4.0-rc.1}, {@code 2.0.0-SNAPSHOT}): its tags move too often for {@code latest}. */
  public boolean isPreRelease() {
    return preRelease != null;
  }
}
