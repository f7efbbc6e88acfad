package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.JsonException;
import io.github.dockerbuild.json.Tree;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Private signing keys as cosign takes them: a PEM {@code PRIVATE KEY} (PKCS#8, unencrypted), or
 * cosign's own {@code ENCRYPTED SIGSTORE PRIVATE KEY} (the output of {@code cosign generate-key-pair}:
 * a JSON document with an scrypt KDF and a NaCl secretbox around the PKCS#8 key). ECDSA P-256 keys,
 * the kind cosign generates. Every failure is one line saying what the text is instead; no message
 * ever contains the password or key material.
 */
public final class PrivateKeys {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
  /** scrypt parameters above these would take minutes or gigabytes: not a key cosign wrote. */
  private static final int MAX_SCRYPT_N = 1 << 20;
  private static final int MAX_SCRYPT_R = 32;
  private static final int MAX_SCRYPT_P = 16;

  private PrivateKeys() {}

  /**
   * Reads a private key and derives its public key.
   *
   * @param pem the key file's text
   * @param password the password of an encrypted key (ignored for an unencrypted one); may be null
   * @throws IllegalArgumentException one line: wrong password, not a private key, unsupported
   *     algorithm, malformed
   */
  public static KeyPair parse(String pem, char[] password) {
    Matcher m = PEM.matcher(pem == null ? "" : pem);
    if (!m.find()) {
      throw new IllegalArgumentException("is not a PEM private key (no -----BEGIN ... PRIVATE KEY----- block)");
    }
    String type = m.group(1);
    byte[] body;
    try {
      body = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has a '" + type + "' block that is not valid base64");
    }
    return switch (type) {
      case "PRIVATE KEY" -> fromPkcs8(body);
      case "ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY" -> fromPkcs8(decrypt(body, password));
      case "PUBLIC KEY" -> throw new IllegalArgumentException(
          "is a public key, not a private key: give the private key file (cosign.key)");
      case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
          "is a password-protected PKCS#8 key, which is not supported: give an unencrypted PKCS#8 key or a cosign key"
              + " (cosign import-key-pair --key KEY.pem)");
      case "EC PRIVATE KEY" -> throw new IllegalArgumentException(
          "is a SEC1 'EC PRIVATE KEY': convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt) or import it into cosign"
              + " (cosign import-key-pair --key KEY.pem)");
      default -> throw new IllegalArgumentException("holds a PEM '" + type + "' block, not a private key: give a PKCS#8"
          + " 'PRIVATE KEY' or cosign's 'ENCRYPTED SIGSTORE PRIVATE KEY'");
    };
  }

  /** Opens cosign's encrypted key: scrypt(password, salt, N, r, p) as the key of a NaCl secretbox. */
  static byte[] decrypt(byte[] document, char[] password) {
    Tree root;
    try {
      root = Json.tree(document);
    } catch (JsonException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("is an encrypted cosign key whose content is not JSON");
    }
    String kdf = root.path("kdf").path("name").asText("");
    String cipher = root.path("cipher").path("name").asText("");
    if (!kdf.equals("scrypt") || !cipher.equals("nacl/secretbox")) {
      throw new IllegalArgumentException("is an encrypted cosign key with kdf '" + kdf + "' and cipher '" + cipher
          + "': only scrypt with nacl/secretbox is supported");
    }
    Tree params = root.path("kdf").path("params");
    int n = params.path("N").asInt(0);
    int r = params.path("r").asInt(0);
    int p = params.path("p").asInt(0);
    if (n < 2 || Integer.bitCount(n) != 1 || n > MAX_SCRYPT_N || r < 1 || r > MAX_SCRYPT_R || p < 1 || p > MAX_SCRYPT_P) {
      throw new IllegalArgumentException("is an encrypted cosign key with unusable scrypt parameters N=" + n + " r=" + r
          + " p=" + p);
    }
    byte[] salt = base64Field(root.path("kdf").path("salt"), "kdf.salt");
    byte[] nonce = base64Field(root.path("cipher").path("nonce"), "cipher.nonce");
    byte[] box = base64Field(root.path("ciphertext"), "ciphertext");
    if (nonce.length != 24 || box.length < 16) {
      throw new IllegalArgumentException("is an encrypted cosign key with a malformed nonce or ciphertext");
    }
    if (password == null) {
      throw new IllegalArgumentException("is an encrypted cosign key and no password was given");
    }
    byte[] passwordBytes = utf8(password);
    byte[] key = SCrypt.generate(passwordBytes, salt, n, r, p, 32);
    Arrays.fill(passwordBytes, (byte) 0);
    try {
      return secretboxOpen(key, nonce, box);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** NaCl {@code crypto_secretbox_open}: XSalsa20 key stream, Poly1305 tag in front of the ciphertext. */
  private static byte[] secretboxOpen(byte[] key, byte[] nonce, byte[] box) {
    XSalsa20Engine stream = new XSalsa20Engine();
    stream.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
    byte[] macKey = new byte[32];
    stream.processBytes(new byte[32], 0, 32, macKey, 0);
    Poly1305 mac = new Poly1305();
    mac.init(new KeyParameter(macKey));
    mac.update(box, 16, box.length - 16);
    byte[] tag = new byte[16];
    mac.doFinal(tag, 0);
    Arrays.fill(macKey, (byte) 0);
    if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(box, 0, 16))) {
      throw new IllegalArgumentException("cannot be decrypted: wrong password for this encrypted cosign key");
    }
    byte[] plain = new byte[box.length - 16];
    stream.processBytes(box, 16, plain.length, plain, 0);
    return plain;
  }

  private static byte[] base64Field(Tree node, String name) {
    try {
      return Base64.getDecoder().decode(node.asText(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is an encrypted cosign key whose " + name + " is not base64");
    }
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }

  private static KeyPair fromPkcs8(byte[] der) {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("has a PRIVATE KEY block that is not PKCS#8");
    }
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return ecdsa(info, der);
    }
    String name = algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
        : algorithm.equals(EdECObjectIdentifiers.id_Ed25519) ? "Ed25519" : algorithm.getId();
    throw new IllegalArgumentException("is an " + name + " key, an unsupported algorithm: use an ECDSA P-256 key"
        + " (cosign generate-key-pair makes one)");
  }

  private static KeyPair ecdsa(PrivateKeyInfo info, byte[] der) {
    ASN1Encodable parameters = info.getPrivateKeyAlgorithm().getParameters();
    if (!(parameters instanceof ASN1ObjectIdentifier curve) || !curve.equals(SECObjectIdentifiers.secp256r1)) {
      String name = parameters instanceof ASN1ObjectIdentifier oid ? curveName(oid) : "explicit parameters";
      throw new IllegalArgumentException("is an ECDSA key on " + name
          + ", an unsupported curve: use an ECDSA P-256 key (cosign generate-key-pair makes one)");
    }
    try {
      PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      BigInteger d = ((java.security.interfaces.ECPrivateKey) privateKey).getS();
      X9ECParameters p256 = CustomNamedCurves.getByOID(SECObjectIdentifiers.secp256r1);
      byte[] point = new FixedPointCombMultiplier().multiply(p256.getG(), d).normalize().getEncoded(false);
      byte[] spki = new SubjectPublicKeyInfo(
          new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1), point).getEncoded();
      PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new IllegalArgumentException("has an ECDSA P-256 key that is not valid (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String curveName(ASN1ObjectIdentifier oid) {
    if (oid.equals(SECObjectIdentifiers.secp384r1)) {
      return "P-384";
    } else if (oid.equals(SECObjectIdentifiers.secp521r1)) {
      return "P-521";
    } else if (oid.equals(SECObjectIdentifiers.secp256k1)) {
      return "secp256k1";
    }
    return oid.getId();
  }
}
