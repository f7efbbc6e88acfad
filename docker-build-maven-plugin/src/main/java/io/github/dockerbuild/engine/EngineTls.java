package io.github.dockerbuild.engine;

import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The TLS of a TCP engine, as the docker CLI reads it from a directory: the client's
 * {@code cert.pem} and {@code key.pem} (PKCS#1, SEC1 or PKCS#8), and the {@code ca.pem} the engine's
 * certificate must chain to (that CA alone, not the JDK's).
 */
final class EngineTls implements SSLConfig {
  private final Path directory;

  EngineTls(Path directory) {
    this.directory = directory;
  }

  @Override
  public SSLContext getSSLContext() {
    try {
      KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
      keys.load(null, null);
      List<Certificate> chain = certificates(directory.resolve("cert.pem"));
      char[] none = new char[0];
      keys.setKeyEntry("client", privateKey(directory.resolve("key.pem")), none, chain.toArray(new Certificate[0]));
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, none);

      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      List<Certificate> cas = certificates(directory.resolve("ca.pem"));
      for (int i = 0; i < cas.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("the TLS material in " + directory + " cannot be used: " + e.getMessage(), e);
    }
  }

  private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      List<Certificate> read = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (read.isEmpty()) {
        throw new GeneralSecurityException(pem + " holds no certificate");
      }
      return read;
    }
  }

  private static PrivateKey privateKey(Path pem) throws IOException {
    try (Reader in = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
      Object read = parser.readObject();
      PrivateKeyInfo info = read instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
          : read instanceof PrivateKeyInfo pkcs8 ? pkcs8 : null;
      if (info == null) {
        throw new IOException(pem + " holds no unencrypted private key");
      }
      // Bouncy Castle reads any of them (a SEC1 EC key keeps its curve inside); its PKCS#8 encoding,
      // with the curve in the algorithm identifier, is what the JDK's key factories take
      PrivateKey key = new JcaPEMKeyConverter().setProvider(PROVIDER).getPrivateKey(info);
      try {
        // Bouncy Castle names an EC key's algorithm ECDSA, the JDK EC
        String algorithm = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new IOException(pem + ": " + e.getMessage(), e);
      }
    }
  }

  private static final java.security.Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();
}
