package io.github.dockerbuild.signature;

import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.config.InvalidConfigurationException;
import io.github.dockerbuild.config.Problems;
import io.github.dockerbuild.signature.keyless.KeylessPolicy;
import io.github.dockerbuild.signature.keyless.KeylessTrustRoot;
import io.github.dockerbuild.signature.keyless.KeylessVerifier;
import io.github.dockerbuild.signature.keyless.TrustRootException;
import java.nio.file.Path;

/**
 * Makes keyless verifiers for the verify stage: one trust root (a {@code trusted_root.json}, or the
 * public-good instance through TUF), loaded once, when the first keyless policy asks for it.
 */
public final class KeylessVerifiers implements VerifySpecFactory.KeylessFactory {
  private final Path trustedRoot;
  private final Path tufCache;
  private final String image;
  private SigstoreTrustedRoot root;
  private boolean failed;

  /**
   * @param trustedRoot a {@code trusted_root.json}, or null for the public-good instance
   * @param tufCache where the public-good trust root is cached
   * @param image the image, for messages
   */
  public KeylessVerifiers(Path trustedRoot, Path tufCache, String image) {
    this.trustedRoot = trustedRoot;
    this.tufCache = tufCache;
    this.image = image;
  }

  @Override
  public SignatureVerifier create(PolicySettings settings, Problems problems) {
    KeylessPolicy policy;
    try {
      policy = KeylessPolicy.builder()
          .names(settings.parameter(), settings.propertyPrefix())
          .identity(settings.certificateIdentity())
          .identityRegexp(settings.certificateIdentityRegexp())
          .issuer(settings.certificateOidcIssuer())
          .issuerRegexp(settings.certificateOidcIssuerRegexp())
          .githubRepository(settings.githubWorkflowRepository())
          .githubRef(settings.githubWorkflowRef())
          .githubTrigger(settings.githubWorkflowTrigger())
          .build(image);
    } catch (InvalidConfigurationException e) {
      e.problems().forEach(problems::addMessage);
      return null;
    }
    SigstoreTrustedRoot trust = root(problems);
    return trust == null ? null : new KeylessVerifier(trust, policy);
  }

  private SigstoreTrustedRoot root(Problems problems) {
    if (root == null && !failed) {
      try {
        root = trustedRoot != null ? KeylessTrustRoot.fromFile(trustedRoot) : KeylessTrustRoot.publicGood(tufCache);
      } catch (TrustRootException e) {
        failed = true;
        problems.addMessage(e.getMessage());
      }
    }
    return root;
  }
}
