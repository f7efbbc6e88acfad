package io.github.dockerbuild.registry;

import io.github.dockerbuild.config.InvalidValueException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which registries may be spoken to over plain HTTP, and which CA certificates HTTPS trusts.
 * Plain HTTP only for loopback hosts ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) and for
 * hosts the user listed as insecure; everything else is HTTPS.
 */
public final class TransportSecurity {
  private final Set<String> insecure;

  public TransportSecurity(Set<String> insecureRegistries) {
    this.insecure = insecureRegistries.stream().map(CredentialSource::normalize).collect(Collectors.toUnmodifiableSet());
  }

  /** {@code http} or {@code https} for a registry host written as in {@link ImageRef#registry()}. */
  public String scheme(String registry) {
    String normalized = CredentialSource.normalize(registry);
    return isLoopback(hostOf(normalized)) || insecure.contains(normalized) || insecure.contains(hostOf(normalized))
        ? "http" : "https";
  }

  /** The host without port, and without brackets for IPv6. */
  static String hostOf(String registry) {
    String host = registry.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(1, end);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  /**
   * An SSL context that trusts the JDK's default CAs and the certificates in a PEM file (a private
   * registry's CA).
   *
   * @throws InvalidValueException when the file cannot be read or holds no certificate
   */
  public static SSLContext trusting(Path pemFile) {
    List<Certificate> certificates = new ArrayList<>();
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
      certificates.addAll(read);
    } catch (IOException e) {
      throw new InvalidValueException("<caCertificate> (-Ddocker.caCertificate)", pemFile.toString(),
          "cannot be read (" + e.getClass().getSimpleName() + ")", "give the path of a readable PEM file");
    } catch (CertificateException e) {
      throw new InvalidValueException("<caCertificate> (-Ddocker.caCertificate)", pemFile.toString(),
          "is not a PEM certificate", "give a file with one or more -----BEGIN CERTIFICATE----- blocks");
    }
    if (certificates.isEmpty()) {
      throw new InvalidValueException("<caCertificate> (-Ddocker.caCertificate)", pemFile.toString(),
          "holds no certificate", "give a file with one or more -----BEGIN CERTIFICATE----- blocks");
    }
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("registry-ca-" + i, certificates.get(i));
      }
      X509TrustManager custom = trustManager(store);
      X509TrustManager system = trustManager(null);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new EitherTrustManager(custom, system)}, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build an SSL context from " + pemFile, e);
    }
  }

  private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
        .map(X509TrustManager.class::cast).findFirst()
        .orElseThrow(() -> new GeneralSecurityException("no X509TrustManager"));
  }

  /** Trusts a server chain that either the custom CAs or the system CAs trust. */
  static final class EitherTrustManager implements X509TrustManager {
    private final X509TrustManager first;
    private final X509TrustManager second;

    EitherTrustManager(X509TrustManager first, X509TrustManager second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      second.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(Arrays.asList(first.getAcceptedIssuers()));
      all.addAll(Arrays.asList(second.getAcceptedIssuers()));
      return all.toArray(new X509Certificate[0]);
    }
  }
}
