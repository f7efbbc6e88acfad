package io.github.dockerbuild.signature.keyless;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How a certificate claim (identity or OIDC issuer) must look: an exact string or a regular
 * expression, with cosign's semantics.
 *
 * <p>A regular expression matches <em>anywhere</em> in the claim unless it is anchored, as cosign's
 * {@code --certificate-identity-regexp} does (Go's {@code regexp.MatchString}, here
 * {@link java.util.regex.Matcher#find()}): {@code octo-org/app/} matches
 * {@code https://github.com/octo-org/app/.github/workflows/release.yml@refs/heads/main}; write
 * {@code ^https://github\.com/octo-org/app/.*$} to pin the whole identity. The syntax is Java's,
 * which agrees with Go's RE2 for the usual constructs (classes, groups, alternation, anchors,
 * {@code \.}); Java has back-references and look-arounds that RE2 lacks.
 */
public final class ClaimMatcher {
  private final String text;
  private final Pattern pattern;

  private ClaimMatcher(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /** Matches exactly {@code value}. */
  public static ClaimMatcher exact(String value) {
    return new ClaimMatcher(Objects.requireNonNull(value, "value"), null);
  }

  /**
   * Matches when {@code regexp} is found anywhere in the claim.
   *
   * @throws PatternSyntaxException when it is not a regular expression
   */
  public static ClaimMatcher regexp(String regexp) {
    return new ClaimMatcher(regexp, Pattern.compile(regexp));
  }

  public boolean isRegexp() {
    return pattern != null;
  }

  /** The exact value or the regular expression, as given. */
  public String text() {
    return text;
  }

  public boolean matches(String claim) {
    if (claim == null) {
      return false;
    }
    return pattern == null ? text.equals(claim) : pattern.matcher(claim).find();
  }

  /** {@code 'value'} or {@code matching 'regexp'}, for messages. */
  public String describe() {
    return (pattern == null ? "'" : "matching '") + text + "'";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClaimMatcher other && text.equals(other.text) && isRegexp() == other.isRegexp();
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, isRegexp());
  }

  @Override
  public String toString() {
    return describe();
  }
}
