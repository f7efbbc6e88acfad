package io.github.dockerbuild.signature.keyless;

import io.github.dockerbuild.signature.SigstoreFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.signature.Check;
import io.github.dockerbuild.signature.SignatureEvidence;
import io.github.dockerbuild.signature.VerificationFailure;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every generated case: the outcome, and for a failure the check and a part of its message. */
class KeylessVerifierFixturesTest {
  private static SigstoreTrustedRoot root;

  @BeforeAll
  static void loadTrustRoot() {
    root = SigstoreFixtures.trustedRoot();
  }

  static Stream<Arguments> cases() {
    return SigstoreFixtures.cases().stream()
        .map(dir -> Arguments.of(dir.getParent().getFileName() + "/" + dir.getFileName(), dir));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fixture(String name, Path dir) {
    JsonNode c = SigstoreFixtures.caseJson(dir);
    KeylessVerifier verifier = new KeylessVerifier(root, SigstoreFixtures.policy(c.path("policy")));
    Digest image = Digest.parse(c.path("digest").asText());
    SignatureEvidence evidence = SigstoreFixtures.evidence(dir);
    JsonNode expect = c.path("expect");

    if (expect.path("result").asText().equals("ok")) {
      String signer = verify(verifier, image, evidence);
      assertThat(signer).as(c.path("description").asText()).isEqualTo(expect.path("signer").asText());
    } else {
      VerificationFailure failure = catchThrowableOfType(VerificationFailure.class,
          () -> verifier.verify(image, evidence));
      assertThat(failure).as(name + ": " + c.path("description").asText()).isNotNull();
      assertThat(failure.check().id()).as(failure.getMessage()).isEqualTo(expect.path("check").asText());
      assertThat(failure.detail()).contains(expect.path("message").asText());
      assertThat(failure.getMessage()).startsWith(expect.path("check").asText() + ": ");
    }
  }

  @Test
  void everyFormatCoversTheSameCases_andBundleAddsThePredicateType() {
    List<String> legacy = SigstoreFixtures.cases().stream().filter(p -> p.getParent().endsWith("legacy"))
        .map(p -> p.getFileName().toString()).toList();
    List<String> bundle = SigstoreFixtures.cases().stream().filter(p -> p.getParent().endsWith("bundle"))
        .map(p -> p.getFileName().toString()).toList();

    assertThat(bundle).containsAll(legacy).contains("wrong-predicate-type");
    assertThat(legacy).contains("valid", "wrong-identity", "wrong-issuer", "other-digest", "tampered-payload",
        "expired-at-integrated-time", "missing-tlog", "forged-tlog-set", "tlog-body-mismatch", "untrusted-ca",
        "identity-regexp-anchored", "identity-regexp-unanchored");
  }

  @Test
  void everyCheckExceptPresenceIsExercisedByAFailingFixture() {
    List<String> failing = SigstoreFixtures.cases().stream()
        .map(SigstoreFixtures::caseJson)
        .map(c -> c.path("expect").path("check").asText(""))
        .toList();

    assertThat(failing).containsAll(Arrays.stream(Check.values())
        .filter(c -> c != Check.SIGNATURE_PRESENT && c != Check.FORMAT)
        .map(Check::id).toList());
  }

  private static String verify(KeylessVerifier verifier, Digest image, SignatureEvidence evidence) {
    try {
      return verifier.verify(image, evidence);
    } catch (VerificationFailure e) {
      throw new AssertionError("expected success, got " + e.getMessage(), e);
    }
  }
}
