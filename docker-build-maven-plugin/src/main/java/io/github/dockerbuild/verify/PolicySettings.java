package io.github.dockerbuild.verify;

import java.nio.file.Path;

/**
 * A verification policy as configured ({@code <basePolicy>} or {@code <cachePolicy>}): either a
 * public key (cosign's {@code --key}) or a keyless identity (cosign's
 * {@code --certificate-identity[-regexp]} and {@code --certificate-oidc-issuer[-regexp]}).
 *
 * @param parameter the POM element, for messages: {@code <basePolicy>} or {@code <cachePolicy>}
 * @param propertyPrefix the prefix of its fields' {@code -D} properties, e.g. {@code docker.verify.basePolicy.}
 * @param publicKey a PEM public key file, or null
 * @param insecureIgnoreTlog accept signatures without a transparency-log entry
 * @param certificateIdentity the exact signer identity (keyless), or null
 * @param certificateIdentityRegexp a regular expression for the identity, or null
 * @param certificateOidcIssuer the exact OIDC issuer (keyless), or null
 * @param certificateOidcIssuerRegexp a regular expression for the issuer, or null
 * @param githubWorkflowRepository the GitHub repository claim, or null
 * @param githubWorkflowRef the GitHub ref claim, or null
 * @param githubWorkflowTrigger the GitHub trigger claim, or null
 */
public record PolicySettings(
    String parameter, String propertyPrefix, Path publicKey, boolean insecureIgnoreTlog, String certificateIdentity,
    String certificateIdentityRegexp, String certificateOidcIssuer, String certificateOidcIssuerRegexp,
    String githubWorkflowRepository, String githubWorkflowRef, String githubWorkflowTrigger) {

  /** Whether anything is configured: a policy with nothing set means "not verified". */
  public boolean isSet() {
    return publicKey != null || isKeyless();
  }

  /** The policy in words, for the plan: the key, or the identity and issuer a certificate must name; null when unset. */
  public String describe() {
    if (publicKey != null) {
      return "key " + publicKey + (insecureIgnoreTlog ? " (no transparency log)" : "");
    }
    if (!isKeyless()) {
      return null;
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    add(parts, "identity ", certificateIdentity);
    add(parts, "identity matching ", certificateIdentityRegexp);
    add(parts, "issuer ", certificateOidcIssuer);
    add(parts, "issuer matching ", certificateOidcIssuerRegexp);
    add(parts, "workflow repository ", githubWorkflowRepository);
    add(parts, "workflow ref ", githubWorkflowRef);
    add(parts, "workflow trigger ", githubWorkflowTrigger);
    return "keyless, " + String.join(", ", parts);
  }

  private static void add(java.util.List<String> parts, String what, String value) {
    if (value != null) {
      parts.add(what + value);
    }
  }

  /** Whether any keyless field is set. */
  public boolean isKeyless() {
    return certificateIdentity != null || certificateIdentityRegexp != null || certificateOidcIssuer != null
        || certificateOidcIssuerRegexp != null || githubWorkflowRepository != null || githubWorkflowRef != null
        || githubWorkflowTrigger != null;
  }
}
