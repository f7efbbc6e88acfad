package io.github.dockerbuild.signature.sign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Who signs: makes signatures over bytes and says what a verifier needs besides them. One
 * implementation per kind of signer (a private key today).
 */
public interface Signer {

  /** The name recorded as signer: a key fingerprint ({@code SHA256:...}) or a certificate identity. */
  String identity();

  /** The signature over exactly these bytes, as cosign makes it (ECDSA: ASN.1 DER over SHA-256). */
  byte[] sign(byte[] data);

  /**
   * Whether {@code signature} over {@code data} is this signer's: an existing signature that
   * passes makes writing another one unnecessary.
   */
  boolean verifies(byte[] data, byte[] signature);

  /** Layer annotations of a legacy signature besides the signature itself (certificate, chain), or none. */
  Map<String, String> legacyAnnotations();

  /** The bundle's {@code verificationMaterial}, e.g. {@code {"publicKey":{"hint":"..."}}}. */
  ObjectNode verificationMaterial();
}
