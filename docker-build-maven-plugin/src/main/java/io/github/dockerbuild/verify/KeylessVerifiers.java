package io.github.dockerbuild.verify;

import io.github.dockerbuild.signature.SignatureVerifier;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.config.InvalidConfigurationException;
import io.github.dockerbuild.config.Problems;
import io.github.dockerbuild.signature.keyless.KeylessPolicy;
import io.github.dockerbuild.signature.keyless.KeylessTrustRoot;
import io.github.dockerbuild.signature.keyless.KeylessVerifier;
import io.github.dockerbuild.signature.keyless.TrustRootException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Makes keyless verifiers for the verify stage, and gives key policies that check the transparency
 * log the logs to check against: one trust root (a {@code trusted_root.json}, or the public-good
 * instance through TUF, which fails at once when offline with nothing cached), loaded once, when the
 * first policy that needs it asks. Key policies that ignore the log never load it.
 */
public final class KeylessVerifiers implements VerifySpecFactory.KeylessFactory {
  private final Path trustedRoot;
  private final Path tufCache;
  private final String image;
  private SigstoreTrustedRoot root;
  private boolean failed;
  private final Set<String> reported = new HashSet<>();

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
    SigstoreTrustedRoot trust = root(problems, "", "");
    if (trust == null || !fits(trust, true, problems, "", "")) {
      return null;
    }
    return new KeylessVerifier(trust, policy);
  }

  @Override
  public Optional<SigstoreTrustedRoot> transparencyLogs(PolicySettings settings, Problems problems) {
    String why = settings.parameter() + " checks the transparency log of key-based signatures (insecureIgnoreTlog "
        + "is false), which needs a trust root: ";
    String fix = "; or set <insecureIgnoreTlog>true</insecureIgnoreTlog> (-D" + settings.propertyPrefix()
        + "insecureIgnoreTlog=true) to rely on the key alone";
    SigstoreTrustedRoot trust = root(problems, why, fix);
    if (trust == null || !fits(trust, false, problems, why, fix)) {
      return Optional.empty();
    }
    return Optional.of(trust);
  }

  private SigstoreTrustedRoot root(Problems problems, String why, String fix) {
    if (root == null && !failed) {
      try {
        root = trustedRoot != null ? KeylessTrustRoot.read(trustedRoot) : KeylessTrustRoot.publicGood(tufCache);
      } catch (TrustRootException e) {
        failed = true;
        report(problems, why + e.getMessage() + fix);
      }
    }
    return root;
  }

  private boolean fits(SigstoreTrustedRoot trust, boolean keyless, Problems problems, String why, String fix) {
    try {
      KeylessTrustRoot.requireFor(trust, trustedRoot != null ? KeylessTrustRoot.TRUSTED_ROOT_PARAMETER + " '"
          + trustedRoot + "'" : "the public-good trust root", keyless);
      return true;
    } catch (TrustRootException e) {
      report(problems, why + e.getMessage() + fix);
      return false;
    }
  }

  /** Reports a trust root problem once, however many policies share the root. */
  private void report(Problems problems, String message) {
    if (reported.add(message)) {
      problems.addMessage(message);
    }
  }
}
