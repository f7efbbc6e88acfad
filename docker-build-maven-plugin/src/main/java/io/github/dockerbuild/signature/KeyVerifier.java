package io.github.dockerbuild.signature;

import io.github.dockerbuild.registry.Digest;
import java.security.PublicKey;

/**
 * Verifies signatures made with a key, as {@code cosign verify --key}, in both formats: the
 * signature over the simple-signing payload (legacy) or the DSSE envelope of the in-toto statement
 * (bundle, whose predicate type must be cosign's image signature) with the policy's public key; the
 * transparency-log entry unless the policy ignores the log; and the signed digest. The checks are
 * those of {@link VerificationPipeline#forKey}.
 */
public final class KeyVerifier implements SignatureVerifier {
  private final VerificationPipeline pipeline;
  private final String signer;

  /**
   * A verifier without a trust root: only for policies that ignore the log (with the log required,
   * every signature fails the {@code tlog} check, saying to give a trust root).
   */
  public KeyVerifier(PublicKey key, boolean ignoreTlog) {
    this(key, ignoreTlog, null);
  }

  /**
   * @param key the public key signatures must verify with
   * @param ignoreTlog accept signatures without a transparency-log entry (cosign's
   *     {@code --insecure-ignore-tlog}); when false a signature without one fails the {@code tlog} check
   * @param logs the transparency logs a log entry is checked against; null for none
   */
  public KeyVerifier(PublicKey key, boolean ignoreTlog, TransparencyLogs logs) {
    this.pipeline = VerificationPipeline.forKey(key, logs, ignoreTlog);
    this.signer = PublicKeys.describe(key);
  }

  /** The checks that run after {@code format}, in order. */
  public java.util.List<Check> checks() {
    return pipeline.checks();
  }

  @Override
  public String verify(Digest image, SignatureEvidence evidence) throws VerificationFailure {
    pipeline.verify(image, evidence);
    return signer;
  }
}
