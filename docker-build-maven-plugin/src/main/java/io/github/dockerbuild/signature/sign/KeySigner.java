package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.signature.Dsse;
import io.github.dockerbuild.signature.PublicKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * Signs with a private key, as {@code cosign sign --key}: ECDSA P-256 with SHA-256, DER-encoded. A
 * bundle names the key by cosign's hint, the base64 SHA-256 of the public key's DER encoding. Its
 * {@link #toString()} never shows the key.
 */
public final class KeySigner implements Signer {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  public KeySigner(KeyPair keys) {
    this.privateKey = keys.getPrivate();
    this.publicKey = keys.getPublic();
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String identity() {
    return PublicKeys.fingerprint(publicKey);
  }

  /** cosign's {@code publicKey.hint}: standard base64 (padded) of SHA-256 over the SubjectPublicKeyInfo. */
  public String hint() {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signature over exactly these bytes, as cosign makes it: ECDSA, ASN.1 DER over SHA-256. */
  public byte[] sign(byte[] data) {
    try {
      Signature ecdsa = Signature.getInstance("SHA256withECDSA");
      ecdsa.initSign(privateKey);
      ecdsa.update(data);
      return ecdsa.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + PublicKeys.describe(publicKey) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean verifies(byte[] data, byte[] signature) {
    return PublicKeys.verifies(publicKey, data, signature);
  }

  /** A key's legacy layer carries the signature alone. */
  @Override
  public LegacySignature signLegacy(byte[] payload) {
    return new LegacySignature(sign(payload), Map.of());
  }

  @Override
  public BundleSignature signBundle(Dsse.Envelope unsigned) {
    return new BundleSignature(sign(unsigned.pae()), verificationMaterial());
  }

  /** {@code {"publicKey":{"hint":"..."}}}: cosign names the key, and logs nothing. */
  Map<String, Object> verificationMaterial() {
    return Map.of("publicKey", Map.of("hint", hint()));
  }

  @Override
  public String toString() {
    return PublicKeys.describe(publicKey);
  }
}
