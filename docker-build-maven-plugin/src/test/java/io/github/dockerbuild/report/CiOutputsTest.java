package io.github.dockerbuild.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.CiOutputs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outputs CI reads after a module's last goal (lives here for the records of {@link Fixtures}). */
class CiOutputsTest {
  private static BuildRecord builtOnly(boolean bothPlatforms) {
    return BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(false))
        .withBuild(new BuildRecord.Build("2026-01-02T03:06:00Z", "buildx", false,
            bothPlatforms ? List.of(Fixtures.amd64(), Fixtures.arm64()) : List.of(Fixtures.amd64(), Fixtures.arm64Failed())));
  }

  @Test
  void aPublishedImage_hasTheIndexDigestAndEachPlatformsDigest() {
    Map<String, String> outputs = CiOutputs.outputs(Fixtures.full());

    assertThat(outputs).containsExactly(
        Map.entry("image", "127.0.0.1:5000/it/app"),
        Map.entry("tags", "1.0.0,latest"),
        Map.entry("version", "1.0.0"),
        Map.entry("digest", Fixtures.INDEX),
        Map.entry("image-ref", "127.0.0.1:5000/it/app@" + Fixtures.INDEX),
        Map.entry("digest-linux-amd64", Fixtures.AMD),
        Map.entry("digest-linux-arm64", Fixtures.ARM));
    assertThat(CiOutputs.githubOutput(outputs)).startsWith("image=127.0.0.1:5000/it/app\ntags=1.0.0,latest\n")
        .contains("\ndigest-linux-arm64=" + Fixtures.ARM + "\n");
  }

  @Test
  void severalPerArchImagesAndNoIndex_haveNoOneDigest() {
    assertThat(CiOutputs.digest(builtOnly(true))).isNull();
    assertThat(CiOutputs.outputs(builtOnly(true))).doesNotContainKeys("digest", "image-ref")
        .containsKeys("digest-linux-amd64", "digest-linux-arm64");
  }

  @Test
  void oneSucceededPlatform_isTheDigest_andAFailedOneHasNoOutput() {
    assertThat(CiOutputs.digest(builtOnly(false))).isEqualTo(Fixtures.AMD);
    assertThat(CiOutputs.outputs(builtOnly(false))).doesNotContainKey("digest-linux-arm64");
  }

  @Test
  void aDryRunPublishIsNoDigest() {
    BuildRecord dry = builtOnly(true).withPublish(new BuildRecord.Publish("t", Fixtures.INDEX, List.of(), List.of(), true));

    assertThat(CiOutputs.digest(dry)).isNull();
    assertThat(CiOutputs.imageJson(dry)).containsEntry("published", false);
  }

  @Test
  void imageJson_namesTheImageAsJibDoes_andEveryPlatform() {
    Map<String, Object> json = CiOutputs.imageJson(Fixtures.full());

    assertThat(json).containsEntry("image", "127.0.0.1:5000/it/app").containsEntry("imageDigest", Fixtures.INDEX)
        .containsEntry("tags", List.of("1.0.0", "latest")).containsEntry("imagePushed", true)
        .containsEntry("published", true);
    assertThat(json.get("platforms")).asList().hasSize(2).first().isEqualTo(Map.of("platform", "linux/amd64",
        "succeeded", true, "reference", "127.0.0.1:5000/it/app:1.0.0-amd64", "digest", Fixtures.AMD));
  }

  @Test
  void summary_tablesTheImageItsPlatformsInputsAndSignatures() {
    String md = CiOutputs.summary(Fixtures.full());

    assertThat(md).startsWith("### `127.0.0.1:5000/it/app`\n\n| | |\n|---|---|\n| module | it:app |\n")
        .contains("| tags | `1.0.0` `latest` |")
        .contains("| digest | `" + Fixtures.INDEX + "` |")
        .contains("| published | `127.0.0.1:5000/it/app:1.0.0` `127.0.0.1:5000/it/app:latest` |")
        .contains("| `linux/amd64` | built and pushed | `" + Fixtures.AMD + "` | 12.3 s |")
        .contains("| base BASE_IMAGE | `127.0.0.1:5000/test/busybox:1` | verified | SHA256:keyfp |")
        .contains("| cache type=registry,ref={archImage}:cache-{arch} | `127.0.0.1:5000/it/app:cache-arm64` | "
            + "dropped: no signature found |  |")
        .contains("| index `127.0.0.1:5000/it/app@" + Fixtures.INDEX + "` | legacy | SHA256:keyfp |")
        .contains("| `linux/amd64` `127.0.0.1:5000/it/app@" + Fixtures.AMD + "` | bundle | SHA256:keyfp |");
  }

  @Test
  void summary_ofAFailedPlatform_saysWhyInOneCell() {
    String md = CiOutputs.summary(builtOnly(false));

    assertThat(md).contains("| `linux/arm64` | failed: 'docker buildx build ...' failed (exit code 1); last output: "
        + "ERROR: <boom> & \"quoted\" |  | 4.1 s |");
    assertThat(md).contains("| digest | `" + Fixtures.AMD + "` |");
  }
}
