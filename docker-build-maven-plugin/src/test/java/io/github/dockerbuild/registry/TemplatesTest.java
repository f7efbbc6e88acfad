package io.github.dockerbuild.registry;

import static io.github.dockerbuild.registry.Golden.A;
import static io.github.dockerbuild.registry.Golden.B;
import static io.github.dockerbuild.registry.Golden.C;
import static io.github.dockerbuild.registry.Golden.L;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  private static OciIndexTemplate index() {
    Map<String, String> annotations = new LinkedHashMap<>();
    // inserted out of order: the bytes must not depend on map order
    annotations.put("org.opencontainers.image.source", "https://example.com/app");
    annotations.put("org.opencontainers.image.created", "2026-11-28T00:00:00Z");
    return OciIndexTemplate.of(List.of(
        new DescriptorTemplate(MediaTypes.OCI_MANIFEST, A, 1234, PlatformTemplate.of("linux", "amd64", null), null, null),
        new DescriptorTemplate(MediaTypes.OCI_MANIFEST, B, 1235, PlatformTemplate.of("linux", "arm64", "v8"), null,
            Map.of("org.opencontainers.image.ref.name", "arm"))),
        annotations);
  }

  @Test
  void indexSerializesToGoldenBytes() {
    assertThat(new String(index().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo(new String(Golden.bytes("oci-index.json"), StandardCharsets.UTF_8));
    assertThat(index().toBytes()).isEqualTo(Golden.bytes("oci-index.json"));
  }

  @Test
  void indexRoundTripsThroughGolden() throws Exception {
    OciIndexTemplate parsed = OciIndexTemplate.parse(Golden.bytes("oci-index.json"));
    assertThat(parsed.schemaVersion()).isEqualTo(2);
    assertThat(parsed.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(parsed.manifests()).hasSize(2);
    DescriptorTemplate arm = parsed.manifests().get(1);
    assertThat(arm.digest()).isEqualTo(B);
    assertThat(arm.size()).isEqualTo(1235);
    assertThat(arm.platform()).isEqualTo(new PlatformTemplate("arm64", "linux", null, "v8"));
    assertThat(arm.annotations()).containsEntry("org.opencontainers.image.ref.name", "arm");
    assertThat(parsed.annotations()).containsKeys("org.opencontainers.image.created");
    assertThat(parsed.toBytes()).isEqualTo(Golden.bytes("oci-index.json"));
  }

  @Test
  void manifestSerializesToGoldenBytes() throws Exception {
    ManifestTemplate manifest = ManifestTemplate.of(
        new DescriptorTemplate(MediaTypes.OCI_CONFIG, C, 7023, null, null, null),
        List.of(new DescriptorTemplate("application/vnd.oci.image.layer.v1.tar+gzip", L, 32654, null, null, null)));
    assertThat(manifest.toBytes()).isEqualTo(Golden.bytes("oci-manifest.json"));
    ManifestTemplate parsed = ManifestTemplate.parse(Golden.bytes("oci-manifest.json"));
    assertThat(parsed).isEqualTo(manifest);
  }

  @Test
  void artifactManifestWithSubjectSerializesToGoldenBytes() throws Exception {
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    ManifestTemplate artifact = new ManifestTemplate(2, MediaTypes.OCI_MANIFEST,
        "application/vnd.dev.cosign.artifact.sig.v1+json",
        DescriptorTemplate.of(MediaTypes.OCI_EMPTY, empty),
        List.of(new DescriptorTemplate("application/vnd.dev.cosign.simplesigning.v1+json", L, 244, null, null, null)),
        new DescriptorTemplate(MediaTypes.OCI_INDEX, A, 1234, null, null, null), null);
    assertThat(artifact.toBytes()).isEqualTo(Golden.bytes("oci-artifact.json"));
    assertThat(ManifestTemplate.parse(Golden.bytes("oci-artifact.json")).subject().digest()).isEqualTo(A);
  }

  @Test
  void readsDockerManifestList() throws Exception {
    OciIndexTemplate list = OciIndexTemplate.parse(Golden.bytes("docker-manifest-list.json"));
    assertThat(list.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(MediaTypes.isIndex(list.mediaType())).isTrue();
    assertThat(list.manifests()).extracting(DescriptorTemplate::digest).containsExactly(A, B);
    assertThat(list.manifests().get(0).mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(list.manifests().get(0).platform()).isEqualTo(new PlatformTemplate("arm", "linux", null, "v7"));
    assertThat(list.manifests().get(1).platform().osVersion()).isEqualTo("10.0");
    assertThat(list.manifests().get(1).size()).isEqualTo(529);
  }

  @Test
  void readsDockerImageManifest() throws Exception {
    ManifestTemplate manifest = ManifestTemplate.parse(Golden.bytes("docker-manifest.json"));
    assertThat(MediaTypes.isImageManifest(manifest.mediaType())).isTrue();
    assertThat(manifest.config().mediaType()).isEqualTo(MediaTypes.DOCKER_CONFIG);
    assertThat(manifest.config().toDigest().value()).isEqualTo(C);
    assertThat(manifest.layers()).singleElement().satisfies(layer -> {
      assertThat(layer.digest()).isEqualTo(L);
      assertThat(layer.size()).isEqualTo(3623807);
    });
  }

  @Test
  void rawManifestKeepsBytesAndDigestsThem() {
    byte[] pretty = Golden.bytes("docker-manifest-list.json");
    RawManifest raw = RawManifest.of(pretty, MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(raw.bytes()).isEqualTo(pretty);
    assertThat(raw.digest()).isEqualTo(Digest.of(pretty));
    assertThat(raw.isIndex()).isTrue();
    assertThat(raw.toIndex().manifests()).hasSize(2);
    assertThat(raw.descriptor().size()).isEqualTo(pretty.length);
    assertThat(raw).hasToString(MediaTypes.DOCKER_MANIFEST_LIST + " " + Digest.of(pretty) + " (" + pretty.length + " bytes)");
  }

  @Test
  void errorBodyDecodes() throws Exception {
    ErrorTemplate error = Json.read(Golden.bytes("error-manifest-unknown.json"), ErrorTemplate.class);
    assertThat(error.errors()).containsExactly(new ErrorTemplate.Entry("MANIFEST_UNKNOWN", "manifest unknown"));
  }
}
