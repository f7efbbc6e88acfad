package io.github.dockerbuild.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.registry.Digest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyVerifierTest {
  private static final PublicKey COSIGN_KEY = PublicKeys.parsePem(GoldenKeySignature.publicKeyPem());

  private static VerificationFailure fails(KeyVerifier verifier, Digest digest, SignatureEvidence evidence) {
    return catchThrowableOfType(VerificationFailure.class, () -> verifier.verify(digest, evidence));
  }

  @Test
  void cosignSignature_verifies_namingTheKey() throws Exception {
    String signer = new KeyVerifier(COSIGN_KEY, true).verify(GoldenKeySignature.digest(), GoldenKeySignature.evidence());

    assertThat(signer).isEqualTo(PublicKeys.describe(COSIGN_KEY)).startsWith("ECDSA P-256 key SHA256:");
  }

  @Test
  void anotherKey_failsTheSignatureCheck() throws Exception {
    PublicKey other = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();

    VerificationFailure failure = fails(new KeyVerifier(other, true), GoldenKeySignature.digest(),
        GoldenKeySignature.evidence());

    assertThat(failure.check()).isEqualTo(Check.SIGNATURE);
    assertThat(failure.getMessage()).startsWith("signature: expected a signature by " + PublicKeys.describe(other));
  }

  @Test
  void anotherDigest_failsThePayloadDigestCheck() {
    Digest other = Digest.parse("sha256:" + "e".repeat(64));

    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, true), other, GoldenKeySignature.evidence());

    assertThat(failure.check()).isEqualTo(Check.PAYLOAD_DIGEST);
    assertThat(failure.detail()).isEqualTo("expected the payload to name " + other + ", got "
        + GoldenKeySignature.digest() + " (a signature of another image)");
  }

  @Test
  void tamperedPayload_failsTheSignatureCheck() {
    String tampered = new String(GoldenKeySignature.payload(), StandardCharsets.UTF_8)
        .replace(GoldenKeySignature.digest().hex(), "f".repeat(64));
    SignatureEvidence evidence = new SignatureEvidence.Legacy(tampered.getBytes(StandardCharsets.UTF_8),
        GoldenKeySignature.annotations());

    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, true),
        Digest.parse("sha256:" + "f".repeat(64)), evidence);

    assertThat(failure.check()).isEqualTo(Check.SIGNATURE);
  }

  @Test
  void noSignatureAnnotation_failsTheFormatCheck() {
    SignatureEvidence evidence = new SignatureEvidence.Legacy(GoldenKeySignature.payload(), Map.of());

    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, true), GoldenKeySignature.digest(), evidence);

    assertThat(failure.check()).isEqualTo(Check.FORMAT);
    assertThat(failure.detail()).contains("no dev.cosignproject.cosign/signature annotation");
  }

  @Test
  void signatureNotBase64_failsTheFormatCheck() {
    SignatureEvidence evidence = new SignatureEvidence.Legacy(GoldenKeySignature.payload(),
        Map.of(CosignLayout.SIGNATURE_ANNOTATION, "%%%"));

    assertThat(fails(new KeyVerifier(COSIGN_KEY, true), GoldenKeySignature.digest(), evidence).detail())
        .contains("is not base64");
  }

  @Test
  void payloadNotSimpleSigning_failsTheFormatCheck() {
    SignatureEvidence evidence = new SignatureEvidence.Legacy("{}".getBytes(StandardCharsets.UTF_8),
        GoldenKeySignature.annotations());

    assertThat(fails(new KeyVerifier(COSIGN_KEY, true), GoldenKeySignature.digest(), evidence).check())
        .isEqualTo(Check.FORMAT);
  }

  @Test
  void withoutLogEntry_andTheLogRequired_failsTheTlogCheck() {
    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, false), GoldenKeySignature.digest(),
        GoldenKeySignature.evidence());

    assertThat(failure.check()).isEqualTo(Check.TLOG);
    assertThat(failure.detail()).contains("insecureIgnoreTlog=true");
  }

  @Test
  void withALogEntry_andTheLogRequired_isNotAcceptedUnchecked() {
    Map<String, String> annotations = new HashMap<>(GoldenKeySignature.annotations());
    annotations.put(CosignLayout.REKOR_BUNDLE_ANNOTATION, "{}");

    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, false), GoldenKeySignature.digest(),
        new SignatureEvidence.Legacy(GoldenKeySignature.payload(), annotations));

    assertThat(failure.check()).isEqualTo(Check.TLOG);
  }
}
