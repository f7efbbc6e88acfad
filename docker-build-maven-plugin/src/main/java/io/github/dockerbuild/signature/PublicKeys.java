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
    String oid;
    try {
      oid = algorithmOid(der);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has a PUBLIC KEY block that is not a valid key (" + e.getMessage() + ")");
    }
    return switch (oid) {
      case "1.2.840.10045.2.1" -> "EC";
      case "1.2.840.113549.1.1.1" -> "RSA";
      case "1.3.101.112" -> "Ed25519";
      default -> throw new IllegalArgumentException("is a key of an unsupported algorithm (" + oid
          + "): use ECDSA, RSA or Ed25519");
    };
  }

  /**
   * The algorithm of a DER SubjectPublicKeyInfo, {@code SEQUENCE { SEQUENCE { OBJECT IDENTIFIER,
   * ... }, BIT STRING }}, as a dotted OID. Read here rather than by Bouncy Castle: its signed jar
   * costs a verify goal about 0.1 s to open, for one identifier.
   */
  static String algorithmOid(byte[] der) {
    int[] at = {0};
    header(der, at, 0x30, "a SubjectPublicKeyInfo sequence");
    header(der, at, 0x30, "an algorithm identifier");
    int length = header(der, at, 0x06, "an object identifier");
    if (length == 0 || at[0] + length > der.length) {
      throw new IllegalArgumentException("a truncated object identifier");
    }
    StringBuilder oid = new StringBuilder();
    long arc = 0;
    boolean first = true;
    for (int i = at[0]; i < at[0] + length; i++) {
      if (arc > (Long.MAX_VALUE >> 7)) {
        throw new IllegalArgumentException("an object identifier arc too large");
      }
      arc = (arc << 7) | (der[i] & 0x7f);
      if ((der[i] & 0x80) != 0) {
        continue;
      }
      if (first) {
        // the first byte holds the first two arcs: 40 * X + Y, X at most 2
        long x = Math.min(arc / 40, 2);
        oid.append(x).append('.').append(arc - 40 * x);
        first = false;
      } else {
        oid.append('.').append(arc);
      }
      arc = 0;
    }
    if ((der[at[0] + length - 1] & 0x80) != 0) {
      throw new IllegalArgumentException("a truncated object identifier");
    }
    return oid.toString();
  }

  /** Reads a tag (which must be {@code tag}) and its definite length; returns the length. */
  private static int header(byte[] der, int[] at, int tag, String what) {
    if (at[0] + 2 > der.length || (der[at[0]] & 0xff) != tag) {
      throw new IllegalArgumentException("not " + what);
    }
    at[0]++;
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int bytes = first & 0x7f;
    if (bytes == 0 || bytes > 3 || at[0] + bytes > der.length) {
      throw new IllegalArgumentException("a length of " + what + " that is not a definite DER length");
    }
    int length = 0;
    for (int i = 0; i < bytes; i++) {
      length = (length << 8) | (der[at[0]++] & 0xff);
    }
    return length;
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
