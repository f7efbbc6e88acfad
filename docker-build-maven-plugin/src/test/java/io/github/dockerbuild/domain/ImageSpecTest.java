package io.github.dockerbuild.domain;

import static io.github.dockerbuild.domain.ImageSpecBuilder.AMD64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.ARM64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageSpecTest {

  @ParameterizedTest(name = "{0} {1} aliases={2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      {image}                   | linux/amd64  |                  | ghcr.io/org/app:1.0.0-amd64
      {image}                   | linux/arm64  |                  | ghcr.io/org/app:1.0.0-arm64
      {image}                   | linux/arm/v7 |                  | ghcr.io/org/app:1.0.0-armv7
      {image}                   | linux/arm64  | arm64=aarch64    | ghcr.io/org/app:1.0.0-aarch64
      {image}                   | linux/amd64  | linux/amd64=x64  | ghcr.io/org/app:1.0.0-x64
      ghcr.io/org/{arch}-base   | linux/amd64  |                  | ghcr.io/org/amd64-base:1.0.0
      ghcr.io/org/{arch}-base   | linux/arm64  |                  | ghcr.io/org/arm64-base:1.0.0
      ghcr.io/org/{arch}-base   | linux/arm64  | arm64=aarch64    | ghcr.io/org/aarch64-base:1.0.0
      {image}-{arch}            | linux/arm64  |                  | ghcr.io/org/app-arm64:1.0.0
      registry.local/mirror     | linux/arm64  |                  | registry.local/mirror:1.0.0-arm64
      """)
  void archReference_patternDecidesTagSuffix(String archImage, String platform, String alias, String expected) {
    Map<String, String> aliases = alias == null ? Map.of() : Map.of(alias.split("=")[0], alias.split("=")[1]);
    ImageSpec spec = spec().archImage(archImage).archAliases(aliases).platforms(platform).build();

    assertThat(spec.archReference(Platform.parse(platform))).isEqualTo(expected);
  }

  @Test
  void archReference_usesThePrimaryTag() {
    ImageSpec spec = spec().tags("2.0.0", "2.0", "latest").build();

    assertThat(spec.primaryTag()).isEqualTo("2.0.0");
    assertThat(spec.archReference(ARM64)).isEqualTo("ghcr.io/org/app:2.0.0-arm64");
  }

  @Test
  void references_oneForEveryTagInOrder() {
    ImageSpec spec = spec().tags("2.0.0", "2.0", "latest").build();

    assertThat(spec.references())
        .containsExactly("ghcr.io/org/app:2.0.0", "ghcr.io/org/app:2.0", "ghcr.io/org/app:latest");
  }

  @Test
  void placeholders_everyNameResolvedForThePlatform() {
    ImageSpec spec = spec().archImage("ghcr.io/org/{arch}-app").archAliases(Map.of("arm64", "aarch64"))
        .with(b -> b.cacheScope = "svc").build();

    assertThat(spec.placeholders(ARM64)).containsExactly(
        entry("arch", "aarch64"),
        entry("platform", "linux/arm64"),
        entry("image", "ghcr.io/org/app"),
        entry("archImage", "ghcr.io/org/aarch64-app"),
        entry("tag", "1.0.0"),
        entry("scope", "svc"));
  }

  @Test
  void archName_platformKeyWinsOverArchKey() {
    ImageSpec spec = spec().archAliases(Map.of("linux/arm64", "by-platform", "arm64", "by-arch")).build();

    assertThat(spec.archName(ARM64)).isEqualTo("by-platform");
    assertThat(spec.archName(AMD64)).isEqualTo("amd64");
  }

  @Test
  void node_fallsBackToTheDefaultNode() {
    PlatformNode defaultNode = new PlatformNode("default-builder", null);
    ImageSpec spec = spec().node("linux/arm64", "arm", "arm-ctx").with(b -> b.defaultNode = defaultNode).build();

    assertThat(spec.node(ARM64)).isEqualTo(new PlatformNode("arm", "arm-ctx"));
    assertThat(spec.node(AMD64)).isSameAs(defaultNode);
  }

  @Test
  void constructor_copiesCollections() {
    ImageSpecBuilder builder = spec().buildArg("A", "1");
    ImageSpec spec = builder.build();
    builder.buildArgs.put("B", "2");

    assertThat(spec.buildArgs()).containsOnlyKeys("A");
  }
}
