package io.github.dockerbuild.signature;

import io.github.dockerbuild.registry.Digest;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Verifies signatures made with a key, as {@code cosign verify --key}: the signature over the
 * payload with the policy's public key, a transparency-log entry unless the policy ignores the log,
 * and the payload's digest.
 */
public final class KeyVerifier implements SignatureVerifier {
  private final PublicKey key;
  private final boolean ignoreTlog;
  private final String signer;

  /**
   * @param key the public key signatures must verify with
   * @param ignoreTlog accept signatures without a transparency-log entry (cosign's
   *     {@code --insecure-ignore-tlog}); when false a signature without one fails the {@code tlog} check
   */
  public KeyVerifier(PublicKey key, boolean ignoreTlog) {
    this.key = key;
    this.ignoreTlog = ignoreTlog;
    this.signer = PublicKeys.describe(key);
  }

  @Override
  public String verify(Digest image, SignatureEvidence evidence) throws VerificationFailure {
    if (evidence instanceof SignatureEvidence.Legacy legacy) {
      return verifyLegacy(image, legacy);
    }
    throw new VerificationFailure(Check.FORMAT,
        "bundle-format signatures are not verified with a key yet; sign in the legacy format");
  }

  private String verifyLegacy(Digest image, SignatureEvidence.Legacy evidence) throws VerificationFailure {
    String encoded = evidence.annotations().get(CosignLayout.SIGNATURE_ANNOTATION);
    if (encoded == null || encoded.isBlank()) {
      throw new VerificationFailure(Check.FORMAT,
          "the signature layer has no " + CosignLayout.SIGNATURE_ANNOTATION + " annotation");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure(Check.FORMAT,
          "the " + CosignLayout.SIGNATURE_ANNOTATION + " annotation is not base64");
    }
    SimpleSigningPayload payload;
    try {
      payload = SimpleSigningPayload.parse(evidence.payload());
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure(Check.FORMAT, e.getMessage());
    }
    if (!ignoreTlog && !evidence.annotations().containsKey(CosignLayout.REKOR_BUNDLE_ANNOTATION)) {
      throw new VerificationFailure(Check.TLOG, "expected a transparency-log entry (" + CosignLayout
          .REKOR_BUNDLE_ANNOTATION + "), found none: the signature was made without the log; accept that "
          + "only with insecureIgnoreTlog=true");
    }
    if (!ignoreTlog) {
      throw new VerificationFailure(Check.TLOG, "transparency-log entries of key-based signatures are not "
          + "checked yet: set insecureIgnoreTlog=true to rely on the key alone");
    }
    if (!PublicKeys.verifies(key, evidence.payload(), signature)) {
      throw new VerificationFailure(Check.SIGNATURE, "expected a signature by " + signer
          + ", got one that does not verify with it (another key, or a changed payload)");
    }
    if (!payload.manifestDigest().equals(image)) {
      throw new VerificationFailure(Check.PAYLOAD_DIGEST, "expected the payload to name " + image + ", got "
          + payload.manifestDigest() + " (a signature of another image)");
    }
    return signer;
  }
}
