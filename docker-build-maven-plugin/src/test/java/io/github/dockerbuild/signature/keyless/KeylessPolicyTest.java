package io.github.dockerbuild.signature.keyless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sigstore.strings.StringMatcher;
import io.github.dockerbuild.config.InvalidConfigurationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeylessPolicyTest {
  static final String IDENTITY = "https://github.com/octo-org/app/.github/workflows/release.yml@refs/heads/main";

  @Test
  void build_exactValues() {
    KeylessPolicy policy = KeylessPolicy.builder().identity(IDENTITY).issuer(" https://issuer.example ")
        .githubRepository("octo-org/app").githubRef("").build("img");

    assertThat(policy.identity()).isEqualTo(ClaimMatcher.exact(IDENTITY));
    assertThat(policy.issuer().text()).isEqualTo("https://issuer.example");
    assertThat(policy.githubRepository()).contains("octo-org/app");
    assertThat(policy.githubRef()).isEmpty();
    assertThat(policy.githubTrigger()).isEmpty();
  }

  @Test
  void build_nothingGiven_reportsIdentityAndIssuerAtOnce() {
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> KeylessPolicy.builder().build("img"));

    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(0)).startsWith(KeylessPolicy.IDENTITY + " '' is missing (so is "
        + KeylessPolicy.IDENTITY_REGEXP + "): give the signer's identity");
    assertThat(e.problems().get(1)).startsWith(KeylessPolicy.ISSUER + " '' is missing");
    assertThat(e).hasMessageContaining("image img: ");
  }

  @Test
  void build_everyBadField_reportedTogether() {
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> KeylessPolicy.builder()
            .identity(IDENTITY).identityRegexp("octo-org/.*")
            .issuerRegexp("https://(unclosed")
            .githubRepository("octo-org")
            .githubRef("main")
            .githubTrigger("Push Event")
            .build("img"));

    assertThat(e.problems()).containsExactly(
        KeylessPolicy.IDENTITY + " '" + IDENTITY + "' conflicts with " + KeylessPolicy.IDENTITY_REGEXP
            + " 'octo-org/.*': give one of them, as cosign takes one",
        KeylessPolicy.ISSUER_REGEXP + " 'https://(unclosed' is not a regular expression (Unclosed group near index 17)"
            + ": fix the expression; it matches anywhere unless anchored with ^ and $",
        KeylessPolicy.GITHUB_REPOSITORY + " 'octo-org' is not of the form [^/\\s]+/[^/\\s]+: write it as OWNER/REPO",
        KeylessPolicy.GITHUB_REF + " 'main' is not of the form refs/\\S+: write it as refs/heads/BRANCH or refs/tags/TAG",
        KeylessPolicy.GITHUB_TRIGGER + " 'Push Event' is not of the form [a-z_]+: write the event name, e.g. push or release");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "octo-org/app/                                   | true",
      "^octo-org/app/                                  | false",
      "^https://github\\.com/octo-org/                 | true",
      "refs/heads/main$                                | true",
      "^https://github\\.com/octo-org/app/.*@refs/heads/main$ | true",
      "^https://github\\.com/octo-org/other/           | false",
      "@refs/tags/                                     | false",
  })
  void regexp_matchesAnywhereUnlessAnchored_likeCosign(String regexp, boolean matches) {
    assertThat(ClaimMatcher.regexp(regexp).matches(IDENTITY)).isEqualTo(matches);
  }

  @Test
  void regexp_unanchored_sigstoreJavaWouldRequireAWholeMatch() throws Exception {
    // the gap closed here: sigstore-java 2.0.0 matches the whole claim, cosign (and we) search in it
    assertThat(StringMatcher.regex("octo-org/app/").test(IDENTITY)).isFalse();
    assertThat(ClaimMatcher.regexp("octo-org/app/").matches(IDENTITY)).isTrue();
  }

  @Test
  void exact_isNotAPattern() {
    assertThat(ClaimMatcher.exact("a.c").matches("abc")).isFalse();
    assertThat(ClaimMatcher.exact("a.c").matches("a.c")).isTrue();
    assertThat(ClaimMatcher.exact("a.c").matches(null)).isFalse();
    assertThat(ClaimMatcher.exact("a").describe()).isEqualTo("'a'");
    assertThat(ClaimMatcher.regexp("a").describe()).isEqualTo("matching 'a'");
  }

  @Test
  void policy_blankClaimsMeanAny() {
    KeylessPolicy policy = new KeylessPolicy(ClaimMatcher.exact("a"), ClaimMatcher.exact("b"),
        Optional.of(" "), Optional.empty(), Optional.of("push"));

    assertThat(policy.githubRepository()).isEmpty();
    assertThat(policy.githubTrigger()).contains("push");
  }
}
