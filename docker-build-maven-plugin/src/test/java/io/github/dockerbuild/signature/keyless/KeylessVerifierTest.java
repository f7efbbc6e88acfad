package io.github.dockerbuild.signature.keyless;

import io.github.dockerbuild.signature.SigstoreFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.dsse.InTotoPayload;
import dev.sigstore.encryption.certificates.Certificates;
import dev.sigstore.fulcio.client.FulcioVerifier;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.signature.Check;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.signature.SignatureEvidence;
import io.github.dockerbuild.signature.VerificationFailure;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed evidence, and the gaps of sigstore-java 2.0.0 this verifier closes. */
class KeylessVerifierTest {
  private final KeylessVerifier verifier = new KeylessVerifier(SigstoreFixtures.trustedRoot(),
      SigstoreFixtures.policy(SigstoreFixtures.caseJson(SigstoreFixtures.caseDir("legacy", "valid")).path("policy")));
  private final Digest image = Digest.parse(
      SigstoreFixtures.caseJson(SigstoreFixtures.caseDir("legacy", "valid")).path("digest").asText());

  private static SignatureEvidence.Legacy legacy(String name) {
    return (SignatureEvidence.Legacy) SigstoreFixtures.evidence(SigstoreFixtures.caseDir("legacy", name));
  }

  private static String bundleJson(String name) throws Exception {
    return Files.readString(SigstoreFixtures.caseDir("bundle", name).resolve("bundle.json"));
  }

  private VerificationFailure failure(SignatureEvidence evidence) {
    return catchThrowableOfType(VerificationFailure.class, () -> verifier.verify(image, evidence));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "dev.cosignproject.cosign/signature | the layer has no dev.cosignproject.cosign/signature annotation",
      "dev.sigstore.cosign/certificate    | it is a key signature, not a keyless one",
  })
  void legacy_missingAnnotation_format(String annotation, String message) {
    Map<String, String> annotations = new HashMap<>(legacy("valid").annotations());
    annotations.remove(annotation);

    VerificationFailure f = failure(new SignatureEvidence.Legacy(legacy("valid").payload(), annotations));

    assertThat(f.check()).isEqualTo(Check.FORMAT);
    assertThat(f.detail()).contains(message);
  }

  @Test
  void legacy_garbageCertificateAndBundle_format() {
    Map<String, String> annotations = new HashMap<>(legacy("valid").annotations());
    annotations.put(CosignLayout.CERTIFICATE_ANNOTATION, "not a certificate");
    assertThat(failure(new SignatureEvidence.Legacy(legacy("valid").payload(), annotations)).getMessage())
        .isEqualTo("format: the dev.sigstore.cosign/certificate annotation is not a PEM certificate");

    annotations = new HashMap<>(legacy("valid").annotations());
    annotations.put(CosignLayout.REKOR_BUNDLE_ANNOTATION, "{\"Payload\":{}}");
    assertThat(failure(new SignatureEvidence.Legacy(legacy("valid").payload(), annotations)).getMessage())
        .isEqualTo("format: the dev.sigstore.cosign/bundle annotation lacks Payload.body, integratedTime, logIndex or logID");
  }

  @Test
  void legacy_payloadNotSimpleSigning_format() {
    VerificationFailure f = failure(new SignatureEvidence.Legacy("{}".getBytes(StandardCharsets.UTF_8),
        legacy("valid").annotations()));

    assertThat(f.getMessage()).isEqualTo("format: the payload's critical.type is '', not 'cosign container image signature'");
  }

  @Test
  void bundle_malformed_format() throws Exception {
    assertThat(failure(new SignatureEvidence.Bundle("nope".getBytes(StandardCharsets.UTF_8))).getMessage())
        .startsWith("format: the bundle is not JSON: ");

    ObjectNode json = (ObjectNode) SigstoreFixtures.JSON.readTree(bundleJson("valid"));
    json.remove("dsseEnvelope");
    json.putObject("messageSignature");
    assertThat(failure(new SignatureEvidence.Bundle(SigstoreFixtures.JSON.writeValueAsBytes(json))).getMessage())
        .isEqualTo("format: the bundle has no DSSE envelope (a message signature is not a cosign image signature)");

    json = (ObjectNode) SigstoreFixtures.JSON.readTree(bundleJson("valid"));
    ((ObjectNode) json.path("dsseEnvelope")).put("payloadType", "text/plain");
    assertThat(failure(new SignatureEvidence.Bundle(SigstoreFixtures.JSON.writeValueAsBytes(json))).getMessage())
        .isEqualTo("format: expected DSSE payload type 'application/vnd.in-toto+json', got 'text/plain'");
  }

  @Test
  void bundle_withoutInclusionProof_tlog() throws Exception {
    ObjectNode json = (ObjectNode) SigstoreFixtures.JSON.readTree(bundleJson("valid"));
    ((ObjectNode) json.path("verificationMaterial").path("tlogEntries").path(0)).remove("inclusionProof");

    VerificationFailure f = failure(new SignatureEvidence.Bundle(SigstoreFixtures.JSON.writeValueAsBytes(json)));

    assertThat(f.getMessage()).isEqualTo("tlog: the bundle's tlog entry has no inclusion proof");
  }

  @Test
  void gap_expiredAtIntegratedTime_sigstoreJavaAcceptsTheCertificate_weDoNot() throws Exception {
    SignatureEvidence.Legacy expired = legacy("expired-at-integrated-time");
    X509Certificate cert = (X509Certificate) Certificates.fromPem(
        expired.annotations().get(CosignLayout.CERTIFICATE_ANNOTATION));

    // sigstore-java checks the chain at the certificate's issuance and its SCT, not the log's time
    FulcioVerifier.newFulcioVerifier(SigstoreFixtures.trustedRoot()).verifySigningCertificate(
        Certificates.toCertPath(cert));

    VerificationFailure f = failure(expired);
    assertThat(f.check()).isEqualTo(Check.CERTIFICATE_VALIDITY);
    assertThat(f.detail()).startsWith("certificate expired at " + cert.getNotAfter().toInstant()
        + ", the log integrated the entry later, at ");
  }

  @Test
  void gap_subjectsWithoutName_sigstoreJavaCannotParse_weVerify() throws Exception {
    Bundle parsed = Bundle.from(new StringReader(bundleJson("valid")));

    assertThatThrownBy(() -> InTotoPayload.from(parsed.getDsseEnvelope().orElseThrow()))
        .isInstanceOf(Exception.class);
    assertThat(verifier.verify(image, new SignatureEvidence.Bundle(bundleJson("valid").getBytes(StandardCharsets.UTF_8))))
        .startsWith("https://github.com/octo-org/app/");
  }

  @Test
  void gap_predicateType_checkedEvenWhenEverythingElseVerifies() throws Exception {
    String json = bundleJson("wrong-predicate-type");

    VerificationFailure f = failure(new SignatureEvidence.Bundle(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(f.getMessage()).isEqualTo("predicate-type: expected 'https://sigstore.dev/cosign/sign/v1', "
        + "got 'https://slsa.dev/provenance/v1' (an attestation, not an image signature)");
  }

  @Test
  void pae_isDsseV1() {
    assertThat(new String(io.github.dockerbuild.signature.Dsse.pae("t/x", "ab".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 3 t/x 2 ab");
  }

  @Test
  void verify_signer_namesIdentityAndIssuer() throws Exception {
    assertThat(verifier.verify(image, legacy("valid"))).isEqualTo(
        "https://github.com/octo-org/app/.github/workflows/release.yml@refs/heads/main"
            + " (issuer https://token.actions.githubusercontent.com)");
  }

}
