package io.github.dockerbuild.signature.sign.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The test keys and certificates of the local Sigstore: a Fulcio root CA, a CT log key, a Rekor log
 * key, and a TLS CA with a certificate for 127.0.0.1 (Fulcio speaks gRPC over TLS). Writes the
 * {@code trusted_root.json} that names them and a PKCS#12 trust store for the JVM.
 */
final class StandInPki {
  static final String TRUST_STORE_PASSWORD = "changeit";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

  final Instant start = Instant.now().minus(Duration.ofHours(1));
  final KeyPair fulcioCaKeys = ecKeys();
  final X509Certificate fulcioCa;
  final KeyPair ctLogKeys = ecKeys();
  final KeyPair rekorKeys = ecKeys();
  final KeyPair tlsCaKeys = ecKeys();
  final X509Certificate tlsCa;
  final KeyPair tlsServerKeys = ecKeys();
  final X509Certificate tlsServer;

  StandInPki() {
    try {
      fulcioCa = ca("CN=sigstore-standin,O=standin.example", fulcioCaKeys);
      tlsCa = ca("CN=standin-tls-ca,O=standin.example", tlsCaKeys);
      JcaX509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(tlsCa, serial(), Date.from(start),
          Date.from(start.plus(Duration.ofDays(2))), new X500Name("CN=127.0.0.1"), tlsServerKeys.getPublic());
      server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
      tlsServer = sign(server, tlsCaKeys.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  private X509Certificate ca(String name, KeyPair keys) throws IOException, GeneralSecurityException {
    X500Name subject = new X500Name(name);
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(start),
        Date.from(start.plus(Duration.ofDays(2))), subject, keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(builder, keys.getPrivate());
  }

  static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ECDSA P-256 with SHA-256, ASN.1 DER, as Sigstore's logs sign. */
  static byte[] ecdsa(PrivateKey key, byte[] data) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** A log's id: SHA-256 of its public key's DER SubjectPublicKeyInfo. */
  static byte[] logId(PublicKey key) {
    return sha256(key.getEncoded());
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  static String pem(Certificate cert) {
    try {
      return pem("CERTIFICATE", cert.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Sigstore TrustedRoot (v0.1) of this stand-in: its CA, its Rekor and its CT log. */
  void writeTrustedRoot(Path file, URI fulcio, URI rekor) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("mediaType", "application/vnd.dev.sigstore.trustedroot+json;version=0.1");
    root.putArray("tlogs").add(log(rekor, rekorKeys.getPublic()));
    ObjectNode ca = root.putArray("certificateAuthorities").addObject();
    ca.putObject("subject").put("organization", "standin.example").put("commonName", "sigstore-standin");
    ca.put("uri", fulcio.toString());
    try {
      ca.putObject("certChain").putArray("certificates").addObject()
          .put("rawBytes", Base64.getEncoder().encodeToString(fulcioCa.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ca.putObject("validFor").put("start", start.toString());
    root.putArray("ctlogs").add(log(URI.create("https://ctfe.standin.example/test"), ctLogKeys.getPublic()));
    root.putArray("timestampAuthorities");
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  private ObjectNode log(URI baseUrl, PublicKey key) {
    ObjectNode log = JSON.createObjectNode();
    log.put("baseUrl", baseUrl.toString());
    log.put("hashAlgorithm", "SHA2_256");
    ObjectNode publicKey = log.putObject("publicKey");
    publicKey.put("rawBytes", Base64.getEncoder().encodeToString(key.getEncoded()));
    publicKey.put("keyDetails", "PKIX_ECDSA_P256_SHA_256");
    publicKey.putObject("validFor").put("start", start.toString());
    log.putObject("logId").put("keyId", Base64.getEncoder().encodeToString(logId(key)));
    return log;
  }

  /** A PKCS#12 trust store with the TLS CA and every CA the JDK trusts, so it can replace the default. */
  void writeTrustStore(Path file) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("standin-tls-ca", tlsCa);
      Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
      if (Files.isRegularFile(cacerts)) {
        KeyStore jdk = KeyStore.getInstance(KeyStore.getDefaultType());
        try (var in = Files.newInputStream(cacerts)) {
          jdk.load(in, null);
        }
        for (Enumeration<String> aliases = jdk.aliases(); aliases.hasMoreElements(); ) {
          String alias = aliases.nextElement();
          if (jdk.isCertificateEntry(alias)) {
            store.setCertificateEntry("jdk-" + alias, jdk.getCertificate(alias));
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  List<X509Certificate> tlsChain() {
    return List.of(tlsServer, tlsCa);
  }
}
