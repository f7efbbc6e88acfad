package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.signature.Dsse;
import java.util.Map;

/**
 * Who signs: makes signatures over bytes and says what a verifier needs besides them. One
 * implementation per kind of signer: a private key ({@link KeySigner}), or a short-lived Fulcio
 * certificate with a Rekor entry per signature ({@link FulcioSigner}).
 */
public interface Signer {

  /**
   * A bundle's DSSE signature and its {@code verificationMaterial} (key hint, or certificate and log
   * entry), as a value for {@link io.github.dockerbuild.json.Json#write}.
   */
  record BundleSignature(byte[] signature, Map<String, Object> verificationMaterial) {}

  /** A legacy signature layer's signature and its other annotations (certificate, chain, log entry). */
  record LegacySignature(byte[] signature, Map<String, String> annotations) {
    public LegacySignature {
      annotations = Map.copyOf(annotations);
    }
  }

  /** The name recorded as signer: a key fingerprint ({@code SHA256:...}) or a certificate identity. */
  String identity();

  /**
   * Whether {@code signature} over {@code data} is this signer's: an existing signature that
   * passes makes writing another one unnecessary.
   */
  boolean verifies(byte[] data, byte[] signature);

  /**
   * Signs a simple-signing payload for the legacy format: the signature (as cosign makes it, ECDSA:
   * ASN.1 DER over SHA-256) and the layer annotations besides it.
   */
  LegacySignature signLegacy(byte[] payload);

  /** Signs a DSSE envelope (its pre-authentication encoding) for the bundle format. */
  BundleSignature signBundle(Dsse.Envelope unsigned);
}
