package io.github.dockerbuild.signature;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Public keys as cosign's {@code --key} takes them: PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo)
 * with ECDSA P-256/P-384/P-521, RSA or Ed25519; a fingerprint to name the signer; and the
 * signature check cosign applies (SHA-256 for ECDSA and RSA PKCS#1 v1.5, plain Ed25519).
 */
public final class PublicKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private PublicKeys() {}

  /**
   * @throws IllegalArgumentException saying what the text is instead of a supported public key
   */
  public static PublicKey parsePem(String pem) {
    Matcher m = PEM.matcher(pem == null ? "" : pem);
    if (!m.find()) {
      throw new IllegalArgumentException("is not a PEM public key (no -----BEGIN PUBLIC KEY----- block)");
    }
    String type = m.group(1);
    if (!type.equals("PUBLIC KEY")) {
      throw new IllegalArgumentException("holds a PEM '" + type + "' block, not a 'PUBLIC KEY'"
          + (type.contains("PRIVATE") ? ": give the public key (cosign public-key --key ...)" : ""));
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has a PUBLIC KEY block that is not valid base64");
    }
    String algorithm = algorithmOf(der);
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("has a PUBLIC KEY block that is not a valid key (" + e.getMessage() + ")");
    }
  }

  private static String algorithmOf(byte[] der) {
    org.bouncycastle.asn1.ASN1ObjectIdentifier oid;
    try {
      oid = SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("has a PUBLIC KEY block that is not a valid key (" + e.getMessage() + ")");
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    } else if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    throw new IllegalArgumentException("is a key of an unsupported algorithm (" + oid + "): use ECDSA, RSA or Ed25519");
  }

  /** {@code SHA256:<base64>} of the key's SubjectPublicKeyInfo, the name of a key signer. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A short description: {@code ECDSA P-256 key SHA256:...}. */
  public static String describe(PublicKey key) {
    String kind = switch (key.getAlgorithm()) {
      case "EC" -> "ECDSA P-" + ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
      case "RSA" -> "RSA " + ((java.security.interfaces.RSAPublicKey) key).getModulus().bitLength();
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> key.getAlgorithm();
    };
    return kind + " key " + fingerprint(key);
  }

  /**
   * Whether {@code signature} is the key's signature over {@code data}, as cosign signs: SHA-256
   * with ECDSA or RSA (PKCS #1 v1.5), or Ed25519 over the data itself.
   */
  public static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "EdDSA", "Ed25519" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** The first certificate of a PEM text. */
  public static X509Certificate certificate(String pem) throws GeneralSecurityException {
    int begin = pem.indexOf("-----BEGIN CERTIFICATE-----");
    if (begin < 0) {
      throw new java.security.cert.CertificateException("no PEM certificate");
    }
    return certificate(pem.substring(begin).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** A certificate in DER, or in PEM text as bytes. */
  public static X509Certificate certificate(byte[] encoded) throws GeneralSecurityException {
    return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(encoded));
  }
}
