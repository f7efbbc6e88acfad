package io.github.dockerbuild.signature;

import io.github.dockerbuild.registry.Digest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Verifies signatures made with a key, as {@code cosign verify --key}: in the legacy format the
 * signature over the simple-signing payload, in the bundle format the DSSE signature over the
 * in-toto statement (whose predicate type must be cosign's image signature), each with the policy's
 * public key; a transparency-log entry unless the policy ignores the log; and the signed digest.
 */
public final class KeyVerifier implements SignatureVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    return verifyBundle(image, (SignatureEvidence.Bundle) evidence);
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
    checkTlog(evidence.annotations().containsKey(CosignLayout.REKOR_BUNDLE_ANNOTATION),
        "(" + CosignLayout.REKOR_BUNDLE_ANNOTATION + ")");
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

  private String verifyBundle(Digest image, SignatureEvidence.Bundle evidence) throws VerificationFailure {
    JsonNode root;
    try {
      root = JSON.readTree(evidence.json());
    } catch (IOException e) {
      throw new VerificationFailure(Check.FORMAT, "the bundle is not JSON");
    }
    String mediaType = root == null ? "" : root.path("mediaType").asText("");
    if (!mediaType.startsWith("application/vnd.dev.sigstore.bundle")) {
      throw new VerificationFailure(Check.FORMAT, "expected a Sigstore bundle media type, got '" + mediaType + "'");
    }
    Dsse.Envelope envelope;
    InTotoStatement statement;
    try {
      envelope = Dsse.Envelope.fromJson(root.get("dsseEnvelope"));
      if (!envelope.payloadType().equals(CosignLayout.IN_TOTO_PAYLOAD_TYPE)) {
        throw new IllegalArgumentException("expected DSSE payload type '" + CosignLayout.IN_TOTO_PAYLOAD_TYPE
            + "', got '" + envelope.payloadType() + "'");
      }
      statement = InTotoStatement.parse(envelope.payload());
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure(Check.FORMAT, e.getMessage());
    }
    JsonNode entries = root.path("verificationMaterial").path("tlogEntries");
    checkTlog(entries.isArray() && !entries.isEmpty(), "(the bundle's verificationMaterial.tlogEntries)");
    byte[] signed = envelope.pae();
    if (envelope.signatures().stream().noneMatch(s -> PublicKeys.verifies(key, signed, s.sig()))) {
      throw new VerificationFailure(Check.SIGNATURE, "expected a DSSE signature by " + signer
          + ", got none that verifies with it (another key, or a changed statement)");
    }
    if (!CosignLayout.SIGN_PREDICATE_TYPE.equals(statement.predicateType())) {
      throw new VerificationFailure(Check.PREDICATE_TYPE, "expected '" + CosignLayout.SIGN_PREDICATE_TYPE
          + "', got '" + statement.predicateType() + "' (an attestation, not an image signature)");
    }
    if (!statement.names(image)) {
      throw new VerificationFailure(Check.PAYLOAD_DIGEST, "expected the statement's subject to be " + image
          + ", got " + statement.subjects().stream().map(s -> String.valueOf(s.digest().get("sha256")))
              .map(d -> "sha256:" + d).toList() + " (a signature of another image)");
    }
    return signer;
  }

  /**
   * Key signatures are accepted without a log entry only when the policy says so. An entry that is
   * present cannot be trusted without the log's key, which key policies do not configure: the
   * check then fails, saying how to proceed, rather than passing an unchecked entry.
   */
  private void checkTlog(boolean hasEntry, String where) throws VerificationFailure {
    if (ignoreTlog) {
      return;
    }
    if (!hasEntry) {
      throw new VerificationFailure(Check.TLOG, "expected a transparency-log entry " + where + ", found none: the "
          + "signature was made without the log; accept that only with insecureIgnoreTlog=true");
    }
    throw new VerificationFailure(Check.TLOG, "transparency-log entries of key-based signatures are not checked "
        + "yet: set insecureIgnoreTlog=true to rely on the key alone");
  }
}
