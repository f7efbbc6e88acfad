package io.github.dockerbuild.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.registry.Digest;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;
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
    assertThat(failure.getMessage()).startsWith("signature: the signature over the payload does not verify with "
        + "the policy's " + PublicKeys.describe(other));
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

  // ---- bundle format: cosign's own key-based bundle (test resources cosign/key-bundle)

  private static Digest bundleDigest() {
    return Digest.parse(GoldenKeySignature.text("../key-bundle/digest.txt").trim());
  }

  private static SignatureEvidence.Bundle cosignBundle() {
    return new SignatureEvidence.Bundle(GoldenKeySignature.resource("../key-bundle/bundle.json"));
  }

  /** A bundle of {@code statement}, DSSE-signed with {@code key}, laid out as cosign lays it out. */
  private static SignatureEvidence.Bundle bundle(InTotoStatement statement, PrivateKey key) throws Exception {
    Dsse.Envelope unsigned = new Dsse.Envelope(CosignLayout.IN_TOTO_PAYLOAD_TYPE, statement.toBytes(), List.of());
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(key);
    ecdsa.update(unsigned.pae());
    Dsse.Envelope signed = new Dsse.Envelope(CosignLayout.IN_TOTO_PAYLOAD_TYPE, statement.toBytes(),
        List.of(new Dsse.Signature(null, ecdsa.sign())));
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("mediaType", CosignLayout.BUNDLE_MEDIA_TYPE);
    root.putObject("verificationMaterial").putObject("publicKey").put("hint", "k");
    root.set("dsseEnvelope", new ObjectMapper().valueToTree(signed.toJson()));
    return new SignatureEvidence.Bundle(new ObjectMapper().writeValueAsBytes(root));
  }

  @Test
  void cosignBundle_verifies() throws Exception {
    assertThat(new KeyVerifier(COSIGN_KEY, true).verify(bundleDigest(), cosignBundle()))
        .isEqualTo(PublicKeys.describe(COSIGN_KEY));
  }

  @Test
  void cosignBundle_anotherDigest_failsThePayloadDigestCheck() {
    Digest other = Digest.parse("sha256:" + "e".repeat(64));

    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, true), other, cosignBundle());

    assertThat(failure.check()).isEqualTo(Check.PAYLOAD_DIGEST);
    assertThat(failure.detail()).startsWith("expected the statement's subject to be " + other + ", got [" + bundleDigest());
  }

  @Test
  void cosignBundle_anotherKey_failsTheSignatureCheck() throws Exception {
    PublicKey other = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();

    assertThat(fails(new KeyVerifier(other, true), bundleDigest(), cosignBundle()).check()).isEqualTo(Check.SIGNATURE);
  }

  @Test
  void cosignBundle_statementChanged_failsTheSignatureCheck() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(cosignBundle().json());
    ObjectNode envelope = (ObjectNode) root.get("dsseEnvelope");
    String statement = new String(java.util.Base64.getDecoder().decode(envelope.get("payload").asText()),
        StandardCharsets.UTF_8).replace(bundleDigest().hex(), "e".repeat(64));
    envelope.put("payload", java.util.Base64.getEncoder().encodeToString(statement.getBytes(StandardCharsets.UTF_8)));

    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, true), Digest.parse("sha256:" + "e".repeat(64)),
        new SignatureEvidence.Bundle(json.writeValueAsBytes(root)));

    assertThat(failure.check()).isEqualTo(Check.SIGNATURE);
  }

  @Test
  void bundleOfAnotherPredicateType_failsThePredicateTypeCheck() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
    Digest digest = Digest.parse("sha256:" + "a".repeat(64));
    InTotoStatement sbom = new InTotoStatement(CosignLayout.IN_TOTO_STATEMENT_TYPE,
        List.of(InTotoStatement.Subject.of(digest, Map.of())), "https://spdx.dev/Document", null);

    VerificationFailure failure = fails(new KeyVerifier(pair.getPublic(), true), digest, bundle(sbom, pair.getPrivate()));

    assertThat(failure.check()).isEqualTo(Check.PREDICATE_TYPE);
    assertThat(failure.detail()).isEqualTo("expected 'https://sigstore.dev/cosign/sign/v1', got "
        + "'https://spdx.dev/Document' (an attestation, not an image signature)");
  }

  @Test
  void bundleWrittenLikeTheSignGoal_verifies() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
    Digest digest = Digest.parse("sha256:" + "a".repeat(64));

    assertThat(new KeyVerifier(pair.getPublic(), true).verify(digest,
        bundle(InTotoStatement.cosignSignature(digest, Map.of("run", "1")), pair.getPrivate())))
        .startsWith("ECDSA P-256 key");
  }

  @Test
  void bundleWithoutLogEntry_andTheLogRequired_failsTheTlogCheck() {
    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, false), bundleDigest(), cosignBundle());

    assertThat(failure.check()).isEqualTo(Check.TLOG);
    assertThat(failure.detail()).contains("tlogEntries").contains("insecureIgnoreTlog=true");
  }

  @Test
  void notABundle_failsTheFormatCheck() {
    SignatureEvidence.Bundle notJson = new SignatureEvidence.Bundle("nope".getBytes(StandardCharsets.UTF_8));
    SignatureEvidence.Bundle noEnvelope = new SignatureEvidence.Bundle(
        ("{\"mediaType\":\"" + CosignLayout.BUNDLE_MEDIA_TYPE + "\"}").getBytes(StandardCharsets.UTF_8));

    assertThat(fails(new KeyVerifier(COSIGN_KEY, true), bundleDigest(), notJson).check()).isEqualTo(Check.FORMAT);
    assertThat(fails(new KeyVerifier(COSIGN_KEY, true), bundleDigest(), noEnvelope).detail())
        .isEqualTo("the bundle has no DSSE envelope");
  }

  @Test
  void withoutLogEntry_andTheLogRequired_failsTheTlogCheck() {
    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, false), GoldenKeySignature.digest(),
        GoldenKeySignature.evidence());

    assertThat(failure.check()).isEqualTo(Check.TLOG);
    assertThat(failure.detail()).contains("insecureIgnoreTlog=true");
  }

  @Test
  void withALogEntry_andTheLogRequired_butNoTrustRoot_isNotAcceptedUnchecked() {
    Map<String, String> annotations = new HashMap<>(GoldenKeySignature.annotations());
    annotations.put(CosignLayout.REKOR_BUNDLE_ANNOTATION, "{\"SignedEntryTimestamp\":\"AAAA\",\"Payload\":"
        + "{\"body\":\"e30=\",\"integratedTime\":1,\"logIndex\":1,\"logID\":\"00\"}}");

    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, false), GoldenKeySignature.digest(),
        new SignatureEvidence.Legacy(GoldenKeySignature.payload(), annotations));

    assertThat(failure.check()).isEqualTo(Check.TLOG);
    assertThat(failure.detail()).contains("no trust root is configured").contains("<trustedRoot>")
        .contains("insecureIgnoreTlog=true");
  }

  @Test
  void malformedLogEntry_failsTheFormatCheck() {
    Map<String, String> annotations = new HashMap<>(GoldenKeySignature.annotations());
    annotations.put(CosignLayout.REKOR_BUNDLE_ANNOTATION, "{}");

    VerificationFailure failure = fails(new KeyVerifier(COSIGN_KEY, false), GoldenKeySignature.digest(),
        new SignatureEvidence.Legacy(GoldenKeySignature.payload(), annotations));

    assertThat(failure.getMessage()).isEqualTo("format: the dev.sigstore.cosign/bundle annotation lacks "
        + "Payload.body, integratedTime, logIndex or logID");
  }
}
