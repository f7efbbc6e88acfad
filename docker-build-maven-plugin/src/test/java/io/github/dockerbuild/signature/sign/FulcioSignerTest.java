package io.github.dockerbuild.signature.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import dev.sigstore.KeylessSignerException;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.signature.SigstoreFixtures;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of keyless signing that need no Sigstore: retry decisions, messages, cosign's annotations. */
class FulcioSignerTest {

  @Test
  void fulcioUnavailable_isTransient_permissionDenied_isNot() {
    assertThat(FulcioSigner.transientProblem(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException()))
        .contains("Fulcio: UNAVAILABLE");
    assertThat(FulcioSigner.transientProblem(Status.DEADLINE_EXCEEDED.asRuntimeException()))
        .contains("Fulcio: DEADLINE_EXCEEDED");
    assertThat(FulcioSigner.transientProblem(Status.PERMISSION_DENIED.withDescription("bad token").asRuntimeException()))
        .isEmpty();
    assertThat(FulcioSigner.transientProblem(Status.INVALID_ARGUMENT.asRuntimeException())).isEmpty();
  }

  @Test
  void rekorServerErrors_areTransient_clientErrors_areNot() {
    assertThat(FulcioSigner.transientProblem(wrapped(http(503)))).contains("Rekor: HTTP 503");
    assertThat(FulcioSigner.transientProblem(wrapped(http(429)))).contains("Rekor: HTTP 429");
    assertThat(FulcioSigner.transientProblem(wrapped(http(400)))).isEmpty();
    assertThat(FulcioSigner.transientProblem(wrapped(http(409)))).isEmpty();
  }

  @Test
  void connectionErrors_areTransient_failedChecks_areNot() {
    assertThat(FulcioSigner.transientProblem(wrapped(new ConnectException("Connection refused"))))
        .contains("ConnectException: Connection refused");
    assertThat(FulcioSigner.transientProblem(new KeylessSignerException("Failed to validate rekor entry after signing",
        new IllegalStateException("Entry SET was not valid")))).isEmpty();
    assertThat(FulcioSigner.transientProblem(new KeylessSignerException("Returned log entry was inconsistent with"
        + " request"))).isEmpty();
  }

  @Test
  void reason_isOneLine_withEveryCauseOnce() {
    KeylessSignerException e = new KeylessSignerException("Failed to obtain signing certificate",
        Status.PERMISSION_DENIED.withDescription("the token's audience is not sigstore\nsecond line").asRuntimeException());

    assertThat(FulcioSigner.reason(e)).isEqualTo("Failed to obtain signing certificate: Fulcio: PERMISSION_DENIED:"
        + " the token's audience is not sigstore second line");
  }

  @Test
  void rekorBundle_isWhatCosignWrites_andWhatVerificationReads() throws Exception {
    Map<String, String> fixture = legacyAnnotations("valid");
    JsonNode expected = SigstoreFixtures.JSON.readTree(fixture.get(CosignLayout.REKOR_BUNDLE_ANNOTATION));
    JsonNode payload = expected.path("Payload");
    var entry = dev.sigstore.rekor.client.ImmutableRekorEntry.builder()
        .body(payload.path("body").asText())
        .integratedTime(payload.path("integratedTime").asLong())
        .logID(payload.path("logID").asText())
        .logIndex(payload.path("logIndex").asLong())
        .verification(dev.sigstore.rekor.client.ImmutableVerification.builder()
            .signedEntryTimestamp(expected.path("SignedEntryTimestamp").asText()).build())
        .build();

    JsonNode written = SigstoreFixtures.JSON.readTree(FulcioSigner.rekorBundle(entry));

    assertThat(written).isEqualTo(expected);
  }

  @Test
  void annotations_holdTheCertificate_andTheChainOnlyWhenThereIsOne() throws Exception {
    X509Certificate leaf = certificate(legacyAnnotations("github-claims").get(CosignLayout.CERTIFICATE_ANNOTATION));
    var entry = dev.sigstore.rekor.client.ImmutableRekorEntry.builder().body("e30=").integratedTime(1).logID("00")
        .logIndex(0).verification(dev.sigstore.rekor.client.ImmutableVerification.builder()
            .signedEntryTimestamp("c2V0").build()).build();

    Map<String, String> alone = FulcioSigner.annotations(List.of(leaf), entry);
    Map<String, String> chained = FulcioSigner.annotations(List.of(leaf, leaf), entry);

    assertThat(alone).containsOnlyKeys(CosignLayout.CERTIFICATE_ANNOTATION, CosignLayout.REKOR_BUNDLE_ANNOTATION);
    assertThat(certificate(alone.get(CosignLayout.CERTIFICATE_ANNOTATION))).isEqualTo(leaf);
    assertThat(chained).containsKey(CosignLayout.CHAIN_ANNOTATION);
    assertThat(certificate(chained.get(CosignLayout.CHAIN_ANNOTATION))).isEqualTo(leaf);
  }

