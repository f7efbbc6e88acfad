package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportSecurityTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "localhost, http",
      "localhost:5000, http",
      "127.0.0.1:5000, http",
      "127.1.2.3, http",
      "[::1]:5000, http",
      "registry.internal:5000, http",
      "insecure.example.com, http",
      "insecure.example.com:8443, http",
      "ghcr.io, https",
      "registry-1.docker.io, https",
      "192.168.1.10:5000, https",
      "registry.internal, https",
      "localhost.example.com, https",
      "128.0.0.1, https",
  })
  void plainHttpOnlyForLoopbackAndListedHosts(String registry, String scheme) {
    TransportSecurity security = new TransportSecurity(Set.of("registry.internal:5000", "https://insecure.example.com"));
    assertThat(security.scheme(registry)).isEqualTo(scheme);
  }

  @Test
  void pemFileAddsItsCaToTheDefaults() throws Exception {
    Path pem = resource("test-ca.pem");
    SSLContext context = TransportSecurity.trusting(pem);
    assertThat(context.getProtocol()).isEqualTo("TLS");

    X509Certificate ca;
    try (var in = Files.newInputStream(pem)) {
      ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    var factory = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    factory.init((java.security.KeyStore) null);
    var system = (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
    var custom = (javax.net.ssl.X509TrustManager) factoryFor(pem).getTrustManagers()[0];
    var either = new TransportSecurity.EitherTrustManager(custom, system);
    either.checkServerTrusted(new X509Certificate[] {ca}, "ECDHE_ECDSA");
    assertThat(either.getAcceptedIssuers()).contains(ca).hasSize(system.getAcceptedIssuers().length + 1);
    assertThatThrownBy(() -> system.checkServerTrusted(new X509Certificate[] {ca}, "ECDHE_ECDSA"))
        .isInstanceOf(java.security.cert.CertificateException.class);
  }

  private static javax.net.ssl.TrustManagerFactory factoryFor(Path pem) throws Exception {
    java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
    store.load(null, null);
    try (var in = Files.newInputStream(pem)) {
      store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    var factory = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory;
  }

  @Test
  void badPemFilesNameTheFileAndTheFix() throws IOException {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> TransportSecurity.trusting(missing))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("<caCertificate> (-Ddocker.caCertificate) '" + missing + "' cannot be read (NoSuchFileException): give the path of a readable PEM file");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> TransportSecurity.trusting(garbage))
        .hasMessage("<caCertificate> (-Ddocker.caCertificate) '" + garbage + "' is not a PEM certificate: give a file with one or more -----BEGIN CERTIFICATE----- blocks");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertThatThrownBy(() -> TransportSecurity.trusting(empty))
        .hasMessage("<caCertificate> (-Ddocker.caCertificate) '" + empty + "' holds no certificate: give a file with one or more -----BEGIN CERTIFICATE----- blocks");
  }

  @Test
  void clientBuilderAcceptsACaFile() throws Exception {
    RegistryClient client = RegistryClient.builder().caCertificates(resource("test-ca.pem")).build();
    assertThat(client.resolve("ghcr.io", "/v2/").toString()).isEqualTo("https://ghcr.io/v2/");
    assertThat(client.resolve("localhost:5000", "/v2/app/blobs/uploads/x?y=1").toString())
        .isEqualTo("http://localhost:5000/v2/app/blobs/uploads/x?y=1");
    assertThat(client.resolve("localhost:5000", "https://storage.example.com/a").toString())
        .isEqualTo("https://storage.example.com/a");
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TransportSecurityTest.class.getResource("/registry/" + name).toURI());
  }
}
