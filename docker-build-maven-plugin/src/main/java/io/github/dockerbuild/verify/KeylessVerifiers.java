package io.github.dockerbuild.verify;

import io.github.dockerbuild.config.InvalidConfigurationException;
import io.github.dockerbuild.config.Problems;
import io.github.dockerbuild.signature.SignatureVerifier;
import io.github.dockerbuild.config.LazyLibrary;
import io.github.dockerbuild.signature.TransparencyLogs;
import io.github.dockerbuild.signature.keyless.KeylessPolicy;
import io.github.dockerbuild.signature.keyless.KeylessSource;
import io.github.dockerbuild.signature.keyless.TrustRootException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes keyless verifiers for the verify stage, and gives key policies that check the transparency
 * log the logs to check against: one trust root (a {@code trusted_root.json}, or the public-good
 * instance through TUF, which fails at once when offline with nothing cached), loaded once, when the
 * first policy that needs it asks. Key policies that ignore the log never load it, nor sigstore-java:
 * the library is asked for ({@link LazyLibrary#require}) only when a policy needs the trust root.
 */
public final class KeylessVerifiers implements VerifySpecFactory.KeylessFactory {
  private final Path trustedRoot;
  private final Path tufCache;
  private final String image;
  private final ConcurrentMap<String, Object> sources;
  private KeylessSource source;
  private final Set<String> reported = new HashSet<>();

  /**
   * @param trustedRoot a {@code trusted_root.json}, or null for the public-good instance
   * @param tufCache where the public-good trust root is cached
   * @param image the image, for messages
   */
  public KeylessVerifiers(Path trustedRoot, Path tufCache, String image) {
    this(trustedRoot, tufCache, image, new ConcurrentHashMap<>());
  }

  /**
   * @param sources the trust roots this Maven run loaded, by where they come from: the modules of a
   *     run load each once
   */
  public KeylessVerifiers(Path trustedRoot, Path tufCache, String image, ConcurrentMap<String, Object> sources) {
    this.trustedRoot = trustedRoot;
    this.tufCache = tufCache;
    this.image = image;
    this.sources = sources;
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
    KeylessSource trust = source(problems, "keyless verification");
    if (trust == null) {
      return null;
    }
    try {
      return trust.verifier(policy);
    } catch (TrustRootException e) {
      report(problems, e.getMessage());
      return null;
    }
  }

  @Override
  public Optional<TransparencyLogs> transparencyLogs(PolicySettings settings, Problems problems) {
    String why = settings.parameter() + " checks the transparency log of key-based signatures (insecureIgnoreTlog "
        + "is false), which needs a trust root: ";
    String fix = "; or set <insecureIgnoreTlog>true</insecureIgnoreTlog> (-D" + settings.propertyPrefix()
        + "insecureIgnoreTlog=true) to rely on the key alone";
    KeylessSource trust = source(problems, "the transparency-log check of " + settings.parameter());
    if (trust == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(trust.logs());
    } catch (TrustRootException e) {
      report(problems, why + e.getMessage() + fix);
      return Optional.empty();
    }
  }

  @Override
  public String trustRootIdentity() {
    return trustedRoot != null ? trustedRoot.toAbsolutePath().toString() : "public-good (TUF cache " + tufCache + ")";
  }

  /** The trust root's source, once sigstore-java is there; null after reporting why it is not. */
  private KeylessSource source(Problems problems, String why) {
    if (source == null) {
      try {
        LazyLibrary.SIGSTORE.require(why);
      } catch (IllegalStateException e) {
        report(problems, e.getMessage());
        return null;
      }
      source = (KeylessSource) sources.computeIfAbsent(trustRootIdentity(), k -> new KeylessSource(trustedRoot, tufCache));
    }
    return source;
  }

  /** Reports a problem once, however many policies share the root. */
  private void report(Problems problems, String message) {
    if (reported.add(message)) {
      problems.addMessage(message);
    }
  }
}