  @Test
  void describe_namesIdentityAndIssuer_asVerificationDoes() throws Exception {
    X509Certificate leaf = certificate(legacyAnnotations("github-claims").get(CosignLayout.CERTIFICATE_ANNOTATION));
    String expected = SigstoreFixtures.caseJson(SigstoreFixtures.caseDir("legacy", "github-claims"))
        .path("expect").path("signer").asText();

    assertThat(FulcioSigner.describe(leaf)).isEqualTo(expected);
  }

  @Test
  void keylessSigner_claimsNoEarlierSignature() {
    FulcioSigner signer = new FulcioSigner(null, null, "a Fulcio certificate",
        io.github.dockerbuild.registry.RetryPolicy.DEFAULT, d -> { }, m -> { });

    assertThat(signer.verifies(new byte[] {1}, new byte[] {2})).isFalse();
    assertThat(signer.identity()).isEqualTo("keyless");
    assertThat(signer).hasToString("a Fulcio certificate");
  }

  @Test
  void transientErrors_areRetriedWithBackoff_thenGivenUp_inOneLine() throws Exception {
    dev.sigstore.KeylessSigner sigstore = org.mockito.Mockito.mock(dev.sigstore.KeylessSigner.class);
    org.mockito.Mockito.when(sigstore.sign(org.mockito.ArgumentMatchers.any(byte[].class)))
        .thenThrow(wrapped(http(503)));
    List<java.time.Duration> slept = new java.util.ArrayList<>();
    List<String> retries = new java.util.ArrayList<>();
    FulcioSigner signer = new FulcioSigner(sigstore, null, "keyless", io.github.dockerbuild.registry.RetryPolicy.DEFAULT,
        slept::add, retries::add);

    SignException e = org.assertj.core.api.Assertions.catchThrowableOfType(SignException.class,
        () -> signer.signLegacy(new byte[] {1}));

    assertThat(e.getMessage()).isEqualTo("keyless signing failed (gave up after 5 attempts): Failed to put entry in"
        + " rekor: Rekor: HTTP 503");
    assertThat(retries).hasSize(4).first().asString()
        .startsWith("keyless signing: Rekor: HTTP 503; attempt 2 of 5 in ");
    assertThat(slept).hasSize(4);
    assertThat(slept.get(3)).isGreaterThan(slept.get(0));
    org.mockito.Mockito.verify(sigstore, org.mockito.Mockito.times(5)).sign(org.mockito.ArgumentMatchers.any(byte[].class));
  }

  @Test
  void aRefusedToken_isNotRetried() throws Exception {
    dev.sigstore.KeylessSigner sigstore = org.mockito.Mockito.mock(dev.sigstore.KeylessSigner.class);
    org.mockito.Mockito.when(sigstore.sign(org.mockito.ArgumentMatchers.any(byte[].class)))
        .thenThrow(Status.UNAVAILABLE.asRuntimeException())
        .thenThrow(Status.PERMISSION_DENIED.withDescription("token audience is not sigstore").asRuntimeException());
    List<String> retries = new java.util.ArrayList<>();
    FulcioSigner signer = new FulcioSigner(sigstore, null, "keyless", io.github.dockerbuild.registry.RetryPolicy.DEFAULT,
        d -> { }, retries::add);

    SignException e = org.assertj.core.api.Assertions.catchThrowableOfType(SignException.class,
        () -> signer.signLegacy(new byte[] {1}));

    assertThat(retries).hasSize(1);
    assertThat(e.getMessage()).isEqualTo("keyless signing failed (on attempt 2): Fulcio:"
        + " PERMISSION_DENIED: token audience is not sigstore");
  }

  private static KeylessSignerException wrapped(Exception cause) {
    return new KeylessSignerException("Failed to put entry in rekor", cause);
  }

  private static HttpResponseException http(int status) {
    return new HttpResponseException.Builder(status, "status " + status, new HttpHeaders()).build();
  }

  private static Map<String, String> legacyAnnotations(String name) throws Exception {
    Map<String, String> annotations = new java.util.LinkedHashMap<>();
    SigstoreFixtures.JSON.readTree(Files.readAllBytes(SigstoreFixtures.caseDir("legacy", name)
        .resolve("annotations.json"))).fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
    return annotations;
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
