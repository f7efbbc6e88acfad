package io.github.dockerbuild.buildx;

import static io.github.dockerbuild.domain.ImageSpecBuilder.AMD64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.ARM64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.dockerbuild.domain.ImageSpecBuilder;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Secret;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.domain.OutputOptions;
import io.github.dockerbuild.domain.Compression;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuildxArgumentsTest {
  private static final Path META = Path.of("/build/app-linux-amd64.metadata.json");
  private static final String DOCKERFILE = "/src/app/Dockerfile";
  private static final String CONTEXT = "/src/app";

  /** The head every build has, for one platform. */
  private static List<String> head(String platform) {
    return List.of("docker", "buildx", "build", "--progress=plain", "--platform", platform, "--file", DOCKERFILE);
  }

  /** Expected arguments for the native platform (linux/amd64), not pushing: {@code middle} between --file and --metadata-file. */
  private static List<String> nativeLoad(String... middle) {
    List<String> args = new ArrayList<>(head("linux/amd64"));
    args.addAll(List.of(middle));
    args.addAll(List.of("--metadata-file", META.toString(), "--tag", "ghcr.io/org/app:1.0.0", "--load", CONTEXT));
    return args;
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  private static Arguments row(String what, Consumer<ImageSpecBuilder> change, Platform platform, List<String> expected) {
    return arguments(what, change, platform, List.of(), expected);
  }

  static Stream<Arguments> options() {
    String pushAttrs = ",push=true,compression=zstd,compression-level=9,force-compression=true,oci-mediatypes=true";
    return Stream.of(
        row("defaults: native platform is tagged and loaded", b -> { }, AMD64, nativeLoad()),
        row("every tag is a --tag before --load", b -> b.tags("1.0.0", "1.0", "latest"), AMD64,
            concat(head("linux/amd64"), "--metadata-file", META.toString(),
                "--tag", "ghcr.io/org/app:1.0.0", "--tag", "ghcr.io/org/app:1.0", "--tag", "ghcr.io/org/app:latest",
                "--load", CONTEXT)),
        row("foreign platform without push builds into the cache only", b -> { }, ARM64,
            concat(head("linux/arm64"), "--metadata-file", META.toString(), "--output", "type=cacheonly", CONTEXT)),
        row("native platform of another engine: arm64 native loads", b -> b.nativePlatform = ARM64, ARM64,
            concat(head("linux/arm64"), "--metadata-file", META.toString(),
                "--tag", "ghcr.io/org/app:1.0.0", "--load", CONTEXT)),
        row("native amd64 on an arm64 engine is cache only", b -> b.nativePlatform = ARM64, AMD64,
            concat(head("linux/amd64"), "--metadata-file", META.toString(), "--output", "type=cacheonly", CONTEXT)),
        row("push: per-arch image with -arch tag and the default output options", b -> b.push(true), AMD64,
            concat(head("linux/amd64"), "--metadata-file", META.toString(),
                "--output", "type=image,name=ghcr.io/org/app:1.0.0-amd64" + pushAttrs, CONTEXT)),
        row("push of a foreign platform pushes too", b -> b.push(true), ARM64,
            concat(head("linux/arm64"), "--metadata-file", META.toString(),
                "--output", "type=image,name=ghcr.io/org/app:1.0.0-arm64" + pushAttrs, CONTEXT)),
        row("push to an {arch} repository keeps the tag", b -> b.push(true).archImage("ghcr.io/org/{arch}-base"), ARM64,
            concat(head("linux/arm64"), "--metadata-file", META.toString(),
                "--output", "type=image,name=ghcr.io/org/arm64-base:1.0.0" + pushAttrs, CONTEXT)),
        row("push uses the arch alias", b -> b.push(true).archAliases(Map.of("arm64", "aarch64")), ARM64,
            concat(head("linux/arm64"), "--metadata-file", META.toString(),
                "--output", "type=image,name=ghcr.io/org/app:1.0.0-aarch64" + pushAttrs, CONTEXT)),
        row("push tags only the primary tag", b -> b.push(true).tags("2.0.0", "latest"), AMD64,
            concat(head("linux/amd64"), "--metadata-file", META.toString(),
                "--output", "type=image,name=ghcr.io/org/app:2.0.0-amd64" + pushAttrs, CONTEXT)),
        row("push of every tag to an {arch} repository: one quoted CSV field of names",
            b -> b.push(true).archImage("ghcr.io/org/{arch}-base").archAliases(Map.of("arm64", "aarch64"))
                .tags("3.23", "3.23-2026.3.1", "latest").archTags("3.23", "3.23-2026.3.1", "latest"), ARM64,
            concat(head("linux/arm64"), "--metadata-file", META.toString(), "--output",
                "type=image,\"name=ghcr.io/org/aarch64-base:3.23,ghcr.io/org/aarch64-base:3.23-2026.3.1,"
                    + "ghcr.io/org/aarch64-base:latest\"" + pushAttrs, CONTEXT)),
        row("push of every tag to a shared repository suffixes each",
            b -> b.push(true).tags("2.0.0", "latest").archTags("2.0.0", "latest"), AMD64,
            concat(head("linux/amd64"), "--metadata-file", META.toString(), "--output",
                "type=image,\"name=ghcr.io/org/app:2.0.0-amd64,ghcr.io/org/app:latest-amd64\"" + pushAttrs, CONTEXT)),
        row("push with gzip, no level, not forced, docker media types",
            b -> b.push(true).output(new OutputOptions(Compression.GZIP, null, false, false)), AMD64,
            concat(head("linux/amd64"), "--metadata-file", META.toString(), "--output",
                "type=image,name=ghcr.io/org/app:1.0.0-amd64,push=true,compression=gzip,oci-mediatypes=false", CONTEXT)),
        row("--pull", b -> b.pull = true, AMD64, nativeLoad("--pull")),
        row("--no-cache", b -> b.noCache = true, AMD64, nativeLoad("--no-cache")),
        row("--target", b -> b.target = "runtime", AMD64, nativeLoad("--target", "runtime")),
        row("--pull, --no-cache and --target in that order",
            b -> { b.pull = true; b.noCache = true; b.target = "runtime"; }, AMD64,
            nativeLoad("--pull", "--no-cache", "--target", "runtime")),
        row("build args in their order, {arch} replaced",
            b -> b.buildArg("BUILD_VERSION", "1.0.0").buildArg("BUILD_ARCH", "{arch}").buildArg("Z_USER", "z")
                .buildArg("A_USER", "a"), AMD64,
            nativeLoad("--build-arg", "BUILD_VERSION=1.0.0", "--build-arg", "BUILD_ARCH=amd64",
                "--build-arg", "Z_USER=z", "--build-arg", "A_USER=a")),
        row("build arg {arch} for arm/v7 is armv7", b -> b.platforms("linux/arm/v7").buildArg("BUILD_ARCH", "{arch}"),
            Platform.parse("linux/arm/v7"),
            concat(head("linux/arm/v7"), "--build-arg", "BUILD_ARCH=armv7", "--metadata-file", META.toString(),
                "--output", "type=cacheonly", CONTEXT)),
        row("build arg {arch} uses the alias",
            b -> b.archAliases(Map.of("arm64", "aarch64")).buildArg("BUILD_ARCH", "{arch}"), ARM64,
            concat(head("linux/arm64"), "--build-arg", "BUILD_ARCH=aarch64", "--metadata-file", META.toString(),
                "--output", "type=cacheonly", CONTEXT)),
        row("build arg with a platform-keyed alias",
            b -> b.archAliases(Map.of("linux/amd64", "x86_64")).buildArg("BASE", "img-{arch}:{tag}"), AMD64,
            nativeLoad("--build-arg", "BASE=img-x86_64:1.0.0")),
        row("build arg with unknown placeholder is kept verbatim", b -> b.buildArg("TPL", "{notAPlaceholder}"), AMD64,
            nativeLoad("--build-arg", "TPL={notAPlaceholder}")),
        row("build arg with empty value", b -> b.buildArg("EMPTY", ""), AMD64, nativeLoad("--build-arg", "EMPTY=")),
        row("labels in order, placeholders resolved for the platform",
            b -> b.label("org.opencontainers.image.version", "1.0.0").label("team", "a b {arch} {platform}"), AMD64,
            nativeLoad("--label", "org.opencontainers.image.version=1.0.0", "--label", "team=a b amd64 linux/amd64")),
        row("secrets from env and file",
            b -> b.secrets = List.of(new Secret("npm", "NPM_TOKEN", null), new Secret("npmrc", null, "/home/u/.npmrc")),
            AMD64, nativeLoad("--secret", "id=npm,env=NPM_TOKEN", "--secret", "id=npmrc,src=/home/u/.npmrc")),
        row("--provenance=", b -> b.provenance = "mode=max", AMD64, nativeLoad("--provenance=mode=max")),
        row("--sbom=", b -> b.sbom = "true", AMD64, nativeLoad("--sbom=true")),
        row("provenance false and sbom false", b -> { b.provenance = "false"; b.sbom = "false"; }, AMD64,
            nativeLoad("--provenance=false", "--sbom=false")),
        row("cache-to with every placeholder resolved",
            b -> b.push(true).archImage("ghcr.io/org/{arch}-app").cacheTo(
                "type=registry,ref={archImage}:cache,mode=max",
                "type=registry,ref={image}:cache-{arch}-{tag}",
                "type=gha,scope={arch}-{scope},mode=max",
                "type=local,dest=/cache/{scope}/{arch}",
                "inline"), ARM64,
            concat(head("linux/arm64"),
                "--cache-to", "type=registry,ref=ghcr.io/org/arm64-app:cache,mode=max",
                "--cache-to", "type=registry,ref=ghcr.io/org/app:cache-arm64-1.0.0",
                "--cache-to", "type=gha,scope=arm64-app,mode=max",
                "--cache-to", "type=local,dest=/cache/app/arm64",
                "--cache-to", "type=inline",
                "--metadata-file", META.toString(),
                "--output", "type=image,name=ghcr.io/org/arm64-app:1.0.0" + pushAttrs, CONTEXT)),
        row("cache scope placeholder uses the configured scope",
            b -> { b.cacheScope = "team-x"; b.cacheTo("type=gha,scope={arch}-{scope}"); }, AMD64,
            nativeLoad("--cache-to", "type=gha,scope=amd64-team-x")),
        row("context only: docker --context C buildx build", b -> b.defaultNode = new PlatformNode(null, "node2"), AMD64,
            concat(List.of("docker", "--context", "node2", "buildx", "build", "--progress=plain", "--platform",
                "linux/amd64", "--file", DOCKERFILE, "--metadata-file", META.toString(),
                "--tag", "ghcr.io/org/app:1.0.0", "--load", CONTEXT))),
        row("builder only: buildx build --builder B", b -> b.defaultNode = new PlatformNode("multi", null), AMD64,
            List.of("docker", "buildx", "build", "--builder", "multi", "--progress=plain", "--platform", "linux/amd64",
                "--file", DOCKERFILE, "--metadata-file", META.toString(), "--tag", "ghcr.io/org/app:1.0.0", "--load",
                CONTEXT)),
        row("context and builder of a platform's node",
            b -> b.node("linux/arm64", "arm-builder", "arm-node"), ARM64,
            List.of("docker", "--context", "arm-node", "buildx", "build", "--builder", "arm-builder",
                "--progress=plain", "--platform", "linux/arm64", "--file", DOCKERFILE,
                "--metadata-file", META.toString(), "--output", "type=cacheonly", CONTEXT)),
        row("a platform without a node uses the default node",
            b -> b.node("linux/arm64", "arm-builder", "arm-node").defaultNode = new PlatformNode("x86", null), AMD64,
            List.of("docker", "buildx", "build", "--builder", "x86", "--progress=plain", "--platform", "linux/amd64",
                "--file", DOCKERFILE, "--metadata-file", META.toString(), "--tag", "ghcr.io/org/app:1.0.0", "--load",
                CONTEXT)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  void of_optionChangesArguments(
      String what, Consumer<ImageSpecBuilder> change, Platform platform, List<CacheEntry> cacheFrom, List<String> expected) {
    ImageSpec spec = spec().with(change).build();

    assertThat(BuildxArguments.of("docker", spec, platform, META, cacheFrom, Map.of())).containsExactlyElementsOf(expected);
  }

  @Test
  void redacted_hidesTheValuesOfSecretLookingBuildArgsOnly() {
    List<String> args = List.of("docker", "buildx", "build", "--build-arg", "NPM_TOKEN=s3cr3t", "--build-arg",
        "BUILD_ARCH=amd64", "--build-arg", "DB_PASSWORD", "--label", "TOKEN=label-values-are-no-build-args",
        "--secret", "id=npm,env=NPM_TOKEN", "/ctx");

    assertThat(BuildxArguments.redacted(args)).containsExactly("docker", "buildx", "build", "--build-arg",
        "NPM_TOKEN=***", "--build-arg", "BUILD_ARCH=amd64", "--build-arg", "DB_PASSWORD=***", "--label",
        "TOKEN=label-values-are-no-build-args", "--secret", "id=npm,env=NPM_TOKEN", "/ctx");
  }

  static Stream<Arguments> cacheSources() {
    return Stream.of(
        arguments("{archImage} and {arch} with the default archImage", "{image}", AMD64,
            "type=registry,ref={archImage}:cache-{arch}", "type=registry,ref=ghcr.io/org/app:cache-amd64"),
        arguments("{archImage} with an {arch} repository", "ghcr.io/org/{arch}-app", ARM64,
            "type=registry,ref={archImage}:cache", "type=registry,ref=ghcr.io/org/arm64-app:cache"),
        arguments("{image} and {tag}", "{image}", ARM64,
            "type=registry,ref={image}:{tag}", "type=registry,ref=ghcr.io/org/app:1.0.0"),
        arguments("gha scope {arch}-{scope}", "{image}", ARM64,
            "type=gha,scope={arch}-{scope}", "type=gha,scope=arm64-app"),
        arguments("local src", "{image}", AMD64, "type=local,src=/cache/{arch}", "type=local,src=/cache/amd64"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cacheSources")
  void of_cacheFromPlaceholdersResolved(String what, String archImage, Platform platform, String entry, String expected) {
    ImageSpec spec = spec().archImage(archImage).build();
    List<CacheEntry> sources = List.of(CacheEntry.parse("<cacheFrom>", entry));

    List<String> args = BuildxArguments.of("docker", spec, platform, META, sources, Map.of());

    List<String> expectedArgs = new ArrayList<>(head(platform.toString()));
    expectedArgs.addAll(List.of("--cache-from", expected, "--metadata-file", META.toString()));
    expectedArgs.addAll(platform.equals(AMD64)
        ? List.of("--tag", "ghcr.io/org/app:1.0.0", "--load") : List.of("--output", "type=cacheonly"));
    expectedArgs.add(CONTEXT);
    assertThat(args).containsExactlyElementsOf(expectedArgs);
  }

  @Test
  void of_cacheFromComesFromTheVerifiedListNotTheSpec() {
    ImageSpec spec = spec().cacheFrom("type=registry,ref=ghcr.io/org/app:unverified").build();

    List<String> withoutSources = BuildxArguments.of("docker", spec, AMD64, META, List.of(), Map.of());
    List<String> withSources = BuildxArguments.of("docker", spec, AMD64, META,
        List.of(CacheEntry.parse("<cacheFrom>", "type=registry,ref=ghcr.io/org/app:verified")), Map.of());

    assertThat(withoutSources).isEqualTo(nativeLoad()).doesNotContain("--cache-from");
    assertThat(withSources).isEqualTo(nativeLoad("--cache-from", "type=registry,ref=ghcr.io/org/app:verified"));
  }

  @Test
  void of_everyOptionTogether_keepsTheDocumentedOrder() {
    ImageSpec spec = spec()
        .push(true)
        .buildArg("BUILD_ARCH", "{arch}")
        .label("team", "x")
        .cacheTo("type=inline")
        .with(b -> {
          b.pull = true;
          b.noCache = true;
          b.target = "runtime";
          b.secrets = List.of(new Secret("tok", "TOKEN", null));
          b.provenance = "mode=min";
          b.sbom = "true";
          b.defaultNode = new PlatformNode("bld", "ctx");
        })
        .build();

    List<String> args = BuildxArguments.of("/usr/bin/docker", spec, AMD64, META,
        List.of(CacheEntry.parse("<cacheFrom>", "type=registry,ref={image}:cache-{arch}")), Map.of());

    assertThat(args).containsExactly(
        "/usr/bin/docker", "--context", "ctx", "buildx", "build", "--builder", "bld", "--progress=plain",
        "--platform", "linux/amd64", "--file", DOCKERFILE, "--pull", "--no-cache", "--target", "runtime",
        "--build-arg", "BUILD_ARCH=amd64", "--label", "team=x", "--secret", "id=tok,env=TOKEN",
        "--provenance=mode=min", "--sbom=true", "--cache-from", "type=registry,ref=ghcr.io/org/app:cache-amd64",
        "--cache-to", "type=inline", "--metadata-file", META.toString(), "--output",
        "type=image,name=ghcr.io/org/app:1.0.0-amd64,push=true,compression=zstd,compression-level=9,"
            + "force-compression=true,oci-mediatypes=true",
        CONTEXT);
  }

  @Test
  void of_contextDirectoryIsLast() {
    ImageSpec spec = spec().with(b -> b.contextDir = Path.of("/other/ctx")).push(true).build();

    List<String> args = BuildxArguments.of("docker", spec, ARM64, META, List.of(), Map.of());

    assertThat(args.get(args.size() - 1)).isEqualTo("/other/ctx");
    assertThat(args).containsOnlyOnce("/other/ctx");
  }

  @Test
  void of_returnsAnUnmodifiableList() {
    List<String> args = BuildxArguments.of("docker", spec().build(), AMD64, META, List.of(), Map.of());

    assertThatThrownBy(() -> args.add("--oops")).isInstanceOf(UnsupportedOperationException.class);
  }
}
