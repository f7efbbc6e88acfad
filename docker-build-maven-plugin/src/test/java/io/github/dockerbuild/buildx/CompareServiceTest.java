package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.RawManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the compare goal says when a rebuild differs from the published image. */
class CompareServiceTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final String C = "sha256:" + "c".repeat(64);
  private static final String CONFIG1 = "sha256:" + "1".repeat(64);
  private static final String CONFIG2 = "sha256:" + "2".repeat(64);

  private static RawManifest manifest(String config, List<String> layers) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
        + "\",\"size\":10},\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+zstd\",\"digest\":\"")
          .append(layers.get(i)).append("\",\"size\":5}");
    }
    return RawManifest.of(json.append("]}").toString().getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
  }

  @Test
  void theSameBytes_areReproducible() {
    assertThat(CompareService.difference(manifest(CONFIG1, List.of(A, B)), manifest(CONFIG1, List.of(A, B)))).isNull();
  }

  @Test
  void theFirstDifferingLayer_isNamedByNumberWithBothDigests() {
    assertThat(CompareService.difference(manifest(CONFIG1, List.of(A, B, C)), manifest(CONFIG2, List.of(A, C, C))))
        .isEqualTo("layer 2 of 3 differs (" + B + " published, " + C + " rebuilt)");
  }

  @Test
  void moreOrFewerLayers() {
    assertThat(CompareService.difference(manifest(CONFIG1, List.of(A, B)), manifest(CONFIG1, List.of(A, B, C))))
        .isEqualTo("the published image has 2 layers, the rebuild 3");
  }

  @Test
  void sameLayersOtherConfig_saysADateLabelOrBuildArgDiffers() {
    assertThat(CompareService.difference(manifest(CONFIG1, List.of(A)), manifest(CONFIG2, List.of(A))))
        .isEqualTo("the config differs (" + CONFIG1 + " published, " + CONFIG2 + " rebuilt): the layers match, so a date,"
            + " label or build arg does not");
  }

  @Test
  void theVerdictLine() {
    Platform arm = Platform.parse("linux/arm64");
    assertThat(new CompareService.Comparison(arm, "r/a:1", A, A, null).line()).isEqualTo("linux/arm64: reproducible (" + A + ")");
    assertThat(new CompareService.Comparison(arm, "r/a:1", A, B, "layer 1 of 1 differs").line())
        .isEqualTo("linux/arm64: NOT reproducible: layer 1 of 1 differs (r/a:1 is " + A + ", the rebuild " + B + ")");
  }
}
