package io.github.dockerbuild.mojo;

import java.io.File;

/**
 * {@code <basePolicy>} / {@code <cachePolicy>}: who must have signed an image, as cosign's
 * {@code verify} flags say it. Either a public key, or a keyless identity and issuer.
 *
 * <pre>{@code
 * <cachePolicy><publicKey>${maven.multiModuleProjectDirectory}/cosign.pub</publicKey></cachePolicy>
 * <basePolicy>
 *   <certificateIdentityRegexp>^https://github\.com/org/base/\.github/workflows/</certificateIdentityRegexp>
 *   <certificateOidcIssuer>https://token.actions.githubusercontent.com</certificateOidcIssuer>
 * </basePolicy>
 * }</pre>
 *
 * Every field can be overridden with {@code -Ddocker.verify.basePolicy.FIELD} or
 * {@code -Ddocker.verify.cachePolicy.FIELD}.
 */
public class PolicyConfig {
  /** A PEM public key (cosign's {@code --key}): ECDSA, RSA or Ed25519. */
  public File publicKey;

  /** Accept signatures without a transparency-log entry (cosign's {@code --insecure-ignore-tlog}). */
  public boolean insecureIgnoreTlog;

  /** The exact signer identity of a keyless signature (an e-mail or a workflow URI). */
  public String certificateIdentity;

  /**
   * A regular expression for the identity; it matches anywhere in the identity unless anchored
   * with {@code ^...$}, as in cosign.
   */
  public String certificateIdentityRegexp;

  /** The exact OIDC issuer of a keyless signature. */
  public String certificateOidcIssuer;

  /** A regular expression for the issuer; matches anywhere unless anchored. */
  public String certificateOidcIssuerRegexp;

  /** The GitHub repository claim of the signing workflow, {@code org/repo}. */
  public String certificateGithubWorkflowRepository;

  /** The GitHub ref claim, e.g. {@code refs/heads/main}. */
  public String certificateGithubWorkflowRef;

  /** The GitHub trigger claim, e.g. {@code push}. */
  public String certificateGithubWorkflowTrigger;
}
