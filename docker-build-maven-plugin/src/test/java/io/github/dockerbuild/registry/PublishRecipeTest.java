package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order the publish goal will use, run against the fake registry: per-arch images that buildx
 * pushed by digest to a staging repository become one OCI index in the release repository. Blobs
 * first (mounted), then each child manifest by digest, then the index once by digest, then every
 * tag pointing at the same bytes.
 */
class PublishRecipeTest {

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void childrenFirstThenTheIndexOnceThenEachTag() throws Exception {
    try (FakeRegistry registry = new FakeRegistry()) {
      registry.login(FakeRegistry.Auth.BEARER, "ci", "secret");
      List<RawManifest> children = new ArrayList<>();
      for (String arch : List.of("amd64", "arm64")) {
        byte[] config = utf8("{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}");
        byte[] layer = utf8("layer of " + arch);
        ManifestTemplate manifest = ManifestTemplate.of(DescriptorTemplate.of(MediaTypes.OCI_CONFIG, config),
            List.of(DescriptorTemplate.of("application/vnd.oci.image.layer.v1.tar+zstd", layer)));
        registry.putBlob("staging", config);
        registry.putBlob("staging", layer);
        RawManifest raw = RawManifest.of(manifest);
        registry.putManifest("staging", null, raw.bytes(), raw.mediaType());
        children.add(raw);
      }
      RegistryClient client = RegistryClient.builder().tlsProbe(false)
          .credentials(new StaticCredentialSource(Map.of(registry.host(), new Credentials("ci", "secret"))))
          .sleeper(d -> { })
          .requestTimeout(Duration.ofSeconds(10))
          .build();
      ImageRef staging = registry.ref("staging");
      ImageRef release = registry.ref("app");

      // 1. resolve the children byte-exact from where buildx pushed them
      List<RawManifest> pulled = new ArrayList<>();
      for (RawManifest child : children) {
        pulled.add(client.pullManifest(staging.withDigest(child.digest())));
      }
      // 2. blobs into the release repository (mounted: same registry)
      for (RawManifest child : pulled) {
        ManifestTemplate manifest = child.toManifest();
        List<DescriptorTemplate> blobs = new ArrayList<>(manifest.layers());
        blobs.add(0, manifest.config());
        for (DescriptorTemplate blob : blobs) {
          assertThat(client.ensureBlob(staging, release, blob.toDigest())).isEqualTo(RegistryClient.BlobTransfer.MOUNTED);
        }
      }
      // 3. children by digest, bytes unchanged
      for (RawManifest child : pulled) {
        assertThat(client.pushManifest(release.withDigest(child.digest()), child)).isEqualTo(child.digest());
      }
      // 4. the index: serialized once, pushed once by digest, then under every tag
      OciIndexTemplate index = OciIndexTemplate.of(List.of(
          pulled.get(0).descriptor().withPlatform(PlatformTemplate.of("linux", "amd64", null)),
          pulled.get(1).descriptor().withPlatform(PlatformTemplate.of("linux", "arm64", null))),
          Map.of("org.opencontainers.image.version", "1.0.0"));
      RawManifest raw = RawManifest.of(index);
      Digest indexDigest = client.pushManifest(release.withDigest(raw.digest()), raw);
      for (String tag : List.of("1.0.0", "1.0", "latest")) {
        assertThat(client.pushManifest(release.withTag(tag), raw)).isEqualTo(indexDigest);
      }

      assertThat(client.pullManifest(release.withTag("1.0")).bytes()).isEqualTo(raw.bytes());
      assertThat(indexDigest).isEqualTo(Digest.of(index.toBytes()));
      RequestCounter counter = client.counter();
      assertThat(counter.requests(RequestKind.BLOB_MOUNT)).isEqualTo(4);
      assertThat(counter.requests(RequestKind.MANIFEST_PUT)).isEqualTo(2 + 1 + 3);
      assertThat(counter.get(RequestKind.BLOB_UPLOAD_PUT).bytesUploaded()).isZero();
      // one token per scope set: staging pull, release push (+ staging pull for mounts), release pull
      assertThat(registry.tokenScopes).containsExactly(
          "repository:staging:pull",
          "repository:app:pull",
          "repository:app:pull,push", "repository:staging:pull",
          "repository:app:pull,push");
    }
  }
}
