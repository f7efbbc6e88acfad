package io.github.dockerbuild.verify;

import io.github.dockerbuild.domain.InputRole;
import static io.github.dockerbuild.domain.ImageSpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.signature.SignatureEvidence;
import io.github.dockerbuild.signature.SignatureVerifier;
import io.github.dockerbuild.signature.GoldenKeySignature;
import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.signature.KeyVerifier;
import io.github.dockerbuild.signature.KeyVerifierFixturesTest;
import io.github.dockerbuild.config.LazyLibrary;
import io.github.dockerbuild.signature.VerificationFailure;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.config.InvalidConfigurationException;
import io.github.dockerbuild.registry.RetryPolicy;
import java.time.Duration;
import io.github.dockerbuild.registry.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifySpecFactoryTest {
  @TempDir Path dir;

  private Path cosignPub() throws Exception {
    return Files.writeString(dir.resolve("cosign.pub"), GoldenKeySignature.publicKeyPem());
  }

  private static PolicySettings key(String parameter, Path file) {
    return new PolicySettings(parameter, "p.", file, true, null, null, null, null, null, null, null);
  }

  private static PolicySettings none(String parameter) {
    return new PolicySettings(parameter, "p.", null, false, null, null, null, null, null, null, null);
  }

  private static PolicySettings identity(String parameter) {
    return new PolicySettings(parameter, "p.", null, false, "me@example.com", null, "https://issuer", null, null,
        null, null);
  }

  @Test
  void baseArgsAndRegistryCacheSources_oncePerDistinctReference() throws Exception {
    ImageSpec image = spec()
        .buildArg("BUILD_FROM", "ghcr.io/org/{arch}-base:1")
        .buildArg("TOOLS", "ghcr.io/org/tools:2")
        .cacheFrom("type=registry,ref={archImage}:cache-{arch}", "type=registry,ref={image}:cache",
            "type=local,src=/c", "type=gha")
        .build();

    VerifySpec spec = VerifySpecFactory.create(image, List.of("BUILD_FROM", "TOOLS"), key("<basePolicy>", cosignPub()),
        none("<cachePolicy>"), "always", List.of(), null);

    assertThat(spec.targets()).containsExactly(
        new VerifyTarget(InputRole.BASE, "BUILD_FROM", "ghcr.io/org/amd64-base:1"),
        new VerifyTarget(InputRole.BASE, "BUILD_FROM", "ghcr.io/org/arm64-base:1"),
        new VerifyTarget(InputRole.BASE, "TOOLS", "ghcr.io/org/tools:2"),
        new VerifyTarget(InputRole.CACHE, "type=registry,ref={archImage}:cache-{arch}", "ghcr.io/org/app:cache-amd64"),
        new VerifyTarget(InputRole.CACHE, "type=registry,ref={archImage}:cache-{arch}", "ghcr.io/org/app:cache-arm64"),
        new VerifyTarget(InputRole.CACHE, "type=registry,ref={image}:cache", "ghcr.io/org/app:cache"));
    assertThat(spec.base()).isInstanceOf(KeyVerifier.class);
    assertThat(spec.cache()).isNull();
    assertThat(spec.formats()).containsExactlyInAnyOrder(SignatureFormat.LEGACY, SignatureFormat.BUNDLE);
    assertThat(spec.baseSkipReason()).isNull();
  }

  @Test
  void verifyBasePush_inABuildThatDoesNotPush_skipsBaseImages() throws Exception {
    ImageSpec image = spec().push(false).buildArg("BUILD_FROM", "r/base:1").build();

    VerifySpec spec = VerifySpecFactory.create(image, List.of("BUILD_FROM"), key("<basePolicy>", cosignPub()),
        none("<cachePolicy>"), "PUSH", List.of("legacy"), null);

    assertThat(spec.baseSkipReason()).isEqualTo("<verifyBase> is push and this build does not push");
    assertThat(spec.formats()).containsExactly(SignatureFormat.LEGACY);
  }

  @Test
  void verifyBasePush_inABuildThatPushes_checksBaseImages() throws Exception {
    ImageSpec image = spec().push(true).buildArg("BUILD_FROM", "r/base:1").build();

    VerifySpec spec = VerifySpecFactory.create(image, List.of("BUILD_FROM"), key("<basePolicy>", cosignPub()),
        none("<cachePolicy>"), "push", List.of(), null);

    assertThat(spec.baseSkipReason()).isNull();
  }

  @Test
  void everyBadFieldReportedAtOnce_namingParameterImageAndFix() throws Exception {
    ImageSpec image = spec().buildArg("BAD_REF", "UPPER/Case:??").build();
    Path notAKey = Files.writeString(dir.resolve("cosign.key"), GoldenKeySignature.text("cosign.key"));

    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> VerifySpecFactory.create(image, List.of("BUILD_FROM", "BAD_REF"), key("<basePolicy>", notAKey),
            key("<cachePolicy>", dir.resolve("missing.pub")), "sometimes", List.of("legacy", "sigstore"), null));

    assertThat(e.problems()).hasSize(6);
    assertThat(e.getMessage().lines()).allSatisfy(line -> assertThat(line).startsWith("image ghcr.io/org/app: "));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(
        "<baseImages> (-Ddocker.verify.baseImages) 'BUILD_FROM' is not a build arg of the image: add "
            + "<buildArgs><BUILD_FROM>REGISTRY/IMAGE:TAG</BUILD_FROM></buildArgs>"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("<buildArgs><BAD_REF> 'UPPER/Case:??' is not an image reference"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("<verifyBase> (-Ddocker.verify.base) 'sometimes' is not always or push"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("<formats> (-Ddocker.verify.formats) 'sigstore' is not a signature format"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
        .startsWith("<basePolicy><publicKey> '" + notAKey + "' holds a PEM 'ENCRYPTED SIGSTORE PRIVATE KEY' block")
        .contains("give the public key"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p)
        .startsWith("<cachePolicy><publicKey> '" + dir.resolve("missing.pub") + "' cannot be read"));
  }

  @Test
  void keyAndIdentityTogether_rejected() throws Exception {
    PolicySettings both = new PolicySettings("<basePolicy>", "p.", cosignPub(), false, "me@example.com", null, null, null,
        null, null, null);

    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> VerifySpecFactory.create(spec().build(), List.of(), both, none("<cachePolicy>"), "always", List.of(),
            null));

    assertThat(e.problems()).singleElement().asString().contains("sets both a public key and a keyless identity");
  }

  @Test
  void keylessPolicy_madeByTheKeylessFactory() throws Exception {
    SignatureVerifier made = (digest, evidence) -> "me";

    VerifySpec spec = VerifySpecFactory.create(spec().build(), List.of(), identity("<basePolicy>"),
        identity("<cachePolicy>"), "always", List.of(), (policy, problems) -> made);

    assertThat(spec.base()).isSameAs(made);
    assertThat(spec.cache()).isSameAs(made);
  }

  @Test
  void keylessPolicy_withoutKeylessSupport_saysSo() {
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> VerifySpecFactory.create(spec().build(), List.of(), identity("<basePolicy>"), none("<cachePolicy>"),
            "always", List.of(), null));

    assertThat(e.problems()).singleElement().asString().contains("<basePolicy>");
  }

  // ---- key policies and the transparency log

  private static Path fixtures() throws Exception {
    return Path.of(VerifySpecFactoryTest.class.getResource("/sigstore/trusted_root.json").toURI()).getParent();
  }

  private PolicySettings keyWithLog(Path keyCase) throws Exception {
    String pem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(keyCase.resolve("case.json").toFile())
        .path("policy").path("publicKey").asText();
    return new PolicySettings("<basePolicy>", "docker.verify.basePolicy.", Files.writeString(dir.resolve("k.pub"), pem),
        false, null, null, null, null, null, null, null);
  }

  @Test
  void keyPolicyCheckingTheLog_getsTheTrustRoot_andVerifiesALoggedSignature() throws Exception {
    Path valid = fixtures().resolve("key/legacy/valid");
    SignatureEvidence evidence = KeyVerifierFixturesTest.evidence(valid);
    Digest digest = Digest.parse(KeyVerifierFixturesTest.caseJson(valid).path("digest").asText());

    VerifySpec spec = VerifySpecFactory.create(spec().build(), List.of(), keyWithLog(valid), none("<cachePolicy>"),
        "always", List.of(), new KeylessVerifiers(fixtures().resolve("trusted_root.json"), dir, "ghcr.io/org/app"));

    assertThat(spec.base().verify(digest, evidence)).startsWith("ECDSA P-256 key SHA256:");
    // without the factory there is no trust root: the same signature fails the tlog check, saying so
    VerifySpec without = VerifySpecFactory.create(spec().build(), List.of(), keyWithLog(valid), none("<cachePolicy>"),
        "always", List.of(), null);
    assertThat(catchThrowableOfType(VerificationFailure.class, () -> without.base().verify(digest, evidence)).detail())
        .contains("no trust root is configured");
  }

  @Test
  void keyPolicyCheckingTheLog_trustRootWithoutLogs_isAProblemNamingTheFix() throws Exception {
    Path empty = Path.of(VerifySpecFactoryTest.class.getResource("/cosign/key-bundle/empty-trusted-root.json").toURI());

    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> VerifySpecFactory.create(spec().build(), List.of(), keyWithLog(fixtures().resolve("key/legacy/valid")),
            none("<cachePolicy>"), "always", List.of(), new KeylessVerifiers(empty, dir, "ghcr.io/org/app")));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("<basePolicy> checks the transparency log of key-based signatures (insecureIgnoreTlog is false), "
            + "which needs a trust root: <trustedRoot> (-Ddocker.verify.trustedRoot) '" + empty + "' has no "
            + "transparency log")
        .endsWith("; or set <insecureIgnoreTlog>true</insecureIgnoreTlog> "
            + "(-Ddocker.verify.basePolicy.insecureIgnoreTlog=true) to rely on the key alone");
  }

  @Test
  void keyPolicyIgnoringTheLog_neverLoadsTheTrustRoot() throws Exception {
    VerifySpec spec = VerifySpecFactory.create(spec().build(), List.of(), key("<basePolicy>", cosignPub()),
        none("<cachePolicy>"), "always", List.of(),
        new KeylessVerifiers(dir.resolve("missing-trusted-root.json"), dir, "ghcr.io/org/app"));

    assertThat(spec.base()).isInstanceOf(KeyVerifier.class);
  }

  @Test
  void policyKey_oneKeyFileReachedByTwoPaths_isOnePolicy_anotherKeyIsAnother() throws Exception {
    Path key = cosignPub();
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    VerifySpec a = VerifySpecFactory.create(spec().build(), List.of(), key("<basePolicy>", dir.resolve("a/../cosign.pub")),
        none("<cachePolicy>"), "always", List.of(), null);
    VerifySpec b = VerifySpecFactory.create(spec().build(), List.of(), key("<basePolicy>", dir.resolve("b/../cosign.pub")),
        none("<cachePolicy>"), "always", List.of(), null);
    Path other = Files.writeString(dir.resolve("other.pub"), Files.readString(key));
    VerifySpec c = VerifySpecFactory.create(spec().build(), List.of(), key("<basePolicy>", other),
        none("<cachePolicy>"), "always", List.of(), null);

    assertThat(a.basePolicy()).isEqualTo(b.basePolicy()).isEqualTo("key " + key.toAbsolutePath().normalize()
        + " (no transparency log)");
    assertThat(c.basePolicy()).isNotEqualTo(a.basePolicy());
    assertThat(a.cachePolicy()).as("no cache policy: nothing to share").isNull();
  }

  @Test
  void keyPolicyIgnoringTheLog_neverAsksForSigstoreJava_aLoggedOneDoesOnce() throws Exception {
    List<String> asked = new java.util.ArrayList<>();
    LazyLibrary.SIGSTORE.install(asked::add);
    try {
      VerifySpecFactory.create(spec().build(), List.of(), key("<basePolicy>", cosignPub()), none("<cachePolicy>"),
          "always", List.of(), new KeylessVerifiers(fixtures().resolve("trusted_root.json"), dir, "ghcr.io/org/app"));
      assertThat(asked).isEmpty();

      Path valid = fixtures().resolve("key/legacy/valid");
      VerifySpecFactory.create(spec().build(), List.of(), keyWithLog(valid), keyWithLog(valid), "always", List.of(),
          new KeylessVerifiers(fixtures().resolve("trusted_root.json"), dir, "ghcr.io/org/app"));
      assertThat(asked).containsExactly("the transparency-log check of <basePolicy>");
    } finally {
      LazyLibrary.SIGSTORE.install(why -> { });
    }
  }

  @Test
  void sigstoreJavaUnavailable_isOneProblemPerRun() throws Exception {
    LazyLibrary.SIGSTORE.install(why -> {
      throw new Exception("docker-build: " + why + " needs dev.sigstore:sigstore-java:2.0.0, which cannot be resolved");
    });
    try {
      InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
          () -> VerifySpecFactory.create(spec().build(), List.of(), identity("<basePolicy>"), identity("<cachePolicy>"),
              "always", List.of(), new KeylessVerifiers(fixtures().resolve("trusted_root.json"), dir, "ghcr.io/org/app")));

      assertThat(e.problems()).containsExactly("docker-build: keyless verification needs "
          + "dev.sigstore:sigstore-java:2.0.0, which cannot be resolved");
    } finally {
      LazyLibrary.SIGSTORE.install(why -> { });
    }
  }

  @Test
  void keyPolicyCheckingTheLog_missingTrustRoot_isAProblem() throws Exception {
    Path missing = dir.resolve("missing-trusted-root.json");

    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> VerifySpecFactory.create(spec().build(), List.of(), keyWithLog(fixtures().resolve("key/legacy/valid")),
            none("<cachePolicy>"), "always", List.of(), new KeylessVerifiers(missing, dir, "ghcr.io/org/app")));

    assertThat(e.problems()).singleElement().asString().contains("'" + missing + "' does not exist")
        .contains("insecureIgnoreTlog");
  }

  @Test
  void trustRootWithoutAuthorities_forTwoKeylessPolicies_isOneProblem() throws Exception {
    Path empty = Path.of(VerifySpecFactoryTest.class.getResource("/cosign/key-bundle/empty-trusted-root.json").toURI());

    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> VerifySpecFactory.create(spec().build(), List.of(), identity("<basePolicy>"), identity("<cachePolicy>"),
            "always", List.of(), new KeylessVerifiers(empty, dir, "ghcr.io/org/app")));

    assertThat(e.problems()).singleElement().asString().isEqualTo("<trustedRoot> (-Ddocker.verify.trustedRoot) '"
        + empty + "' has 0 certificate authorities and 0 transparency logs: keyless verification needs at least one "
        + "of each");
  }

  @Test
  void retryPolicy_firstWaitDoublingUpToSixteenTimes() {
    RetryPolicy retries = VerifySpecFactory.retryPolicy(5, 2, "r/app");

    assertThat(retries.maxAttempts()).isEqualTo(5);
    assertThat(retries.initialDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(retries.maxDelay()).isEqualTo(Duration.ofSeconds(32));
  }

  @Test
  void retryPolicy_noAttemptsOrANegativeWait_namesBoth() {
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class,
        () -> VerifySpecFactory.retryPolicy(0, -1, "r/app"));

    assertThat(e.problems()).containsExactly(
        "<attempts> (-Ddocker.verify.attempts) '0' is less than 1: give 1 for no retry, 5 by default",
        "<retryDelay> (-Ddocker.verify.retryDelay) '-1' is negative: give the first wait in seconds, 2 by default");
  }

  @Test
  void policyDescribe_keyOrKeylessInWords() {
    assertThat(new PolicySettings("<basePolicy>", "p.", java.nio.file.Path.of("/k/cosign.pub"), true, null, null, null,
        null, null, null, null).describe()).isEqualTo("key /k/cosign.pub (no transparency log)");
    assertThat(new PolicySettings("<basePolicy>", "p.", null, false, null, "^https://github.com/acme/",
        "https://token.actions.githubusercontent.com", null, null, "refs/heads/main", null).describe())
        .isEqualTo("keyless, identity matching ^https://github.com/acme/, issuer"
            + " https://token.actions.githubusercontent.com, workflow ref refs/heads/main");
    assertThat(new PolicySettings("<basePolicy>", "p.", null, false, null, null, null, null, null, null, null)
        .describe()).isNull();
  }
}
