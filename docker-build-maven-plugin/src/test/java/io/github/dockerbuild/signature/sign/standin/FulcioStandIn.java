package io.github.dockerbuild.signature.sign.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.fulcio.v2.CAGrpc;
import dev.sigstore.fulcio.v2.CertificateChain;
import dev.sigstore.fulcio.v2.CreateSigningCertificateRequest;
import dev.sigstore.fulcio.v2.SigningCertificate;
import dev.sigstore.fulcio.v2.SigningCertificateEmbeddedSCT;
import io.github.dockerbuild.signature.PublicKeys;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * A Fulcio (API v2, gRPC over TLS) issuing from the stand-in's CA: it reads the identity token's
 * claims (their signature is not checked: the test makes the tokens), requires audience
 * {@code sigstore}, checks the proof of possession, and issues a 10-minute certificate with the
 * identity, Fulcio's issuer and GitHub extensions, and an embedded SCT from the stand-in's CT log.
 */
final class FulcioStandIn extends CAGrpc.CAImplBase implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCT_LIST_OID = "1.3.6.1.4.1.11129.2.4.2";
  private static final String FULCIO = "1.3.6.1.4.1.57264.1.";

  private final StandInPki pki;
  private final Server server;
  final AtomicInteger issued = new AtomicInteger();
  final AtomicInteger refused = new AtomicInteger();
  /** Requests to fail with UNAVAILABLE before serving again. */
  final AtomicInteger unavailable = new AtomicInteger();

  FulcioStandIn(StandInPki pki) throws IOException {
    this.pki = pki;
    String chain = pki.tlsChain().stream().map(StandInPki::pem).collect(Collectors.joining());
    TlsServerCredentials tls = (TlsServerCredentials) TlsServerCredentials.create(
        new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII)),
        new ByteArrayInputStream(StandInPki.pem("PRIVATE KEY", pki.tlsServerKeys.getPrivate().getEncoded())
            .getBytes(StandardCharsets.US_ASCII)));
    this.server = Grpc.newServerBuilderForPort(0, tls).addService(this).build().start();
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + server.getPort());
  }

  @Override
  public void createSigningCertificate(CreateSigningCertificateRequest request,
      StreamObserver<SigningCertificate> response) {
    if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      response.onError(Status.UNAVAILABLE.withDescription("the stand-in was told to fail").asRuntimeException());
      return;
    }
    try {
      JsonNode claims = claims(request.getCredentials().getOidcIdentityToken());
      JsonNode aud = claims.path("aud");
      boolean forSigstore = aud.isArray() ? java.util.stream.StreamSupport.stream(aud.spliterator(), false)
          .anyMatch(a -> "sigstore".equals(a.asText())) : "sigstore".equals(aud.asText());
      if (!forSigstore || !claims.path("iss").isTextual() || !claims.path("sub").isTextual()) {
        throw Status.PERMISSION_DENIED.withDescription("the token needs iss, sub and audience sigstore")
            .asRuntimeException();
      }
      PublicKey key = PublicKeys.parsePem(request.getPublicKeyRequest().getPublicKey().getContent());
      if (!StandInPki.verifies(key, claims.path("sub").asText().getBytes(StandardCharsets.UTF_8),
          request.getPublicKeyRequest().getProofOfPossession().toByteArray())) {
        throw Status.INVALID_ARGUMENT.withDescription("the proof of possession does not verify").asRuntimeException();
      }
      X509Certificate leaf = issue(key, claims);
      issued.incrementAndGet();
      response.onNext(SigningCertificate.newBuilder().setSignedCertificateEmbeddedSct(
          SigningCertificateEmbeddedSCT.newBuilder().setChain(CertificateChain.newBuilder()
              .addCertificates(StandInPki.pem(leaf)).addCertificates(StandInPki.pem(pki.fulcioCa)))).build());
      response.onCompleted();
    } catch (io.grpc.StatusRuntimeException e) {
      refused.incrementAndGet();
      response.onError(e);
    } catch (RuntimeException | IOException | GeneralSecurityException e) {
      refused.incrementAndGet();
      response.onError(Status.INVALID_ARGUMENT.withDescription(String.valueOf(e.getMessage())).asRuntimeException());
    }
  }

  static JsonNode claims(String jwt) throws IOException {
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      throw Status.UNAUTHENTICATED.withDescription("the identity token is not a JWT").asRuntimeException();
    }
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }

  private X509Certificate issue(PublicKey key, JsonNode claims) throws IOException, GeneralSecurityException {
    Instant now = Instant.now();
    BigInteger serial = StandInPki.serial();
    Date notBefore = Date.from(now.minusSeconds(5));
    Date notAfter = Date.from(now.plus(Duration.ofMinutes(10)));
    X500Name empty = new X500Name(new org.bouncycastle.asn1.x500.RDN[0]);

    // the precertificate: everything but the SCT list, in the final order
    JcaX509v3CertificateBuilder pre = new JcaX509v3CertificateBuilder(pki.fulcioCa, serial, notBefore, notAfter,
        empty, key);
    addExtensions(pre, claims);
    X509Certificate precert = StandInPki.sign(pre, pki.fulcioCaKeys.getPrivate());
    byte[] tbs = org.bouncycastle.asn1.x509.Certificate.getInstance(precert.getEncoded()).getTBSCertificate()
        .getEncoded("DER");
    byte[] sctList = sctList(tbs, now.toEpochMilli());

    JcaX509v3CertificateBuilder finalCert = new JcaX509v3CertificateBuilder(pki.fulcioCa, serial, notBefore, notAfter,
        empty, key);
    addExtensions(finalCert, claims);
    finalCert.addExtension(new ASN1ObjectIdentifier(SCT_LIST_OID), false, new DEROctetString(sctList));
    return StandInPki.sign(finalCert, pki.fulcioCaKeys.getPrivate());
  }

  /** Fulcio's extensions: usage, identity (email, or the workflow URI of a GitHub token), issuer, GitHub claims. */
  private static void addExtensions(JcaX509v3CertificateBuilder cert, JsonNode claims) throws IOException {
    cert.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    cert.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    GeneralName identity = claims.hasNonNull("email")
        ? new GeneralName(GeneralName.rfc822Name, claims.path("email").asText())
        : new GeneralName(GeneralName.uniformResourceIdentifier, claims.hasNonNull("job_workflow_ref")
            ? "https://github.com/" + claims.path("job_workflow_ref").asText() : claims.path("sub").asText());
    cert.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(identity));
    String issuer = claims.path("iss").asText();
    cert.addExtension(new ASN1ObjectIdentifier(FULCIO + "1"), false, issuer.getBytes(StandardCharsets.UTF_8));
    if (claims.hasNonNull("job_workflow_ref")) {
      raw(cert, "2", claims.path("event_name").asText());
      raw(cert, "3", claims.path("sha").asText());
      raw(cert, "4", claims.path("workflow").asText());
      raw(cert, "5", claims.path("repository").asText());
      raw(cert, "6", claims.path("ref").asText());
    }
    cert.addExtension(new ASN1ObjectIdentifier(FULCIO + "8"), false, new DERUTF8String(issuer));
  }

  private static void raw(JcaX509v3CertificateBuilder cert, String arc, String value) throws IOException {
    cert.addExtension(new ASN1ObjectIdentifier(FULCIO + arc), false, value.getBytes(StandardCharsets.UTF_8));
  }

  /** An RFC 6962 SCT list with one precertificate SCT from the stand-in's CT log over {@code tbs}. */
  private byte[] sctList(byte[] tbs, long timestamp) {
    byte[] issuerKeyHash = StandInPki.sha256(pki.fulcioCa.getPublicKey().getEncoded());
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0); // v1
    signed.write(0); // certificate_timestamp
    put(signed, timestamp, 8);
    put(signed, 1, 2); // precert_entry
    signed.writeBytes(issuerKeyHash);
    put(signed, tbs.length, 3);
    signed.writeBytes(tbs);
    put(signed, 0, 2); // no extensions
    byte[] signature = StandInPki.ecdsa(pki.ctLogKeys.getPrivate(), signed.toByteArray());

    ByteArrayOutputStream sct = new ByteArrayOutputStream();
    sct.write(0);
    sct.writeBytes(StandInPki.logId(pki.ctLogKeys.getPublic()));
    put(sct, timestamp, 8);
    put(sct, 0, 2);
    sct.write(4); // sha256
    sct.write(3); // ecdsa
    put(sct, signature.length, 2);
    sct.writeBytes(signature);

    ByteArrayOutputStream list = new ByteArrayOutputStream();
    put(list, sct.size() + 2, 2);
    put(list, sct.size(), 2);
    list.writeBytes(sct.toByteArray());
    return list.toByteArray();
  }

  private static void put(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
