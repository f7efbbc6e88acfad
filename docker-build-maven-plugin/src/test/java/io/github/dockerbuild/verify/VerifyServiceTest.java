package io.github.dockerbuild.verify;

import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.signature.KeyVerifier;
import io.github.dockerbuild.signature.PublicKeys;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.signature.SimpleSigningPayload;
import io.github.dockerbuild.exec.RecordingBuildLog;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.RecordStore;
import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.FakeRegistry;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.registry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify stage against an in-process registry, with signatures laid out as cosign lays them. */
class VerifyServiceTest {
  private static final String MODULE = "org.example:app";

  @TempDir Path dir;
  private FakeRegistry registry;
  private RegistryClient client;
  private final RecordingBuildLog log = new RecordingBuildLog();
  private KeyPair signer;
  private KeyVerifier verifier;

  @BeforeEach
  void start() throws Exception {
    registry = new FakeRegistry();
    client = FakeRegistry.client()
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1))).build();
    signer = KeyPairGenerator.getInstance("EC").generateKeyPair();
    verifier = new KeyVerifier(signer.getPublic(), true);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  /** Pushes a small image manifest under a tag; returns its digest. */
  private Digest image(String repository, String tag) {
    byte[] config = ("{\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8);
    registry.putBlob(repository, config);
    return registry.putManifest(repository, tag,
        ManifestTemplate.of(DescriptorTemplate.of(MediaTypes.OCI_CONFIG, config), List.of()).toBytes(),
        MediaTypes.OCI_MANIFEST);
  }

  /** Signs {@code digest} as cosign does in the legacy format, with {@code key}. */
  private void sign(String repository, Digest digest, PrivateKey key) throws Exception {
    byte[] payload = new SimpleSigningPayload(registry.host() + "/" + repository, digest, Map.of()).toBytes();
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(key);
    ecdsa.update(payload);
    String signature = Base64.getEncoder().encodeToString(ecdsa.sign());
    registry.putBlob(repository, payload);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    registry.putBlob(repository, config);
    DescriptorTemplate layer = DescriptorTemplate.of(CosignLayout.SIMPLE_SIGNING_MEDIA_TYPE, payload)
        .withAnnotations(Map.of(CosignLayout.SIGNATURE_ANNOTATION, signature));
    registry.putManifest(repository, CosignLayout.signatureTag(digest),
        ManifestTemplate.of(DescriptorTemplate.of(MediaTypes.OCI_CONFIG, config), List.of(layer)).toBytes(),
        MediaTypes.OCI_MANIFEST);
  }

  private VerifySpec spec(VerifyTarget... targets) {
    return new VerifySpec("r/app", List.of(targets), verifier, verifier, EnumSet.allOf(SignatureFormat.class), null);
  }

  private VerifyTarget base(String repoTag) {
    return new VerifyTarget(InputRole.BASE, "BUILD_FROM", registry.host() + "/" + repoTag);
  }

  private VerifyTarget cache(String repoTag) {
    return new VerifyTarget(InputRole.CACHE, "type=registry,ref={image}:cache", registry.host() + "/" + repoTag);
  }

  private BuildRecord.Verify verify(VerifySpec spec) throws Exception {
    return new VerifyService(client, StepRunner.parallel(4), log).verify(spec, new RecordStore(dir), MODULE);
  }

  @Test
  void signedBaseAndCache_verified_digestsAndSignerRecorded() throws Exception {
    Digest base = image("lib/base", "1");
    Digest cache = image("org/app", "cache");
    sign("lib/base", base, signer.getPrivate());
    sign("org/app", cache, signer.getPrivate());

    BuildRecord.Verify result = verify(spec(base("lib/base:1"), cache("org/app:cache")));

    String key = PublicKeys.describe(signer.getPublic());
    assertThat(result.images()).containsExactly(
        new BuildRecord.Verification(InputRole.BASE, "BUILD_FROM", registry.host() + "/lib/base:1", base.value(), VerifyOutcome.VERIFIED,
            null, null, key, "legacy"),
        new BuildRecord.Verification(InputRole.CACHE, "type=registry,ref={image}:cache", registry.host() + "/org/app:cache",
            cache.value(), VerifyOutcome.VERIFIED, null, null, key, "legacy"));
    assertThat(new RecordStore(dir).read().orElseThrow().verify()).isEqualTo(result);
    assertThat(log.info).contains("base image " + registry.host() + "/lib/base:1: verified " + base + ", signed by "
        + key + " (legacy format)");
    assertThat(log.warn).isEmpty();
  }

  @Test
  void modulesOfOneRun_sameBaseAndPolicy_verifiedOnce_theOthersTakeTheVerdict() throws Exception {
    Digest base = image("lib/base", "1");
    sign("lib/base", base, signer.getPrivate());
    SharedVerifications run = new SharedVerifications();
    VerifySpec spec = new VerifySpec("r/app", List.of(base("lib/base:1")), verifier, null,
        EnumSet.allOf(SignatureFormat.class), null, "key /keys/cosign.pub (no transparency log)", null);

    BuildRecord.Verify first = new VerifyService(client, StepRunner.parallel(4), log, run)
        .verify(spec, new RecordStore(dir.resolve("a")), "org.example:a");
    long afterFirst = client.counter().total().requests();
    BuildRecord.Verify second = new VerifyService(client, StepRunner.parallel(4), log, run)
        .verify(spec, new RecordStore(dir.resolve("b")), "org.example:b");

    assertThat(client.counter().total().requests()).as("the second module asks the registry nothing")
        .isEqualTo(afterFirst);
    assertThat(second.images()).isEqualTo(first.images());
    assertThat(log.info).contains("base image " + registry.host() + "/lib/base:1: verified " + base + ", signed by "
        + PublicKeys.describe(signer.getPublic()) + " (legacy format), as module org.example:a found in this run");

    // another policy text is another verdict: verified again
    VerifySpec other = new VerifySpec("r/app", List.of(base("lib/base:1")), verifier, null,
        EnumSet.allOf(SignatureFormat.class), null, "key /keys/other.pub (no transparency log)", null);
    new VerifyService(client, StepRunner.parallel(4), log, run).verify(other, new RecordStore(dir.resolve("c")),
        "org.example:c");
    assertThat(client.counter().total().requests()).isGreaterThan(afterFirst);
  }

  @Test
  void unsignedCache_droppedWithAWarning_theBuildGoesOn() throws Exception {
    Digest cache = image("org/app", "cache");

    BuildRecord.Verify result = verify(spec(cache("org/app:cache")));

    assertThat(result.images()).singleElement().satisfies(v -> {
      assertThat(v.outcome()).isEqualTo(VerifyOutcome.DROPPED);
      assertThat(v.check()).isEqualTo("signature-present");
      assertThat(v.digest()).isEqualTo(cache.value());
    });
    assertThat(log.warn).singleElement().asString()
        .startsWith("cache source " + registry.host() + "/org/app:cache " + cache + ": DROPPED verification: "
            + "signature-present: expected a signature of " + cache);
  }

  @Test
  void unsignedBase_failsAfterRecordingTheOutcome() throws Exception {
    Digest base = image("lib/base", "1");

    VerificationFailedException e = catchThrowableOfType(VerificationFailedException.class,
        () -> verify(spec(base("lib/base:1"))));

    assertThat(e.getMessage()).isEqualTo("image r/app: base image " + registry.host() + "/lib/base:1 (build arg "
        + "BUILD_FROM) " + base + " failed verification: signature-present: expected a signature of " + base
        + " (legacy: the sha256-<hex>.sig tag; bundle: a referrer), found none; nothing was built: sign the image, "
        + "fix the policy (<basePolicy>), or pick a verified base image");
    assertThat(new RecordStore(dir).read().orElseThrow().verify().images())
        .extracting(BuildRecord.Verification::outcome).containsExactly(VerifyOutcome.FAILED);
  }

  @Test
  void signedByAnotherKey_failsTheSignatureCheck() throws Exception {
    Digest base = image("lib/base", "1");
    sign("lib/base", base, KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate());

    VerificationFailedException e = catchThrowableOfType(VerificationFailedException.class,
        () -> verify(spec(base("lib/base:1"))));

    assertThat(e.failed()).singleElement().satisfies(v -> assertThat(v.check()).isEqualTo("signature"));
  }

  @Test
  void signatureOfAnotherDigestCopiedOver_failsThePayloadDigestCheck() throws Exception {
    Digest base = image("lib/base", "1");
    Digest other = image("lib/base", "2");
    sign("lib/base", other, signer.getPrivate());
    // the other image's signature manifest, copied under this digest's signature tag
    byte[] copied = client.pullManifest(registry.ref("lib/base:" + CosignLayout.signatureTag(other))).bytes();
    registry.putManifest("lib/base", CosignLayout.signatureTag(base), copied, MediaTypes.OCI_MANIFEST);

    VerificationFailedException e = catchThrowableOfType(VerificationFailedException.class,
        () -> verify(spec(base("lib/base:1"))));

    assertThat(e.failed()).singleElement().satisfies(v -> {
      assertThat(v.check()).isEqualTo("payload-digest");
      assertThat(v.reason()).isEqualTo("expected the payload to name " + base + ", got " + other
          + " (a signature of another image)");
    });
  }

  @Test
  void missingBase_fails_missingCache_droppedWithAWarning() throws Exception {
    VerificationFailedException e = catchThrowableOfType(VerificationFailedException.class,
        () -> verify(spec(base("lib/base:9"), cache("org/app:cache"))));

    assertThat(e.failed()).singleElement().satisfies(v -> assertThat(v.reason()).isEqualTo("the registry has no such image"));
    List<BuildRecord.Verification> recorded = new RecordStore(dir).read().orElseThrow().verify().images();
    assertThat(recorded).extracting(BuildRecord.Verification::outcome).containsExactly(VerifyOutcome.FAILED, VerifyOutcome.DROPPED);
    assertThat(log.warn).contains("cache source " + registry.host() + "/org/app:cache: not used (the registry has no "
        + "such image yet): this build runs without it");
  }

  @Test
  void transientErrors_retried_thenVerified() throws Exception {
    Digest base = image("lib/base", "1");
    sign("lib/base", base, signer.getPrivate());
    registry.fail("GET", "/manifests/sha256-", 503).fail("GET", "/blobs/", 429);

    BuildRecord.Verify result = verify(spec(base("lib/base:1")));

    assertThat(result.images()).extracting(BuildRecord.Verification::outcome).containsExactly(VerifyOutcome.VERIFIED);
    assertThat(registry.count("GET", "/v2/lib/base/manifests/sha256-")).isEqualTo(2);
  }

  @Test
  void persistentRegistryError_dropsTheCache_failsTheBase() throws Exception {
    Digest base = image("lib/base", "1");
    Digest cache = image("org/app", "cache");
    for (int i = 0; i < 6; i++) {
      registry.fail("GET", "/manifests/sha256-", 500);
    }

    VerificationFailedException e = catchThrowableOfType(VerificationFailedException.class,
        () -> verify(spec(base("lib/base:1"), cache("org/app:cache"))));

    assertThat(e.failed()).singleElement().satisfies(v -> assertThat(v.reason()).contains("answered 500"));
    assertThat(new RecordStore(dir).read().orElseThrow().verify().images())
        .extracting(BuildRecord.Verification::outcome, BuildRecord.Verification::digest)
        .containsExactly(tuple(VerifyOutcome.FAILED, base.value()), tuple(VerifyOutcome.DROPPED, cache.value()));
  }

  @Test
  void oneGoodSignatureAmongBadOnes_verifies() throws Exception {
    Digest base = image("lib/base", "1");
    sign("lib/base", base, KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate());
    ManifestTemplate bad = ManifestTemplate.parse(
        client.pullManifest(registry.ref("lib/base:" + CosignLayout.signatureTag(base))).bytes());
    sign("lib/base", base, signer.getPrivate());
    ManifestTemplate good = ManifestTemplate.parse(
        client.pullManifest(registry.ref("lib/base:" + CosignLayout.signatureTag(base))).bytes());
    List<DescriptorTemplate> both = new ArrayList<>(bad.layers());
    both.addAll(good.layers());
    registry.putManifest("lib/base", CosignLayout.signatureTag(base),
        ManifestTemplate.of(good.config(), both).toBytes(), MediaTypes.OCI_MANIFEST);

    BuildRecord.Verify result = verify(spec(base("lib/base:1")));

    assertThat(result.images()).extracting(BuildRecord.Verification::outcome).containsExactly(VerifyOutcome.VERIFIED);
  }

  @Test
  void noPolicy_orBaseSkippedForThisBuild_skippedWithTheReason() throws Exception {
    image("lib/base", "1");
    VerifySpec noPolicy = new VerifySpec("r/app", List.of(base("lib/base:1"), cache("org/app:cache")), null, null,
        EnumSet.allOf(SignatureFormat.class), null);
    VerifySpec notPushing = new VerifySpec("r/app", List.of(base("lib/base:1")), verifier, verifier,
        EnumSet.allOf(SignatureFormat.class), "<verifyBase> is push and this build does not push");

    assertThat(verify(noPolicy).images()).extracting(BuildRecord.Verification::reason)
        .containsExactly("no <basePolicy> is configured", "no <cachePolicy> is configured");
    assertThat(verify(notPushing).images()).singleElement().satisfies(v -> {
      assertThat(v.outcome()).isEqualTo(VerifyOutcome.SKIPPED);
      assertThat(v.reason()).isEqualTo("<verifyBase> is push and this build does not push");
    });
    assertThat(registry.count("GET", "/v2/lib/base/manifests/sha256-")).isZero();
  }

  @Test
  void legacyFormatNotAccepted_theLegacySignatureIsNotLookedAt() throws Exception {
    Digest base = image("lib/base", "1");
    sign("lib/base", base, signer.getPrivate());
    VerifySpec bundleOnly = new VerifySpec("r/app", List.of(base("lib/base:1")), verifier, verifier,
        EnumSet.of(SignatureFormat.BUNDLE), null);

    VerificationFailedException e = catchThrowableOfType(VerificationFailedException.class, () -> verify(bundleOnly));

    assertThat(e.failed()).singleElement().satisfies(v -> assertThat(v.check()).isEqualTo("signature-present"));
  }
}
