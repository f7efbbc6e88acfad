package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.exec.RecordingBuildLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.FakeRegistry;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.OciIndexTemplate;
import io.github.dockerbuild.registry.RawManifest;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.signature.Dsse;
import io.github.dockerbuild.signature.InTotoStatement;
import io.github.dockerbuild.signature.PublicKeys;
import io.github.dockerbuild.domain.SignPlan;
import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.signature.SimpleSigningPayload;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignServiceTest {
  private static final KeySigner SIGNER = new KeySigner(TestKeys.golden());
  private static final KeySigner OTHER = new KeySigner(TestKeys.other());
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.891Z"), ZoneOffset.UTC);

  private FakeRegistry registry;
  private RegistryClient client;
  private final RecordingBuildLog log = new RecordingBuildLog();

  @BeforeEach
  void start() throws Exception {
    registry = new FakeRegistry();
    client = FakeRegistry.client().build();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private SignSubject image(String repository, String content, String platform) {
    return TestImages.image(registry, repository, content, platform);
  }

  private SignResult sign(List<SignSubject> subjects, List<SignatureFormat> formats, Map<String, String> claims,
      Signer signer) throws InterruptedException {
    return new SignService(client, StepRunner.parallel(4), log, CLOCK)
        .sign(new SignSpec(subjects, formats, claims, signer));
  }

  private ManifestTemplate manifest(ImageRef ref) {
    return client.pullManifest(ref).toManifest();
  }

  private byte[] blob(ImageRef repository, String digest) {
    return client.pullBlob(repository, Digest.parse(digest), 1 << 20);
  }

  // ---- after a partial failure ----

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> noSigningAfterAFailure() {
    SignPlan both = new SignPlan("key", List.of(io.github.dockerbuild.domain.SignTarget.INDEX,
        io.github.dockerbuild.domain.SignTarget.PLATFORMS), List.of(SignatureFormat.LEGACY), Map.of(), true);
    SignPlan off = new SignPlan("key", both.subjects(), both.formats(), Map.of(), false);
    SignPlan indexOnly = new SignPlan("key", List.of(io.github.dockerbuild.domain.SignTarget.INDEX), both.formats(),
        Map.of(), true);
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("no sign goal", null, true),
        org.junit.jupiter.params.provider.Arguments.of("signPartial=false", off, true),
        org.junit.jupiter.params.provider.Arguments.of("the index only", indexOnly, true),
        org.junit.jupiter.params.provider.Arguments.of("a build that does not push", both, false));
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("noSigningAfterAFailure")
  void runAfterPartialFailure_signsNothing_unlessThePlanSignsPlatformsAfterAFailureOfAPushingBuild(String what,
      SignPlan plan, boolean push, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    io.github.dockerbuild.domain.BuildMetadata metadata = new io.github.dockerbuild.domain.BuildMetadata(
        io.github.dockerbuild.domain.Mode.RELEASE, push, "1", "2026-01-01T00:00:00Z", "clock", null, null, null,
        registry.host() + "/it/app", "{image}", List.of("1"), Map.of(), Map.of(), Map.of());

    SignResult result = new SignService(client, StepRunner.parallel(4), log, CLOCK).runAfterPartialFailure(plan,
        SIGNER, metadata.image(), new io.github.dockerbuild.record.RecordStore(dir), "g:a", metadata);

    assertThat(result).isNull();
    assertThat(registry.registryRequests()).as("no registry call").isEmpty();
  }

  // ---- legacy ----

  @Test
  void legacy_writesCosignsLayoutAndTheSignatureVerifies() throws Exception {
    SignSubject subject = image("it/app", "a", null);

    SignResult result = sign(List.of(subject), List.of(SignatureFormat.LEGACY), Map.of(), SIGNER);

    ImageRef tag = subject.image().withTag("sha256-" + subject.image().digest().hex() + ".sig");
    assertThat(result.signatures()).containsExactly(new SignResult.Written(subject, SignatureFormat.LEGACY,
        tag.toString(), PublicKeys.fingerprint(SIGNER.publicKey()), false));
    ManifestTemplate sig = manifest(tag);
    assertThat(sig.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    DescriptorTemplate layer = sig.layers().get(0);
    assertThat(layer.mediaType()).isEqualTo(CosignLayout.SIMPLE_SIGNING_MEDIA_TYPE);
    byte[] payload = blob(subject.image(), layer.digest());
    assertThat(payload).isEqualTo(new SimpleSigningPayload(subject.image().name(), subject.image().digest(), Map.of())
        .toBytes());
    byte[] signature = Base64.getDecoder().decode(layer.annotations().get(CosignLayout.SIGNATURE_ANNOTATION));
    assertThat(PublicKeys.verifies(SIGNER.publicKey(), payload, signature)).isTrue();
    assertThat(blob(subject.image(), sig.config().digest())).isEqualTo(LegacySignatureWriter.config(sig.layers()));
    assertThat(log.all()).containsExactly("signed " + subject.describe() + " [legacy] -> " + tag);
  }

  @Test
  void legacy_configIsCosignsByteForByte() {
    byte[] payload = GoldenBytes.read("/cosign/key-legacy/payload.json");
    DescriptorTemplate layer = DescriptorTemplate.of(CosignLayout.SIMPLE_SIGNING_MEDIA_TYPE, payload);

    assertThat(new String(LegacySignatureWriter.config(List.of(layer)), StandardCharsets.UTF_8))
        .isEqualTo(new String(GoldenBytes.read("/cosign/key-legacy/sig-config.json"), StandardCharsets.UTF_8).trim());
  }

  @Test
  void legacy_secondRunWritesNothing() throws Exception {
    SignSubject subject = image("it/app", "a", null);
    sign(List.of(subject), List.of(SignatureFormat.LEGACY), Map.of("k", "v"), SIGNER);
    long puts = registry.count("PUT", "/v2/it/app/manifests/");

    SignResult again = sign(List.of(subject), List.of(SignatureFormat.LEGACY), Map.of("k", "v"), SIGNER);

    assertThat(again.signatures().get(0).existed()).isTrue();
    assertThat(registry.count("PUT", "/v2/it/app/manifests/")).isEqualTo(puts);
    assertThat(manifest(subject.image().withTag(CosignLayout.signatureTag(subject.image().digest()))).layers()).hasSize(1);
    assertThat(log.all().get(1)).isEqualTo("already signed " + subject.describe() + " [legacy] by "
        + SIGNER.identity() + " at " + again.signatures().get(0).location());
  }

  @Test
  void legacy_appendsToAnotherSignersManifestAndKeepsItsLayer() throws Exception {
    SignSubject subject = image("it/app", "a", null);
    sign(List.of(subject), List.of(SignatureFormat.LEGACY), Map.of(), OTHER);
    ImageRef tag = subject.image().withTag(CosignLayout.signatureTag(subject.image().digest()));
    DescriptorTemplate first = manifest(tag).layers().get(0);

    sign(List.of(subject), List.of(SignatureFormat.LEGACY), Map.of(), SIGNER);
    // a different claim is a different payload: a third layer
    sign(List.of(subject), List.of(SignatureFormat.LEGACY), Map.of("git-sha", "abc"), SIGNER);

    ManifestTemplate sig = manifest(tag);
    assertThat(sig.layers()).hasSize(3);
    assertThat(sig.layers().get(0)).isEqualTo(first);
    assertThat(sig.layers().get(1).digest()).isEqualTo(first.digest());
    byte[] claims = blob(subject.image(), sig.layers().get(2).digest());
    assertThat(SimpleSigningPayload.parse(claims).optional()).containsExactly(Map.entry("git-sha", "abc"));
    JsonNode config = new ObjectMapper().readTree(blob(subject.image(), sig.config().digest()));
    assertThat(config.path("rootfs").path("diff_ids")).hasSize(3);
  }

  // ---- bundle ----

  @Test
  void bundle_tagSchema_writesReferrerAndIndex() throws Exception {
    registry.referrersApi(false);
    SignSubject subject = image("it/app", "a", "linux/arm64");

    SignResult result = sign(List.of(subject), List.of(SignatureFormat.BUNDLE), Map.of("git-sha", "abc"), SIGNER);

    String location = result.signatures().get(0).location();
    ImageRef referrer = ImageRef.parse(location);
    OciIndexTemplate index = client.pullManifest(subject.image().withTag(subject.image().digest().referrersTag())).toIndex();
    assertThat(index.manifests()).singleElement().satisfies(d -> {
      assertThat(d.digest()).isEqualTo(referrer.digest().value());
      assertThat(d.artifactType()).isEqualTo(CosignLayout.BUNDLE_MEDIA_TYPE);
      assertThat(d.annotations()).containsEntry(CosignLayout.BUNDLE_PREDICATE_TYPE_ANNOTATION, CosignLayout.SIGN_PREDICATE_TYPE);
    });
    ManifestTemplate manifest = manifest(referrer);
    assertThat(manifest.artifactType()).isEqualTo(CosignLayout.BUNDLE_MEDIA_TYPE);
    assertThat(manifest.subject().digest()).isEqualTo(subject.image().digest().value());
    assertThat(manifest.annotations()).containsExactly(
        Map.entry(CosignLayout.BUNDLE_CONTENT_ANNOTATION, "dsse-envelope"),
        Map.entry(CosignLayout.BUNDLE_PREDICATE_TYPE_ANNOTATION, CosignLayout.SIGN_PREDICATE_TYPE),
        Map.entry(CosignLayout.CREATED_ANNOTATION, "2026-03-04T05:06:07Z"));
    JsonNode bundle = new ObjectMapper().readTree(blob(subject.image(), manifest.layers().get(0).digest()));
    assertThat(bundle.path("mediaType").asText()).isEqualTo(CosignLayout.BUNDLE_MEDIA_TYPE);
    assertThat(bundle.path("verificationMaterial").path("publicKey").path("hint").asText()).isEqualTo(SIGNER.hint());
    Dsse.Envelope envelope = Dsse.Envelope.fromJson(io.github.dockerbuild.json.Json.tree(bundle.toString()).path("dsseEnvelope"));
    assertThat(PublicKeys.verifies(SIGNER.publicKey(), envelope.pae(), envelope.signatures().get(0).sig())).isTrue();
    InTotoStatement statement = InTotoStatement.parse(envelope.payload());
    assertThat(statement.names(subject.image().digest())).isTrue();
    assertThat(statement.subjects().get(0).annotations()).containsExactly(Map.entry("git-sha", "abc"));
  }

  @Test
  void bundle_hasCosignsShape() throws Exception {
    registry.referrersApi(false);
    SignSubject subject = image("it/app", "a", null);
    ImageRef referrer = ImageRef.parse(
        sign(List.of(subject), List.of(SignatureFormat.BUNDLE), Map.of(), SIGNER).signatures().get(0).location());
    ObjectMapper json = new ObjectMapper();
    JsonNode ours = json.readTree(client.pullManifest(referrer).bytes());
    JsonNode cosigns = json.readTree(GoldenBytes.read("/cosign/key-bundle/referrer-manifest.json"));

    assertThat(ours.path("artifactType")).isEqualTo(cosigns.path("artifactType"));
    assertThat(ours.path("config").path("digest")).isEqualTo(cosigns.path("config").path("digest"));
    assertThat(ours.path("config").path("mediaType")).isEqualTo(cosigns.path("config").path("mediaType"));
    assertThat(ours.path("layers").get(0).path("mediaType")).isEqualTo(cosigns.path("layers").get(0).path("mediaType"));
    assertThat(iterator(ours.path("annotations").fieldNames())).isEqualTo(iterator(cosigns.path("annotations").fieldNames()));
    JsonNode bundle = json.readTree(blob(subject.image(), ours.path("layers").get(0).path("digest").asText()));
    JsonNode cosignBundle = json.readTree(GoldenBytes.read("/cosign/key-bundle/bundle.json"));
    assertThat(iterator(bundle.fieldNames())).isEqualTo(iterator(cosignBundle.fieldNames()));
    // same key as cosign's golden bundle: the same hint
    assertThat(bundle.path("verificationMaterial")).isEqualTo(cosignBundle.path("verificationMaterial"));
  }

  @Test
  void bundle_referrersApi_noTagIndex_andSecondRunWritesNothing() throws Exception {
    SignSubject subject = image("it/app", "a", null);
    SignResult first = sign(List.of(subject), List.of(SignatureFormat.BUNDLE), Map.of(), SIGNER);
    long puts = registry.count("PUT", "/v2/it/app/manifests/");

    SignResult again = sign(List.of(subject), List.of(SignatureFormat.BUNDLE), Map.of(), SIGNER);

    assertThat(registry.count("PUT", "/v2/it/app/manifests/sha256-")).isZero();
    assertThat(again.signatures().get(0).existed()).isTrue();
    assertThat(again.signatures().get(0).location()).isEqualTo(first.signatures().get(0).location());
    assertThat(registry.count("PUT", "/v2/it/app/manifests/")).isEqualTo(puts);
  }

  @Test
  void bundle_tagSchema_anotherSignerAddsASecondReferrer() throws Exception {
    registry.referrersApi(false);
    SignSubject subject = image("it/app", "a", null);
    sign(List.of(subject), List.of(SignatureFormat.BUNDLE), Map.of(), OTHER);
    sign(List.of(subject), List.of(SignatureFormat.BUNDLE), Map.of(), SIGNER);
    sign(List.of(subject), List.of(SignatureFormat.BUNDLE), Map.of(), SIGNER);

    OciIndexTemplate index = client.pullManifest(subject.image().withTag(subject.image().digest().referrersTag())).toIndex();
    assertThat(index.manifests()).hasSize(2);
  }

  // ---- both, failures ----

  @Test
  void bothFormats_everySubject() throws Exception {
    SignSubject index = image("it/app", "index", null);
    SignSubject amd64 = image("it/app", "amd64", "linux/amd64");

    SignResult result = sign(List.of(index, amd64), List.of(SignatureFormat.LEGACY, SignatureFormat.BUNDLE), Map.of(),
        SIGNER);

    assertThat(result.signatures()).extracting(w -> w.subject().platform() + " " + w.format().id())
        .containsExactly("null legacy", "null bundle", "linux/amd64 legacy", "linux/amd64 bundle");
  }

  @Test
  void transientRegistryErrors_areRetried() throws Exception {
    SignSubject subject = image("it/app", "a", null);
    registry.fail("PUT", "/v2/it/app/manifests/sha256-.*", 503).fail("PUT", "/v2/it/app/manifests/sha256-.*", 429);

    SignResult result = sign(List.of(subject), List.of(SignatureFormat.LEGACY), Map.of(), SIGNER);

    assertThat(result.signatures().get(0).existed()).isFalse();
    assertThat(registry.count("PUT", "/v2/it/app/manifests/sha256-")).isEqualTo(3);
  }

  @Test
  void persistentFailure_namesDigestAndFormat_afterFiveAttempts() {
    SignSubject subject = image("it/app", "a", null);
    for (int i = 0; i < 5; i++) {
      registry.fail("PUT", "/v2/it/app/manifests/sha256-.*", 503);
    }

    assertThatThrownBy(() -> sign(List.of(subject), List.of(SignatureFormat.LEGACY), Map.of(), SIGNER))
        .isInstanceOf(SignException.class)
        .hasMessage("could not sign 1 of 1: " + subject.describe() + " legacy: push manifest " + subject.image().name()
            + ":" + CosignLayout.signatureTag(subject.image().digest()) + ": the registry answered 503 (gave up after 5 attempts)");
    assertThat(registry.count("PUT", "/v2/it/app/manifests/sha256-")).isEqualTo(5);
  }

  @Test
  void bundle_missingImage_fails() {
    SignSubject missing = new SignSubject(registry.ref("it/app").withDigest(Digest.of(new byte[] {1})), null);

    assertThatThrownBy(() -> sign(List.of(missing), List.of(SignatureFormat.BUNDLE), Map.of(), SIGNER))
        .hasMessage("could not sign 1 of 1: " + missing.describe() + " bundle: " + missing.image()
            + " is not in the registry: nothing to sign");
  }

  private static List<String> iterator(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  /** Bytes of a test resource. */
  static final class GoldenBytes {
    static byte[] read(String path) {
      try (InputStream in = SignServiceTest.class.getResourceAsStream(path)) {
        return in.readAllBytes();
      } catch (Exception e) {
        throw new IllegalStateException(path, e);
      }
    }
  }
}
