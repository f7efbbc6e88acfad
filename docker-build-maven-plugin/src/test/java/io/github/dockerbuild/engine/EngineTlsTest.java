package io.github.dockerbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TLS directory of a TCP engine, read as the docker CLI reads it. */
class EngineTlsTest {
  @TempDir Path dir;

  private static X509Certificate selfSigned(KeyPair keys, String algorithm) throws Exception {
    X500Name name = new X500Name("CN=engine-test");
    Date now = new Date();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now,
        new Date(now.getTime() + 3_600_000), name, keys.getPublic());
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
  }

  private static String pem(Object value) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(value);
    }
    return out.toString();
  }

  /** An EC key as {@code openssl ecparam -genkey} writes it: SEC1, its curve named inside. */
  private static byte[] sec1(KeyPair keys) throws Exception {
    org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
    org.bouncycastle.asn1.sec.ECPrivateKey inner =
        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
    return new org.bouncycastle.asn1.sec.ECPrivateKey(256, inner.getKey(),
        info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
  }

  /** cert.pem, ca.pem (the same self-signed certificate) and key.pem in the given form. */
  private void material(String form) throws Exception {
    boolean ec = form.equals("sec1");
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
    generator.initialize(ec ? 256 : 2048);
    KeyPair keys = generator.generateKeyPair();
    X509Certificate cert = selfSigned(keys, ec ? "SHA256withECDSA" : "SHA256withRSA");
    Files.writeString(dir.resolve("cert.pem"), pem(cert));
    Files.writeString(dir.resolve("ca.pem"), pem(cert));
    String key = switch (form) {
      case "pkcs8" -> pem(new JcaPKCS8Generator(keys.getPrivate(), null));
      case "sec1" -> pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1(keys)));
      default -> pem(keys);
    };
    assertThat(key).startsWith(switch (form) {
      case "pkcs1" -> "-----BEGIN RSA PRIVATE KEY-----";
      case "sec1" -> "-----BEGIN EC PRIVATE KEY-----";
      default -> "-----BEGIN PRIVATE KEY-----";
    });
    Files.writeString(dir.resolve("key.pem"), key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pkcs1", "pkcs8", "sec1"})
  void theClientKeyInEachFormTheCliTakes_makesAContext(String form) throws Exception {
    material(form);

    SSLContext context = new EngineTls(dir).getSSLContext();

    assertThat(context.getProtocol()).isEqualTo("TLS");
    assertThat(context.createSSLEngine().getSSLParameters()).isNotNull();
  }

  @Test
  void aMissingKey_namesTheDirectory() throws Exception {
    material("pkcs8");
    Files.delete(dir.resolve("key.pem"));

    assertThatThrownBy(() -> new EngineTls(dir).getSSLContext())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the TLS material in " + dir + " cannot be used: ")
        .hasMessageContaining("key.pem");
  }

  @Test
  void aKeyFileWithoutAKey_saysSo() throws Exception {
    material("pkcs8");
    Files.writeString(dir.resolve("key.pem"), Files.readString(dir.resolve("cert.pem")));

    assertThatThrownBy(() -> new EngineTls(dir).getSSLContext())
        .hasMessageEndingWith("key.pem holds no unencrypted private key");
  }
}
