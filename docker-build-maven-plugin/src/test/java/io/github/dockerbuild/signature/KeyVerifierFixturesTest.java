package io.github.dockerbuild.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dockerbuild.signature.keyless.TrustRootLogs;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.signature.keyless.KeylessTrustRoot;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every generated key-based case (test resources sigstore/key, made by
 * src/test/fixtures/sigstore with the same mock Rekor as the keyless cases): the outcome, and for a
 * failure the check and a part of its message.
 */
public class KeyVerifierFixturesTest {
  private static TransparencyLogs root;

  @BeforeAll
  static void loadTrustRoot() throws Exception {
    root = new TrustRootLogs(KeylessTrustRoot.fromFile(dir().resolve("trusted_root.json")));
  }

  static Path dir() {
    return SigstoreFixtures.dir();
  }

  static List<Path> cases() {
    return SigstoreFixtures.cases(dir().resolve("key"));
  }

  static Stream<Arguments> named() {
    return cases().stream().map(d -> Arguments.of(d.getParent().getFileName() + "/" + d.getFileName(), d));
  }

  public static JsonNode caseJson(Path dir) {
    return SigstoreFixtures.caseJson(dir);
  }

  public static SignatureEvidence evidence(Path dir) {
    return SigstoreFixtures.evidence(dir);
  }

  static PublicKey policyKey(JsonNode c) {
    return PublicKeys.parsePem(c.path("policy").path("publicKey").asText());
  }

  static KeyVerifier verifier(JsonNode c) {
    return new KeyVerifier(policyKey(c), c.path("policy").path("insecureIgnoreTlog").asBoolean(), root);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("named")
  void fixture(String name, Path dir) {
    JsonNode c = caseJson(dir);
    assertThat(c.path("mode").asText()).isEqualTo("key");
    Digest image = Digest.parse(c.path("digest").asText());
    SignatureEvidence evidence = evidence(dir);
    JsonNode expect = c.path("expect");

    if (expect.path("result").asText().equals("ok")) {
      String signer;
      try {
        signer = verifier(c).verify(image, evidence);
      } catch (VerificationFailure e) {
        throw new AssertionError(name + ": expected success, got " + e.getMessage(), e);
      }
      assertThat(signer).isEqualTo(PublicKeys.describe(policyKey(c)));
    } else {
      VerificationFailure failure = catchThrowableOfType(VerificationFailure.class,
          () -> verifier(c).verify(image, evidence));
      assertThat(failure).as(name + ": " + c.path("description").asText()).isNotNull();
      assertThat(failure.check().id()).as(failure.getMessage()).isEqualTo(expect.path("check").asText());
      assertThat(failure.detail()).contains(expect.path("message").asText());
    }
  }

  @Test
  void loggedSignature_withoutATrustRoot_failsTheTlogCheck_sayingWhatToGive() {
    JsonNode c = caseJson(dir().resolve("key/legacy/valid"));
    KeyVerifier noRoot = new KeyVerifier(policyKey(c), false, null);

    VerificationFailure failure = catchThrowableOfType(VerificationFailure.class,
        () -> noRoot.verify(Digest.parse(c.path("digest").asText()), evidence(dir().resolve("key/legacy/valid"))));

    assertThat(failure.check()).isEqualTo(Check.TLOG);
    assertThat(failure.detail()).isEqualTo("the signature has a transparency-log entry but no trust root is "
        + "configured to check it against: give a trusted_root.json with the log's key in <trustedRoot> "
        + "(-Ddocker.verify.trustedRoot), or set insecureIgnoreTlog=true to rely on the key alone");
  }

  @Test
  void bothFormatsCoverTheCases_andEveryKeyCheckFailsInSome() {
    List<String> legacy = cases().stream().filter(p -> p.getParent().endsWith("legacy"))
        .map(p -> p.getFileName().toString()).toList();
    List<String> bundle = cases().stream().filter(p -> p.getParent().endsWith("bundle"))
        .map(p -> p.getFileName().toString()).toList();
    List<String> failing = cases().stream().map(KeyVerifierFixturesTest::caseJson)
        .map(c -> c.path("expect").path("check").asText("")).toList();

    assertThat(legacy).contains("valid", "forged-tlog-set", "log-body-other-key", "other-key", "other-digest");
    assertThat(bundle).contains("valid", "forged-tlog-set", "log-body-other-key", "other-key", "other-digest",
        "wrong-predicate-type");
    assertThat(failing).contains(Check.TLOG.id(), Check.SIGNATURE.id(), Check.PREDICATE_TYPE.id(),
        Check.PAYLOAD_DIGEST.id());
  }

  @Test
  void keyMode_runsNoCertificateCheck_inTheCheckOrder() {
    PublicKey key = policyKey(caseJson(dir().resolve("key/legacy/valid")));

    assertThat(new KeyVerifier(key, false, root).checks())
        .containsExactly(Check.TLOG, Check.SIGNATURE, Check.PREDICATE_TYPE, Check.PAYLOAD_DIGEST);
    assertThat(new KeyVerifier(key, true, root).checks())
        .containsExactly(Check.SIGNATURE, Check.PREDICATE_TYPE, Check.PAYLOAD_DIGEST);
  }
}
