package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class RegistryExceptionTest {

  /** What the JDK's client throws for a registry whose CA it does not know. */
  private static IOException unknownCa() {
    SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed: "
        + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path");
    handshake.initCause(new CertificateException("PKIX path building failed",
        new CertPathBuilderException("unable to find valid certification path to requested target")));
    return new IOException(handshake.getMessage(), handshake);
  }

  @Test
  void untrustedCertificate_recognisedThroughTheCauseChain() {
    assertThat(RegistryException.untrustedCertificate(unknownCa())).isTrue();
    assertThat(RegistryException.untrustedCertificate(new IOException("x", new CertPathBuilderException("y")))).isTrue();
  }

  @Test
  void untrustedCertificate_otherConnectionErrorsAreNot() {
    assertThat(RegistryException.untrustedCertificate(new ConnectException("Connection refused"))).isFalse();
    assertThat(RegistryException.untrustedCertificate(new SSLHandshakeException("Remote host terminated the handshake")))
        .isFalse();
  }

  @Test
  void untrusted_saysToSetTheCaCertificate_inOneLine() {
    RegistryException e = RegistryException.untrusted("push manifest localhost:5443/app:1", "localhost:5443", unknownCa());

    assertThat(e).hasMessage("push manifest localhost:5443/app:1: the TLS certificate of localhost:5443 is not trusted"
        + " (no path to a trusted CA): set <caCertificate> (-Ddocker.caCertificate) to the PEM file of its CA, or add"
        + " that CA to the JVM's trust store");
    assertThat(e.status()).isEqualTo(RegistryException.NO_RESPONSE);
  }
}
