package io.github.dockerbuild.signature.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.exec.RecordingBuildLog;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.registry.FakeRegistry;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.signature.SignatureEvidence;
import io.github.dockerbuild.signature.SignatureFetcher;
import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.signature.VerificationFailure;
import io.github.dockerbuild.signature.keyless.KeylessPolicy;
import io.github.dockerbuild.signature.keyless.KeylessTrustRoot;
import io.github.dockerbuild.signature.keyless.KeylessVerifier;
import io.github.dockerbuild.signature.sign.standin.SigstoreStandIn;
import io.github.dockerbuild.signature.sign.standin.TrustStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyless signing end to end against the local Sigstore stand-in: the sign stage writes legacy
 * signatures through sigstore-java's signer, and keyless verification with the stand-in's trust
 * root accepts them for the token's identity only.
 */
class KeylessSigningTest {
  private static final String EMAIL = "dev@standin.example";

  @TempDir
  static Path dir;
  static SigstoreStandIn standIn;
  static TrustStore trust;

  private FakeRegistry registry;
  private RegistryClient client;
  private final RecordingBuildLog log = new RecordingBuildLog();
  private final List<String> retries = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    standIn = SigstoreStandIn.start(dir.resolve("sigstore"));
    trust = TrustStore.use(standIn);
  }

  @AfterAll
  static void stop() throws Exception {
    trust.close();
    standIn.close();
  }

  @BeforeEach
  void registry() throws Exception {
    registry = new FakeRegistry();
    client = FakeRegistry.client().build();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void tokenFromAFile_oneCertificateForAllDigests_acceptedForItsIdentityOnly() throws Exception {
    Path token = Files.writeString(dir.resolve("token.jwt"), SigstoreStandIn.emailToken(EMAIL));
    Signer signer = signer(token, Map.of());
    SignSubject index = image("acme/app", "index");
    SignSubject amd64 = image("acme/app", "amd64");
    int certificates = standIn.certificatesIssued();
    int entries = standIn.entriesLogged();

    SignResult result = sign(List.of(index, amd64), signer);

    String expectedSigner = EMAIL + " (issuer " + SigstoreStandIn.ISSUER + ")";
    assertThat(result.signatures()).extracting(SignResult.Written::signer).containsOnly(expectedSigner);
    assertThat(result.signatures()).noneMatch(SignResult.Written::existed);
    assertThat(standIn.certificatesIssued()).isEqualTo(certificates + 1);
    assertThat(standIn.entriesLogged()).isEqualTo(entries + 2);

    KeylessVerifier verifier = verifier(KeylessPolicy.builder().identity(EMAIL).issuer(SigstoreStandIn.ISSUER));
    assertThat(verifier.verify(index.image().digest(), evidence(index))).isEqualTo(expectedSigner);
    assertThat(verifier.verify(amd64.image().digest(), evidence(amd64))).isEqualTo(expectedSigner);
    // a signature for one digest does not verify another
    assertThat(catchThrowableOfType(VerificationFailure.class,
        () -> verifier.verify(amd64.image().digest(), evidence(index)))).isNotNull();
    // another identity is refused
    KeylessVerifier stranger = verifier(KeylessPolicy.builder().identity("eve@standin.example")
        .issuer(SigstoreStandIn.ISSUER));
    assertThat(catchThrowableOfType(VerificationFailure.class,
        () -> stranger.verify(index.image().digest(), evidence(index)))).hasMessageContaining("eve@standin.example");
  }

  @Test
  void bothFormats_eachVerifies_theBundleWithItsDsseEntryAndInclusionProof() throws Exception {
    Path token = Files.writeString(dir.resolve("token-both.jwt"), SigstoreStandIn.emailToken(EMAIL));
    Signer signer = signer(token, Map.of());
    SignSubject index = image("acme/both", "index");
    SignSubject arm64 = image("acme/both", "arm64");
    int entries = standIn.entriesLogged();

    SignResult result = new SignService(client, StepRunner.parallel(4), log, Clock.systemUTC()).sign(new SignSpec(
        List.of(index, arm64), List.of(SignatureFormat.LEGACY, SignatureFormat.BUNDLE), Map.of(), signer));

    assertThat(result.signatures()).hasSize(4)
        .allSatisfy(w -> assertThat(w.signer()).isEqualTo(EMAIL + " (issuer " + SigstoreStandIn.ISSUER + ")"));
    assertThat(standIn.entriesLogged()).isEqualTo(entries + 4);
    KeylessVerifier verifier = verifier(KeylessPolicy.builder().identity(EMAIL).issuer(SigstoreStandIn.ISSUER));
    for (SignSubject subject : List.of(index, arm64)) {
      List<SignatureEvidence> bundles = new SignatureFetcher(client).fetch(subject.image(),
          Set.of(SignatureFormat.BUNDLE));
      assertThat(bundles).singleElement().isInstanceOf(SignatureEvidence.Bundle.class);
      assertThat(verifier.verify(subject.image().digest(), bundles.get(0))).startsWith(EMAIL);
      assertThat(verifier.verify(subject.image().digest(), evidence(subject))).startsWith(EMAIL);
    }
    List<SignatureEvidence> indexBundle = new SignatureFetcher(client).fetch(index.image(), Set.of(SignatureFormat.BUNDLE));
    assertThat(catchThrowableOfType(VerificationFailure.class,
        () -> verifier.verify(arm64.image().digest(), indexBundle.get(0)))).isNotNull();
  }

  @Test
  void gitHubActionsToken_givesAWorkflowIdentity_withItsClaims() throws Exception {
    Signer signer = signer(null, Map.of("ACTIONS_ID_TOKEN_REQUEST_URL", standIn.githubRequestUrl(),
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", standIn.githubRequestToken()));
    SignSubject index = image("octo-org/app", "index");

    sign(List.of(index), signer);

    String workflow = "https://github.com/octo-org/app/.github/workflows/release.yml@refs/heads/main";
    KeylessVerifier verifier = verifier(KeylessPolicy.builder().identity(workflow)
        .issuer(SigstoreStandIn.GITHUB_ISSUER).githubRepository("octo-org/app").githubRef("refs/heads/main")
        .githubTrigger("push"));
    assertThat(verifier.verify(index.image().digest(), evidence(index)))
        .isEqualTo(workflow + " (issuer " + SigstoreStandIn.GITHUB_ISSUER + ")");
  }

  @Test
  void transientFulcioAndRekorErrors_areRetried_thenTheSignatureIsWritten() throws Exception {
    Path token = Files.writeString(dir.resolve("token-retry.jwt"), SigstoreStandIn.emailToken(EMAIL));
    Signer signer = signer(token, Map.of());
    SignSubject index = image("acme/retry", "index");
    int entries = standIn.entriesLogged();
    standIn.failFulcio(1);
    standIn.failRekor(1);

    SignResult result = sign(List.of(index), signer);

    // Fulcio's UNAVAILABLE is retried here; Rekor's 503 by sigstore-java's HTTP client before it
    assertThat(retries).singleElement().asString().startsWith("keyless signing: Fulcio: UNAVAILABLE; attempt 2 of 5 in ");
    assertThat(standIn.failuresLeft()).isZero();
    assertThat(standIn.entriesLogged()).isEqualTo(entries + 1);
    assertThat(result.signatures()).hasSize(1);
    assertThat(verifier(KeylessPolicy.builder().identity(EMAIL).issuer(SigstoreStandIn.ISSUER))
        .verify(index.image().digest(), evidence(index))).startsWith(EMAIL);
  }

  @Test
  void theTokenNeverReachesTheLog() throws Exception {
    String jwt = SigstoreStandIn.emailToken(EMAIL);
    Path token = Files.writeString(dir.resolve("token-log.jwt"), jwt);
    Signer signer = signer(token, Map.of());

    sign(List.of(image("acme/quiet", "index")), signer);

    assertThat(String.join("\n", log.all())).doesNotContain(jwt).doesNotContain(jwt.split("\\.")[1])
        .contains("signed ");
    assertThat(signer.toString()).doesNotContain(jwt.split("\\.")[1]);
  }

  private Signer signer(Path token, Map<String, String> env) {
    return SignerFactory.create(new SignerFactory.KeySettings(null, null, null),
        new SignerFactory.KeylessSettings(true, token == null ? null : token.toFile(), null, "sigstore",
            standIn.fulcioUrl().toString(), standIn.rekorUrl().toString(), standIn.trustedRoot().toFile(), null),
        env, id -> null, retries::add);
  }

  private SignResult sign(List<SignSubject> subjects, Signer signer) throws InterruptedException {
    return new SignService(client, StepRunner.parallel(4), log, Clock.systemUTC())
        .sign(new SignSpec(subjects, List.of(SignatureFormat.LEGACY), Map.of(), signer));
  }

  private SignSubject image(String repository, String content) {
    return TestImages.image(registry, repository, content, null);
  }

  private SignatureEvidence evidence(SignSubject subject) {
    List<SignatureEvidence> found = new SignatureFetcher(client).fetch(subject.image(), Set.of(SignatureFormat.LEGACY));
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static KeylessVerifier verifier(KeylessPolicy.Builder policy) throws Exception {
    return new KeylessVerifier(KeylessTrustRoot.fromFile(standIn.trustedRoot()), policy.build("acme/app"));
  }
}
