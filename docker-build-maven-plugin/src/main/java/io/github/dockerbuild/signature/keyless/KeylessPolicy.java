package io.github.dockerbuild.signature.keyless;

import io.github.dockerbuild.config.InvalidConfigurationException;
import io.github.dockerbuild.config.Problems;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Who must have signed, for keyless (Fulcio certificate) signatures: cosign's
 * {@code --certificate-identity[-regexp]}, {@code --certificate-oidc-issuer[-regexp]} and
 * {@code --certificate-github-workflow-*} flags as one immutable value.
 *
 * <ul>
 *   <li>{@code identity}: one of the certificate's subject alternative names (email, URI or
 *       other name), exact or a regular expression found anywhere in it ({@link ClaimMatcher});
 *   <li>{@code issuer}: the OIDC issuer extension (OID 1.3.6.1.4.1.57264.1.8, else the older
 *       1.3.6.1.4.1.57264.1.1), exact or a regular expression, same semantics;
 *   <li>optional GitHub workflow claims, compared exactly like cosign does, from Fulcio's
 *       extensions 1.3.6.1.4.1.57264.1.5 (repository, {@code owner/name}), 1.3.6.1.4.1.57264.1.6
 *       (ref, {@code refs/heads/main}) and 1.3.6.1.4.1.57264.1.2 (trigger, {@code push}).
 *       Empty means any.
 * </ul>
 *
 * @param identity how the signer's identity must look
 * @param issuer how the OIDC issuer must look
 * @param githubRepository the workflow's repository, or empty for any
 * @param githubRef the workflow's git ref, or empty for any
 * @param githubTrigger the event that triggered the workflow, or empty for any
 */
public record KeylessPolicy(
    ClaimMatcher identity,
    ClaimMatcher issuer,
    Optional<String> githubRepository,
    Optional<String> githubRef,
    Optional<String> githubTrigger) {

  /** POM element (and {@code -D} property) names used in messages, without a policy prefix. */
  public static final String IDENTITY = "<certificateIdentity> (-Ddocker.verify.certificateIdentity)";
  public static final String IDENTITY_REGEXP =
      "<certificateIdentityRegexp> (-Ddocker.verify.certificateIdentityRegexp)";
  public static final String ISSUER = "<certificateOidcIssuer> (-Ddocker.verify.certificateOidcIssuer)";
  public static final String ISSUER_REGEXP =
      "<certificateOidcIssuerRegexp> (-Ddocker.verify.certificateOidcIssuerRegexp)";
  public static final String GITHUB_REPOSITORY =
      "<certificateGithubWorkflowRepository> (-Ddocker.verify.certificateGithubWorkflowRepository)";
  public static final String GITHUB_REF =
      "<certificateGithubWorkflowRef> (-Ddocker.verify.certificateGithubWorkflowRef)";
  public static final String GITHUB_TRIGGER =
      "<certificateGithubWorkflowTrigger> (-Ddocker.verify.certificateGithubWorkflowTrigger)";

  public KeylessPolicy {
    java.util.Objects.requireNonNull(identity, "identity");
    java.util.Objects.requireNonNull(issuer, "issuer");
    githubRepository = githubRepository.filter(s -> !s.isBlank());
    githubRef = githubRef.filter(s -> !s.isBlank());
    githubTrigger = githubTrigger.filter(s -> !s.isBlank());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Raw values as configured; {@link #build(String)} checks them all at once. */
  public static final class Builder {
    private String identity;
    private String identityRegexp;
    private String issuer;
    private String issuerRegexp;
    private String githubRepository;
    private String githubRef;
    private String githubTrigger;
    private String pomPrefix = "";
    private String propertyPrefix = "docker.verify.";

    private Builder() {}

    /**
     * Where the fields live, for messages: {@code <basePolicy>} and {@code docker.verify.basePolicy.}
     * name {@code <basePolicy><certificateIdentity> (-Ddocker.verify.basePolicy.certificateIdentity)}.
     */
    public Builder names(String pom, String property) {
      this.pomPrefix = pom;
      this.propertyPrefix = property;
      return this;
    }

    private String name(String field) {
      return pomPrefix + "<" + field + "> (-D" + propertyPrefix + field + ")";
    }

    public Builder identity(String value) {
      this.identity = value;
      return this;
    }

    public Builder identityRegexp(String value) {
      this.identityRegexp = value;
      return this;
    }

    public Builder issuer(String value) {
      this.issuer = value;
      return this;
    }

    public Builder issuerRegexp(String value) {
      this.issuerRegexp = value;
      return this;
    }

    public Builder githubRepository(String value) {
      this.githubRepository = value;
      return this;
    }

    public Builder githubRef(String value) {
      this.githubRef = value;
      return this;
    }

    public Builder githubTrigger(String value) {
      this.githubTrigger = value;
      return this;
    }

    /**
     * @param image the image the policy is for, named in the message
     * @throws InvalidConfigurationException listing every bad or missing field
     */
    public KeylessPolicy build(String image) {
      Problems problems = new Problems();
      ClaimMatcher identityMatcher = matcher(problems, identity, name("certificateIdentity"), identityRegexp,
          name("certificateIdentityRegexp"),
          "the signer's identity, e.g. https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/heads/main"
              + " or an email address");
      ClaimMatcher issuerMatcher = matcher(problems, issuer, name("certificateOidcIssuer"), issuerRegexp,
          name("certificateOidcIssuerRegexp"),
          "the OIDC issuer, e.g. https://token.actions.githubusercontent.com");
      checkClaim(problems, name("certificateGithubWorkflowRepository"), githubRepository, "[^/\\s]+/[^/\\s]+", "write it as OWNER/REPO");
      checkClaim(problems, name("certificateGithubWorkflowRef"), githubRef, "refs/\\S+", "write it as refs/heads/BRANCH or refs/tags/TAG");
      checkClaim(problems, name("certificateGithubWorkflowTrigger"), githubTrigger, "[a-z_]+", "write the event name, e.g. push or release");
      problems.throwIfAny(image);
      return new KeylessPolicy(identityMatcher, issuerMatcher, Optional.ofNullable(trim(githubRepository)),
          Optional.ofNullable(trim(githubRef)), Optional.ofNullable(trim(githubTrigger)));
    }

    private static ClaimMatcher matcher(Problems problems, String exact, String exactName, String regexp,
        String regexpName, String what) {
      String e = trim(exact);
      String r = trim(regexp);
      if (e != null && r != null) {
        problems.add(exactName, e, "conflicts with " + regexpName + " '" + r + "'",
            "give one of them, as cosign takes one");
        return null;
      }
      if (e == null && r == null) {
        problems.add(exactName, "", "is missing (so is " + regexpName + ")", "give " + what);
        return null;
      }
      if (e != null) {
        return ClaimMatcher.exact(e);
      }
      try {
        return ClaimMatcher.regexp(r);
      } catch (PatternSyntaxException ex) {
        problems.add(regexpName, r, "is not a regular expression (" + ex.getDescription() + " near index "
            + ex.getIndex() + ")", "fix the expression; it matches anywhere unless anchored with ^ and $");
        return null;
      }
    }

    private static void checkClaim(Problems problems, String name, String value, String form, String fix) {
      String v = trim(value);
      if (v != null && !v.matches(form)) {
        problems.add(name, v, "is not of the form " + form, fix);
      }
    }

    private static String trim(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }
  }
}
