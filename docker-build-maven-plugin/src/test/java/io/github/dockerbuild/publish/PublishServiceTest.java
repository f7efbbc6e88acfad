package io.github.dockerbuild.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.FakeRegistry;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.OciIndexTemplate;
import io.github.dockerbuild.registry.RawManifest;
import io.github.dockerbuild.registry.RegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishServiceTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64");

  private FakeRegistry registry;
  private RegistryClient client;
  private final List<String> warnings = new ArrayList<>();
  private final BuildLog log = new BuildLog() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
      warnings.add(message);
    }
  };

  @BeforeEach
  void start() throws Exception {
    registry = new FakeRegistry();
    client = FakeRegistry.client().build();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private RawManifest pushImage(String repository, String arch) {
    byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("layer " + arch).getBytes(StandardCharsets.UTF_8);
    registry.putBlob(repository, config);
    registry.putBlob(repository, layer);
    RawManifest raw = RawManifest.of(ManifestTemplate.of(DescriptorTemplate.of(MediaTypes.OCI_CONFIG, config),
        List.of(DescriptorTemplate.of("application/vnd.oci.image.layer.v1.tar+zstd", layer))));
    registry.putManifest(repository, arch + "-tag", raw.bytes(), raw.mediaType());
    return raw;
  }

  private PublishSpec spec(Map<Platform, ImageRef> sources, boolean partial, boolean dryRun, String... tags) {
    return new PublishSpec(registry.host() + "/app", List.of(tags), List.of(AMD64, ARM64), sources,
        Map.of("org.opencontainers.image.version", "1.0"), partial, dryRun);
  }

  private PublishService service() {
    return new PublishService(client, StepRunner.parallel(2), log);
  }

  @Test
  void publish_sameRepository_indexInPlatformOrderUnderEveryTag() throws Exception {
    RawManifest amd = pushImage("app", "amd64");
    RawManifest arm = pushImage("app", "arm64");
    Map<Platform, ImageRef> sources = new LinkedHashMap<>();
    sources.put(ARM64, registry.ref("app").withDigest(arm.digest()));
    sources.put(AMD64, registry.ref("app").withDigest(amd.digest()));

    PublishResult result = service().publish(spec(sources, false, false, "1.0", "latest"));

    RawManifest index = client.pullManifest(registry.ref("app").withTag("1.0"));
    assertThat(index.digest().value()).isEqualTo(result.indexDigest());
    assertThat(client.pullManifest(registry.ref("app").withTag("latest")).bytes()).isEqualTo(index.bytes());
    OciIndexTemplate parsed = index.toIndex();
    assertThat(parsed.manifests()).extracting(d -> d.platform().architecture()).containsExactly("amd64", "arm64");
    assertThat(parsed.manifests()).extracting(DescriptorTemplate::digest)
        .containsExactly(amd.digest().value(), arm.digest().value());
    assertThat(parsed.annotations()).containsEntry("org.opencontainers.image.version", "1.0");
    assertThat(result.copied()).isZero();
    assertThat(result.references()).containsExactly(registry.host() + "/app:1.0", registry.host() + "/app:latest");
  }

  @Test
  void publish_aTagAnotherWriterMovedMeanwhile_failsNamingTheTagAndBothDigests() throws Exception {
    Map<Platform, ImageRef> sources = Map.of(
        AMD64, registry.ref("app").withDigest(pushImage("app", "amd64").digest()),
        ARM64, registry.ref("app").withDigest(pushImage("app", "arm64").digest()));
    RawManifest other = RawManifest.of(OciIndexTemplate.of(List.of(), null));
    registry.afterTagPut("app", "1.0", () -> registry.putManifest("app", "1.0", other.bytes(), other.mediaType()));

    PublishException e = catchThrowableOfType(PublishException.class,
        () -> service().publish(spec(sources, false, false, "1.0", "latest")));

    String ours = client.pullManifest(registry.ref("app").withTag("latest")).digest().value();
    assertThat(e).hasMessage("image " + registry.host() + "/app: another writer moved tags after this publish moved them"
        + " to " + ours + ": 1.0 now points at " + other.digest().value() + "; two publishes of these tags ran at once:"
        + " run this one again (or the other) so every tag points at one index");
  }

  @Test
  void publish_readsEveryTagBackOnce() throws Exception {
    Map<Platform, ImageRef> sources = Map.of(
        AMD64, registry.ref("app").withDigest(pushImage("app", "amd64").digest()),
        ARM64, registry.ref("app").withDigest(pushImage("app", "arm64").digest()));
    long before = registry.count("HEAD", "/v2/app/manifests/latest");

    service().publish(spec(sources, false, false, "1.0", "latest"));

    assertThat(registry.count("HEAD", "/v2/app/manifests/latest") - before)
        .as("one check before moving it, one read-back").isEqualTo(2);
  }

  @Test
  void publish_twice_sameDigestNoUploads() throws Exception {
    Map<Platform, ImageRef> sources = Map.of(
        AMD64, registry.ref("app").withDigest(pushImage("app", "amd64").digest()),
        ARM64, registry.ref("app").withDigest(pushImage("app", "arm64").digest()));

    String first = service().publish(spec(sources, false, false, "1.0")).indexDigest();
    long blobPosts = registry.count("POST", "/v2/app/blobs/uploads");
    long manifestPuts = registry.count("PUT", "/v2/app/manifests/");
    String second = service().publish(spec(sources, false, false, "1.0")).indexDigest();

    assertThat(second).isEqualTo(first);
    assertThat(registry.count("PUT", "/v2/app/manifests/")).as("nothing re-uploaded").isEqualTo(manifestPuts);
    assertThat(registry.count("POST", "/v2/app/blobs/uploads")).isEqualTo(blobPosts).isZero();
  }

  @Test
  void publish_otherRepositories_blobsMountedChildrenPushedBeforeTheIndex() throws Exception {
    RawManifest amd = pushImage("amd64-app", "amd64");
    RawManifest arm = pushImage("arm64-app", "arm64");
    Map<Platform, ImageRef> sources = Map.of(
        AMD64, registry.ref("amd64-app").withTag("amd64-tag"),
        ARM64, registry.ref("arm64-app").withTag("arm64-tag"));

    PublishResult result = service().publish(spec(sources, false, false, "1.0"));

    assertThat(result.copied()).isEqualTo(4);
    assertThat(client.pullManifest(registry.ref("app").withDigest(amd.digest())).bytes()).isEqualTo(amd.bytes());
    assertThat(client.pullManifest(registry.ref("app").withDigest(arm.digest())).bytes()).isEqualTo(arm.bytes());
    List<String> puts = registry.registryRequests().stream().filter(r -> r.startsWith("PUT /v2/app/manifests/")).toList();
    assertThat(puts).hasSize(4);
    assertThat(puts.get(3)).contains("/manifests/1.0");
    assertThat(puts.get(2)).contains("/manifests/" + result.indexDigest());
  }

  @Test
  void publish_otherRepositories_rerunOnlyReadsAndChecks() throws Exception {
    pushImage("amd64-app", "amd64");
    pushImage("arm64-app", "arm64");
    Map<Platform, ImageRef> sources = Map.of(
        AMD64, registry.ref("amd64-app").withTag("amd64-tag"),
        ARM64, registry.ref("arm64-app").withTag("arm64-tag"));
    String first = service().publish(spec(sources, false, false, "1.0")).indexDigest();
    int before = registry.registryRequests().size();

    PublishResult again = service().publish(spec(sources, false, false, "1.0"));

    List<String> rerun = registry.registryRequests().subList(before, registry.registryRequests().size());
    assertThat(again.indexDigest()).isEqualTo(first);
    assertThat(again.copied()).isZero();
    // two children pulled; per child its two blobs and its manifest checked; the index; the tag, and the
    // tag read back (another writer may have moved it even when this run had nothing to move)
    assertThat(rerun).filteredOn(r -> r.startsWith("GET ")).hasSize(2);
    assertThat(rerun).filteredOn(r -> r.startsWith("HEAD /v2/app/blobs/")).hasSize(4);
    assertThat(rerun).filteredOn(r -> r.startsWith("HEAD /v2/app/manifests/")).hasSize(5);
    assertThat(rerun).hasSize(11);
  }

  @Test
  void publish_missingPlatform_failsBeforeAnyRequest() {
    Map<Platform, ImageRef> sources = Map.of(AMD64, registry.ref("app").withTag("amd64-tag"));

    assertThatThrownBy(() -> service().publish(spec(sources, false, false, "1.0")))
        .isInstanceOf(PublishException.class)
        .hasMessage("image " + registry.host() + "/app: no per-arch image for linux/arm64 (its build failed or did "
            + "not run); no tag was moved: build every platform first, or set <allowPartial>true "
            + "(-Ddocker.publish.allowPartial) to publish the others");
    assertThat(registry.registryRequests()).isEmpty();
  }

  @Test
  void publish_allowPartial_publishesThePresentOnesAndWarns() throws Exception {
    RawManifest amd = pushImage("app", "amd64");
    Map<Platform, ImageRef> sources = Map.of(AMD64, registry.ref("app").withDigest(amd.digest()));

    service().publish(spec(sources, true, false, "1.0"));

    assertThat(client.pullManifest(registry.ref("app").withTag("1.0")).toIndex().manifests()).hasSize(1);
    assertThat(warnings).containsExactly("image " + registry.host() + "/app: publishing without [linux/arm64] (allowPartial)");
  }

  @Test
  void publish_dryRun_writesNothing() throws Exception {
    Map<Platform, ImageRef> sources = Map.of(
        AMD64, registry.ref("app").withDigest(pushImage("app", "amd64").digest()),
        ARM64, registry.ref("app").withDigest(pushImage("app", "arm64").digest()));

    PublishResult dry = service().publish(spec(sources, false, true, "1.0"));

    assertThat(dry.dryRun()).isTrue();
    assertThat(registry.registryRequests()).noneMatch(r -> r.startsWith("PUT") || r.startsWith("POST"));
    assertThat(service().publish(spec(sources, false, false, "1.0")).indexDigest()).isEqualTo(dry.indexDigest());
  }

  @Test
  void publish_unreadableChild_failsNamingThePlatformAndMovesNoTag() throws Exception {
    Map<Platform, ImageRef> sources = Map.of(
        AMD64, registry.ref("app").withDigest(pushImage("app", "amd64").digest()),
        ARM64, registry.ref("app").withTag("no-such-tag"));

    assertThatThrownBy(() -> service().publish(spec(sources, false, false, "1.0")))
        .isInstanceOf(PublishException.class)
        .hasMessageStartingWith("image " + registry.host() + "/app: cannot read the linux/arm64 image "
            + registry.host() + "/app:no-such-tag: ")
        .hasMessageEndingWith("; no tag was moved");
    assertThat(registry.registryRequests()).noneMatch(r -> r.startsWith("PUT"));
  }

  @Test
  void publish_indexPushFails_noTagMoved() throws Exception {
    Map<Platform, ImageRef> sources = Map.of(
        AMD64, registry.ref("app").withDigest(pushImage("app", "amd64").digest()),
        ARM64, registry.ref("app").withDigest(pushImage("app", "arm64").digest()));
    registry.fail("PUT", "/v2/app/manifests/sha256:", 400);

    assertThatThrownBy(() -> service().publish(spec(sources, false, false, "1.0")))
        .isInstanceOf(PublishException.class)
        .hasMessageEndingWith("; no tag was moved");
    assertThat(registry.registryRequests()).noneMatch(r -> r.startsWith("PUT /v2/app/manifests/1.0"));
  }
}
