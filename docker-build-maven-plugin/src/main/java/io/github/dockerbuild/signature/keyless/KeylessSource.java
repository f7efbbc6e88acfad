package io.github.dockerbuild.signature.keyless;

import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.signature.SignatureVerifier;
import io.github.dockerbuild.signature.TransparencyLogs;
import java.nio.file.Path;

/**
 * One trust root (a {@code trusted_root.json}, or the public-good instance through TUF), loaded once
 * when first asked, and what verification makes of it: keyless verifiers, and the transparency logs
 * key-based signatures are checked against. On the sigstore side: reached only after
 * {@link io.github.dockerbuild.config.LazyLibrary#require}.
 */
public final class KeylessSource {
  private final Path trustedRoot;
  private final Path tufCache;
  private SigstoreTrustedRoot root;
  private TrustRootException failure;

  /**
   * @param trustedRoot a {@code trusted_root.json}, or null for the public-good instance
   * @param tufCache where the public-good trust root is cached
   */
  public KeylessSource(Path trustedRoot, Path tufCache) {
    this.trustedRoot = trustedRoot;
    this.tufCache = tufCache;
  }

  /**
   * @throws TrustRootException when the trust root cannot be had, or has no certificate authority
   *     or transparency log
   */
  public SignatureVerifier verifier(KeylessPolicy policy) throws TrustRootException {
    SigstoreTrustedRoot trust = root();
    KeylessTrustRoot.requireFor(trust, source(), true);
    return new KeylessVerifier(trust, policy);
  }

  /**
   * @throws TrustRootException when the trust root cannot be had, or has no transparency log
   */
  public TransparencyLogs logs() throws TrustRootException {
    SigstoreTrustedRoot trust = root();
    KeylessTrustRoot.requireFor(trust, source(), false);
    return new TrustRootLogs(trust);
  }

  /** Loads the root once; a failure is kept and thrown again. */
  private synchronized SigstoreTrustedRoot root() throws TrustRootException {
    if (root == null && failure == null) {
      try {
        root = trustedRoot != null ? KeylessTrustRoot.read(trustedRoot) : KeylessTrustRoot.publicGood(tufCache);
      } catch (TrustRootException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return root;
  }

  private String source() {
    return trustedRoot != null ? KeylessTrustRoot.TRUSTED_ROOT_PARAMETER + " '" + trustedRoot + "'"
        : "the public-good trust root";
  }
}
