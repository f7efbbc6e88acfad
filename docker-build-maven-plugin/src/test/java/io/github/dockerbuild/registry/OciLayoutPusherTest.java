package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An OCI layout, as BuildKit writes it for a reproducible build, pushed byte for byte. */
class OciLayoutPusherTest {
  @TempDir Path layout;

  private FakeRegistry registry;
  private RegistryClient client;

  @BeforeEach
  void start() throws Exception {
    registry = new FakeRegistry();
    client = FakeRegistry.client().build();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Digest blob(byte[] bytes) throws IOException {
    Digest digest = Digest.of(bytes);
    Path dir = Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.write(dir.resolve(digest.hex()), bytes);
    return digest;
  }

  /** A layout of one image: a config, two layers, its manifest, and index.json naming it. */
  private RawManifest image() throws IOException {
    byte[] config = "{\"architecture\":\"arm64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    byte[] layer1 = "layer one".getBytes(StandardCharsets.UTF_8);
    byte[] layer2 = "layer two".getBytes(StandardCharsets.UTF_8);
    Digest c = blob(config);
    Digest l1 = blob(layer1);
    Digest l2 = blob(layer2);
    String json = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{"
        + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + c + "\",\"size\":" + config.length
        + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"" + l1 + "\",\"size\":"
        + layer1.length + "},{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"" + l2
        + "\",\"size\":" + layer2.length + "}]}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Digest m = blob(bytes);
    Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + m + "\",\"size\":" + bytes.length + "}]}");
    return RawManifest.of(bytes, MediaTypes.OCI_MANIFEST);
  }

  @Test
  void push_everyBlobThenTheManifestUnderEachTag_theDigestBuildKitWrote() throws Exception {
    RawManifest manifest = image();

    Digest pushed = new OciLayoutPusher(client).push(layout, List.of(registry.ref("o/aarch64-base:3.23"),
        registry.ref("o/aarch64-base:latest")));

    assertThat(pushed).isEqualTo(manifest.digest());
    assertThat(client.pullManifest(registry.ref("o/aarch64-base:3.23")).bytes()).isEqualTo(manifest.bytes());
    assertThat(client.pullManifest(registry.ref("o/aarch64-base:latest")).digest()).isEqualTo(manifest.digest());
    for (DescriptorTemplate d : manifest.toManifest().layers()) {
      assertThat(client.checkBlob(registry.ref("o/aarch64-base"), d.toDigest())).contains(d.size());
    }
    assertThat(registry.count("POST", "/v2/o/aarch64-base/blobs/uploads")).as("config and two layers, once").isEqualTo(3);
  }

  /** What distribution 2.8 answers a manifest PUT that read a layer's link while another push rewrote it. */
  private static final String LINK_BEING_REWRITTEN = "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":"
      + "\"provided digest did not match uploaded content\"},{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":"
      + "\"blob unknown to registry\",\"detail\":\"sha256:6b5b\"}]}";

  @Test
  void push_manifestAnsweredBlobUnknownForBlobsTheRegistryHas_isPushedOnceMore_sayingWhy() throws Exception {
    RawManifest manifest = image();
    registry.fail("PUT", "/manifests/1.0", 400, java.util.Map.of("Content-Type", "application/json"), LINK_BEING_REWRITTEN);
    List<String> retries = new java.util.ArrayList<>();
    RegistryClient client = FakeRegistry.client().onRetry(retries::add).build();

    Digest pushed = new OciLayoutPusher(client).push(layout, List.of(registry.ref("o/app:1.0")));

    assertThat(pushed).isEqualTo(manifest.digest());
    assertThat(client.pullManifest(registry.ref("o/app:1.0")).bytes()).isEqualTo(manifest.bytes());
    assertThat(registry.count("PUT", "/v2/o/app/manifests/1.0")).isEqualTo(2);
    assertThat(retries).singleElement().asString()
        .startsWith("push manifest " + registry.host() + "/o/app:1.0: the registry answered 400 DIGEST_INVALID")
        .endsWith("every blob it names is there now (another push of a shared layer was committing it), so it is"
            + " pushed once more");
  }

  @Test
  void push_manifestAnsweredBlobUnknownForABlobTheRegistryLacks_fails() throws Exception {
    RawManifest manifest = image();
    // the layer really is missing when asked after the 400
    Digest layer = manifest.toManifest().layers().get(0).toDigest();
    registry.fail("PUT", "/manifests/1.0", 400, java.util.Map.of("Content-Type", "application/json"),
        "{\"errors\":[{\"code\":\"MANIFEST_BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}");
    // the push's own check before its upload, then the check after the 400
    registry.fail("HEAD", "/blobs/" + layer, 404).fail("HEAD", "/blobs/" + layer, 404);

    assertThatThrownBy(() -> new OciLayoutPusher(client).push(layout, List.of(registry.ref("o/app:1.0"))))
        .isInstanceOf(RegistryException.class)
        .hasMessage("push manifest " + registry.host() + "/o/app:1.0: the registry answered 400 MANIFEST_BLOB_UNKNOWN:"
            + " blob unknown to registry");
    assertThat(registry.count("PUT", "/v2/o/app/manifests/1.0")).as("never pushed again").isEqualTo(1);
  }

  @Test
  void push_manifestAnswered400Otherwise_isNotPushedAgain() throws Exception {
    image();
    registry.fail("PUT", "/manifests/1.0", 400, java.util.Map.of("Content-Type", "application/json"),
        "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\"}]}");

    assertThatThrownBy(() -> new OciLayoutPusher(client).push(layout, List.of(registry.ref("o/app:1.0"))))
        .hasMessageContaining("400 MANIFEST_INVALID");
    assertThat(registry.count("PUT", "/v2/o/app/manifests/1.0")).isEqualTo(1);
    assertThat(registry.count("HEAD", "/v2/o/app/blobs/")).as("blobs checked before the upload only").isEqualTo(3);
  }

  @Test
  void push_again_uploadsNothing() throws Exception {
    image();
    OciLayoutPusher pusher = new OciLayoutPusher(client);
    pusher.push(layout, List.of(registry.ref("o/app:1")));
    long uploads = registry.count("POST", "/v2/o/app/blobs/uploads");

    pusher.push(layout, List.of(registry.ref("o/app:1")));

    assertThat(registry.count("POST", "/v2/o/app/blobs/uploads")).isEqualTo(uploads);
  }

  @Test
  void push_aLayerUploadAnsweredWith503_isRetriedFromTheFile() throws Exception {
    image();
    registry.fail("PUT", "/v2/o/app/blobs/uploads/", 503);

    new OciLayoutPusher(client).push(layout, List.of(registry.ref("o/app:1")));

    assertThat(client.checkManifest(registry.ref("o/app:1"))).isPresent();
  }

  @Test
  void push_aLayoutMissingABlob_saysWhich() throws Exception {
    RawManifest manifest = image();
    Digest layer = manifest.toManifest().layers().get(1).toDigest();
    Files.delete(layout.resolve("blobs/sha256").resolve(layer.hex()));

    assertThatThrownBy(() -> new OciLayoutPusher(client).push(layout, List.of(registry.ref("o/app:1"))))
        .isInstanceOf(IOException.class).hasMessage("the OCI layout " + layout + " has no blob " + layer);
    assertThat(client.checkManifest(registry.ref("o/app:1"))).as("no tag before every blob is there").isEmpty();
  }
}
