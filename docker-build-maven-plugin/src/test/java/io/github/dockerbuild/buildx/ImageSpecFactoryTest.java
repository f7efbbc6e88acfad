package io.github.dockerbuild.buildx;

import static io.github.dockerbuild.domain.ImageSpecBuilder.AMD64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.ARM64;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Secret;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.domain.OutputOptions;
import io.github.dockerbuild.domain.Compression;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.config.InvalidConfigurationException;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageSpecFactoryTest {
  @TempDir Path dir;

  private Settings settings;

  @BeforeEach
  void createContext() throws IOException {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    settings = new Settings();
    settings.contextDir = dir;
    settings.dockerfile = dir.resolve("Dockerfile");
  }

  /** Mutable stand-in for {@link BuildSettings}: defaults as the mojo sets them. */
  static final class Settings {
    String name = "app";
    Path contextDir;
    Path dockerfile;
    List<String> platforms = new ArrayList<>();
    boolean pull;
    boolean noCache;
    String target;
    String compression = "zstd";
    Integer compressionLevel = 9;
    boolean forceCompression = true;
    boolean ociMediaTypes = true;
    List<String> cacheFrom = new ArrayList<>();
    List<String> cacheTo = new ArrayList<>();
    String cacheExport = "auto";
    String cacheScope;
    List<Secret> secrets = new ArrayList<>();
    String provenance;
    String sbom;
    String builder;
    String context;
    Map<String, List<PlatformNode>> nodes = new LinkedHashMap<>();
    long timeoutSeconds = 3600;
    String archTags = "auto";
    String reproducible = "auto";
    boolean retryOnAnotherNode;

    BuildSettings build() {
      return new BuildSettings(name, contextDir, dockerfile, platforms, pull, noCache, target, compression,
          compressionLevel, forceCompression, ociMediaTypes, cacheFrom, cacheTo, cacheExport, cacheScope, secrets,
          provenance, sbom, builder, context, nodes, timeoutSeconds, archTags, reproducible, retryOnAnotherNode);
    }
  }

  static BuildMetadata metadata(boolean push) {
    return new BuildMetadata(push ? Mode.BRANCH : Mode.LOCAL, push, "1.0.0", "2026-01-01T00:00:00Z", "clock", null,
        "0123456789abcdef0123456789abcdef01234567", null, "ghcr.io/org/app", "{image}", List.of("1.0.0", "latest"),
        Map.of("BUILD_ARCH", "{arch}"), Map.of("org.opencontainers.image.version", "1.0.0"),
        Map.of("arm64", "aarch64"));
  }

  /** Whether GitHub Actions' cache service is there; most tests run as if inside Actions. */
  private boolean ghaService = true;

  private ImageSpec create(boolean push, boolean ci) {
    return ImageSpecFactory.create(metadata(push), settings.build(), AMD64, ci, ghaService);
  }

  private List<String> problems(boolean push, boolean ci) {
    InvalidConfigurationException e =
        catchThrowableOfType(InvalidConfigurationException.class, () -> create(push, ci));
    assertThat(e).as("expected an InvalidConfigurationException").isNotNull();
    return e.problems();
  }

  @Test
  void create_defaults_copyMetadataAndSettings() {
    ImageSpec spec = create(false, false);

    assertThat(spec.name()).isEqualTo("app");
    assertThat(spec.contextDir()).isEqualTo(dir);
    assertThat(spec.dockerfile()).isEqualTo(dir.resolve("Dockerfile"));
    assertThat(spec.image()).isEqualTo("ghcr.io/org/app");
    assertThat(spec.tags()).containsExactly("1.0.0", "latest");
    assertThat(spec.archImage()).isEqualTo("{image}");
    assertThat(spec.archAliases()).containsEntry("arm64", "aarch64");
    assertThat(spec.buildArgs()).containsEntry("BUILD_ARCH", "{arch}");
    assertThat(spec.labels()).containsEntry("org.opencontainers.image.version", "1.0.0");
    assertThat(spec.push()).isFalse();
    assertThat(spec.output()).isEqualTo(OutputOptions.DEFAULT);
    assertThat(spec.cacheFrom()).isEmpty();
    assertThat(spec.cacheTo()).isEmpty();
    assertThat(spec.cacheScope()).as("scope defaults to the name").isEqualTo("app");
    assertThat(spec.target()).isNull();
    assertThat(spec.provenance()).isNull();
    assertThat(spec.sbom()).isNull();
    assertThat(spec.defaultNode()).isEqualTo(PlatformNode.DEFAULT);
    assertThat(spec.nodes()).isEmpty();
    assertThat(spec.nativePlatform()).isEqualTo(AMD64);
    assertThat(spec.timeout()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void create_noPlatforms_buildsTheNativePlatform() {
    ImageSpec spec = ImageSpecFactory.create(metadata(false), settings.build(), ARM64, false, false);

    assertThat(spec.platforms()).containsExactly(ARM64);
  }

  @Test
  void create_theEngineIsAskedForItsPlatform_onlyWhenNoPlatformIsGivenOrTheBuildDoesNotPush() {
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    ImageSpecFactory.EnginePlatform<RuntimeException> engine = () -> {
      asked.incrementAndGet();
      return "linux/arm64";
    };
    settings.platforms = List.of("linux/amd64", "linux/arm64");

    ImageSpec pushing = ImageSpecFactory.create(metadata(true), settings.build(), engine, false, false);
    assertThat(asked).as("pushing given platforms: the engine's own does not matter").hasValue(0);
    assertThat(pushing.nativePlatform()).isEqualTo(AMD64);

    ImageSpec loading = ImageSpecFactory.create(metadata(false), settings.build(), engine, false, false);
    assertThat(asked).as("loading: the engine's platform is the one it loads").hasValue(1);
    assertThat(loading.nativePlatform()).isEqualTo(ARM64);

    settings.platforms = List.of();
    assertThat(ImageSpecFactory.create(metadata(true), settings.build(), engine, false, false).platforms())
        .containsExactly(ARM64);
    assertThat(asked).hasValue(2);
  }

  @Test
  void create_blankPlatformsOnly_buildsTheNativePlatform() {
    settings.platforms = List.of("", "  ");

    assertThat(create(false, false).platforms()).containsExactly(AMD64);
  }

  @Test
  void create_nullPlatformEntry_skipped() {
    settings.platforms = new ArrayList<>(java.util.Arrays.asList("linux/arm64", null));
    settings.cacheFrom = new ArrayList<>(java.util.Arrays.asList(null, "type=local,src=/c"));

    ImageSpec spec = create(false, false);

    assertThat(spec.platforms()).containsExactly(ARM64);
    assertThat(spec.cacheFrom()).hasSize(1);
  }

  @Test
  void create_platformsNormalisedAndDeduplicatedInOrder() {
    settings.platforms = List.of("linux/arm64", "x86_64", "aarch64", "linux/arm64/v8", "arm", "linux/amd64");

    assertThat(create(false, false).platforms())
        .containsExactly(ARM64, AMD64, Platform.parse("linux/arm/v7"));
  }

  @Test
  void create_everyProblemReportedAtOnce() {
    settings.contextDir = dir.resolve("missing");
    settings.dockerfile = dir.resolve("missing/Dockerfile");
    settings.platforms = List.of("linux/amd64", "linux/", "linux/arm64");
    settings.compression = "brotli";
    settings.cacheFrom = List.of("type=registry");
    settings.cacheTo = List.of("type=nope");
    settings.cacheExport = "sometimes";
    settings.provenance = "maximum";
    settings.sbom = "yes";
    settings.timeoutSeconds = 0;
    settings.nodes = Map.of("linux/s390x", List.of(new PlatformNode("z", null)));

    InvalidConfigurationException e =
        catchThrowableOfType(InvalidConfigurationException.class, () -> create(true, true));

    String missing = dir.resolve("missing").toString();
    assertThat(e.problems()).containsExactly(
        "<contextDirectory> (-Ddocker.contextDirectory) '" + missing + "' is not a directory: "
            + "point it at the build context",
        "<dockerfile> (-Ddocker.dockerfile) '" + missing + "/Dockerfile' does not exist: "
            + "point it at the image's Dockerfile",
        "<platforms> (-Ddocker.platforms) 'linux/' is not a platform: use os/arch[/variant] such as linux/amd64, linux/arm64 or linux/arm/v7",
        "<compression> (-Ddocker.compression) 'brotli' is not a compression: use one of zstd, gzip, estargz, uncompressed",
        "<cacheFrom> (-Ddocker.cacheFrom) 'type=registry' has no ref: type=registry needs ref=HOST/REPO:TAG",
        "<cacheTo> (-Ddocker.cacheTo) 'type=nope' has an unknown type 'nope': "
            + "use one of azblob, gha, inline, local, registry, s3",
        "<cacheExport> (-Ddocker.cache.export) 'sometimes' is not auto, true or false: "
            + "use auto (export in CI only), true or false",
        "<nodes><node><platform> 'linux/s390x' is not one of the platforms built ([linux/amd64, linux/arm64]): "
            + "add it to <platforms> or remove the node",
        "<provenance> (-Ddocker.provenance) 'maximum' is not an attestation setting: "
            + "use true, false or buildx's form such as mode=max",
        "<sbom> (-Ddocker.sbom) 'yes' is not an attestation setting: use true, false or buildx's form such as mode=max",
        "<timeout> (-Ddocker.build.timeout) '0' is not a positive number of seconds: "
            + "give the longest a platform build may take, e.g. 3600");
    assertThat(e.getMessage().split(System.lineSeparator()))
        .hasSize(11)
        .allMatch(line -> line.startsWith("image ghcr.io/org/app: <"));
  }

  @Test
  void create_badCompressionLevel_reported() {
    settings.compression = "gzip";
    settings.compressionLevel = 12;

    assertThat(problems(true, false))
        .containsExactly("<compressionLevel> '12' is out of range for gzip: use 0..9 or leave it empty");
  }

  @Test
  void create_uncompressedWithTheDefaultLevel_accepted() {
    settings.compression = "uncompressed";
    settings.compressionLevel = 9; // the mojo's defaultValue

    assertThat(create(true, false).output().toAttributes()).isEqualTo(
        "compression=uncompressed,force-compression=true,oci-mediatypes=true");
  }

  @Test
  void create_uncompressedWithLevelZero_accepted() {
    settings.compression = "uncompressed";
    settings.compressionLevel = 0;

    assertThat(create(true, false).output().compression()).isEqualTo(Compression.UNCOMPRESSED);
  }

  @Test
  void create_zstdWithoutOciMediaTypes_reported() {
    settings.ociMediaTypes = false;

    assertThat(problems(true, false)).containsExactly("<ociMediaTypes> 'false' conflicts with <compression>zstd: "
        + "zstd layers need OCI media types: set <ociMediaTypes>true or use <compression>gzip");
  }

  @Test
  void create_compressionNull_isZstd() {
    settings.compression = null;

    assertThat(create(true, false).output().compression()).isEqualTo(Compression.ZSTD);
  }

  @Test
  void create_gzipOutputOptions() {
    settings.compression = "GZIP";
    settings.compressionLevel = null;
    settings.forceCompression = false;
    settings.ociMediaTypes = false;

    assertThat(create(true, false).output()).isEqualTo(new OutputOptions(Compression.GZIP, null, false, false));
  }

  @ParameterizedTest(name = "cacheExport={0} ci={1} -> export={2}")
  @CsvSource(nullValues = "NULL", value = {
    "auto, true, true",
    "auto, false, false",
    "AUTO, true, true",
    "NULL, true, true",
    "NULL, false, false",
    "'  ', true, true",
    "true, true, true",
    "true, false, true",
    "TRUE, false, true",
    "' true ', false, true",
    "false, true, false",
    "false, false, false"
  })
  void create_cacheExportDecidesCacheTo(String export, boolean ci, boolean exported) {
    settings.cacheExport = export;
    settings.cacheTo = List.of("type=registry,ref={archImage}:cache-{arch},mode=max", "type=inline");

    ImageSpec spec = create(true, ci);

    if (exported) {
      assertThat(spec.cacheTo()).extracting(CacheEntry::toArg)
          .containsExactly("type=registry,ref={archImage}:cache-{arch},mode=max,ignore-error=true", "type=inline");
    } else {
      assertThat(spec.cacheTo()).isEmpty();
    }
  }

  @Test
  void create_cacheExportOff_keepsCacheFrom() {
    settings.cacheExport = "false";
    settings.cacheFrom = List.of("type=registry,ref={archImage}:cache-{arch}");
    settings.cacheTo = List.of("type=registry,ref={archImage}:cache-{arch}");

    ImageSpec spec = create(true, true);

    assertThat(spec.cacheFrom()).extracting(CacheEntry::toArg).containsExactly("type=registry,ref={archImage}:cache-{arch}");
    assertThat(spec.cacheTo()).isEmpty();
  }

  @Test
  void create_notPushing_dropsRegistryCacheExportsOnly() {
    settings.cacheExport = "true";
    settings.cacheTo = List.of("type=registry,ref={archImage}:cache", "type=inline", "type=gha,mode=max",
        "type=local,dest=/tmp/cache");

    ImageSpec notPushing = create(false, true);
    ImageSpec pushing = create(true, true);

    assertThat(notPushing.cacheTo()).extracting(CacheEntry::type).containsExactly("inline", "gha", "local");
    assertThat(pushing.cacheTo()).extracting(CacheEntry::type).containsExactly("registry", "inline", "gha", "local");
  }

  @Test
  void create_unusedCacheEntries_sayWhy() {
    settings.cacheFrom = List.of("type=registry,ref={archImage}:cache", "type=gha");
    settings.cacheTo = List.of("type=registry,ref={archImage}:cache", "type=gha,mode=max", "type=inline");
    ghaService = false;

    ImageSpec local = create(false, false);
    ImageSpec ciNotPushing = create(false, true);

    assertThat(local.cacheFrom()).extracting(CacheEntry::type).containsExactly("registry");
    assertThat(local.cacheTo()).isEmpty();
    assertThat(local.unusedCache()).extracting(u -> u.export() + " " + u.entry().type() + " " + u.status())
        .containsExactly("false gha NO_GHA_RUNTIME", "true registry EXPORT_OFF", "true gha EXPORT_OFF",
            "true inline EXPORT_OFF");
    assertThat(ciNotPushing.cacheTo()).extracting(CacheEntry::type).containsExactly("inline");
    assertThat(ciNotPushing.unusedCache()).extracting(u -> u.export() + " " + u.entry().type() + " " + u.status())
        .containsExactly("false gha NO_GHA_RUNTIME", "true registry EXPORT_OFF", "true gha NO_GHA_RUNTIME");
  }

  @Test
  void create_ghaWithoutScope_getsArchScopedDefault() {
    settings.cacheExport = "true";
    settings.cacheFrom = List.of("type=gha");
    settings.cacheTo = List.of("type=gha,mode=max");

    ImageSpec spec = create(true, true);

    assertThat(spec.cacheFrom()).extracting(CacheEntry::toArg).containsExactly("type=gha,scope={arch}-{scope}");
    assertThat(spec.cacheTo()).extracting(CacheEntry::toArg)
        .containsExactly("type=gha,mode=max,scope={arch}-{scope},ignore-error=true");
    assertThat(spec.cacheFrom().get(0).resolve(spec.placeholders(ARM64)).toArg())
        .as("resolved with the alias and the default scope").isEqualTo("type=gha,scope=aarch64-app");
  }

  @Test
  void create_cacheExports_neverFailTheBuild_unlessAnEntrySaysSo() {
    settings.cacheExport = "true";
    settings.cacheTo = List.of("type=gha,mode=max", "type=registry,ref={archImage}:cache", "type=inline",
        "type=local,dest=/c,ignore-error=false");

    assertThat(create(true, true).cacheTo()).extracting(CacheEntry::toArg).containsExactly(
        "type=gha,mode=max,scope={arch}-{scope},ignore-error=true",
        "type=registry,ref={archImage}:cache,ignore-error=true",
        "type=inline",
        "type=local,dest=/c,ignore-error=false");
  }

  @Test
  void create_ghaWithScope_keepsIt() {
    settings.cacheFrom = List.of("type=gha,scope=shared");

    assertThat(create(true, true).cacheFrom()).extracting(CacheEntry::toArg).containsExactly("type=gha,scope=shared");
  }

  @Test
  void create_blankCacheEntriesSkipped() {
    settings.cacheFrom = List.of("", "  ", "type=local,src=/c");

    assertThat(create(false, false).cacheFrom()).extracting(CacheEntry::toArg).containsExactly("type=local,src=/c");
  }

  @ParameterizedTest(name = "cacheScope=''{0}'' -> {1}")
  @CsvSource(nullValues = "NULL", value = {"NULL, app", "'', app", "'  ', app", "team-cache, team-cache"})
  void create_cacheScopeDefaultsToName(String scope, String expected) {
    settings.cacheScope = scope;

    assertThat(create(false, false).cacheScope()).isEqualTo(expected);
  }

  @Test
  void create_noCacheWithCacheFrom_conflict() {
    settings.noCache = true;
    settings.cacheFrom = List.of("type=registry,ref=ghcr.io/org/app:cache");

    assertThat(problems(false, false)).containsExactly(
        "<noCache> (-Ddocker.noCache) 'true' conflicts with <cacheFrom>: drop one: noCache ignores every cache source");
  }

  @Test
  void create_noCacheWithCacheTo_isFine() {
    settings.noCache = true;
    settings.cacheExport = "true";
    settings.cacheTo = List.of("type=inline");

    ImageSpec spec = create(false, false);

    assertThat(spec.noCache()).isTrue();
    assertThat(spec.cacheTo()).hasSize(1);
  }

  @Test
  void create_nodeForPlatformNotBuilt_reported() {
    settings.platforms = List.of("linux/amd64");
    settings.nodes = Map.of("linux/arm64", List.of(new PlatformNode("arm", "arm-ctx")));

    assertThat(problems(false, false)).containsExactly(
        "<nodes><node><platform> 'linux/arm64' is not one of the platforms built ([linux/amd64]): "
            + "add it to <platforms> or remove the node");
  }

  @Test
  void create_severalNodesOfAPlatformAreItsPool_theFirstChosen() {
    PlatformNode down = new PlatformNode(null, "arm-1");
    PlatformNode up = new PlatformNode(null, "arm-2");
    settings.platforms = List.of("linux/amd64", "linux/arm64");
    settings.nodes = Map.of("linux/arm64", List.of(down, up));
    ImageSpec spec = create(false, false);
    assertThat(spec.node(ARM64)).isEqualTo(down);
    assertThat(spec.pool(ARM64)).containsExactly(down, up);
    assertThat(spec.pool(Platform.parse("linux/amd64"))).containsExactly(spec.defaultNode());
    assertThat(spec.withNodes(Map.of(ARM64, up)).node(ARM64)).isEqualTo(up);
    assertThat(spec.withNodes(Map.of(ARM64, up)).pool(ARM64)).containsExactly(down, up);
  }

  @Test
  void create_theSameNodeTwiceInAPool_isAProblem() {
    settings.platforms = List.of("linux/amd64", "linux/arm64");
    settings.nodes = Map.of("linux/arm64", List.of(new PlatformNode(null, "arm"), new PlatformNode(null, "arm")));
    assertThat(problems(false, false)).containsExactly("<nodes><node> 'linux/arm64' lists the same builder and "
        + "context twice: name each node of a platform once");
  }

  @Test
  void create_theSameNodeTwiceInAPool_withAndWithoutACapacity_isAProblem() {
    settings.platforms = List.of("linux/amd64", "linux/arm64");
    settings.nodes = Map.of("linux/arm64", List.of(new PlatformNode(null, "arm", 2), new PlatformNode(null, "arm")));
    assertThat(problems(false, false)).containsExactly("<nodes><node> 'linux/arm64' lists the same builder and "
        + "context twice: name each node of a platform once");
  }

  @Test
  void create_aCapacityBelowOne_isAProblem_andOneOrMoreIsKept() {
    settings.platforms = List.of("linux/amd64", "linux/arm64");
    settings.nodes = Map.of("linux/arm64", List.of(new PlatformNode(null, "arm", 0)));
    assertThat(problems(false, false)).containsExactly("<nodes><node><capacity> '0' of a node of linux/arm64 is "
        + "less than 1: give how many builds the node takes at a time (1 or more), or leave it out");
    settings.nodes = Map.of("linux/arm64", List.of(new PlatformNode(null, "arm", 3)));
    assertThat(create(false, false).node(ARM64).capacity()).isEqualTo(3);
  }

  @Test
  void create_retryOnAnotherNode_isCarried() {
    assertThat(create(false, false).retryOnAnotherNode()).isFalse();
    settings.retryOnAnotherNode = true;
    assertThat(create(false, false).retryOnAnotherNode()).isTrue();
  }

  @Test
  void create_nodesKeyedByNormalisedPlatform() {
    settings.platforms = List.of("linux/amd64", "linux/arm64");
    settings.nodes = Map.of("aarch64", List.of(new PlatformNode("arm", "arm-ctx")));

    ImageSpec spec = create(false, false);

    assertThat(spec.nodes()).containsOnlyKeys(ARM64);
    assertThat(spec.node(ARM64)).isEqualTo(new PlatformNode("arm", "arm-ctx"));
    assertThat(spec.node(AMD64)).isEqualTo(PlatformNode.DEFAULT);
  }

  @Test
  void create_invalidNodePlatform_namesTheNodeParameter() {
    settings.nodes = Map.of("linux/", List.of(new PlatformNode("arm", null)));

    assertThat(problems(false, false)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("<nodes><node><platform> 'linux/'");
  }

  @Test
  void create_defaultNodeFromBuilderAndContext_trimmed() {
    settings.builder = " multi ";
    settings.context = "remote ";

    assertThat(create(false, false).defaultNode()).isEqualTo(new PlatformNode("multi", "remote"));
  }

  @Test
  void create_blankBuilderAndContext_areDefault() {
    settings.builder = " ";
    settings.context = "";

    assertThat(create(false, false).defaultNode()).isEqualTo(PlatformNode.DEFAULT);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"true", "false", "mode=min", "mode=max", "mode=max,builder-id=x", "generator=img",
      "disabled=true", " mode=max "})
  void create_validAttestations_passedTrimmed(String value) {
    settings.provenance = value;
    settings.sbom = value;

    ImageSpec spec = create(false, false);

    assertThat(spec.provenance()).isEqualTo(value.trim());
    assertThat(spec.sbom()).isEqualTo(value.trim());
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"max", "yes", "on", "mode", "min"})
  void create_badProvenance_reported(String value) {
    settings.provenance = value;

    assertThat(problems(false, false)).containsExactly("<provenance> (-Ddocker.provenance) '" + value
        + "' is not an attestation setting: use true, false or buildx's form such as mode=max");
  }

  @Test
  void create_blankAttestationsAndTarget_areNull() {
    settings.provenance = " ";
    settings.sbom = "";
    settings.target = "  ";

    ImageSpec spec = create(false, false);

    assertThat(spec.provenance()).isNull();
    assertThat(spec.sbom()).isNull();
    assertThat(spec.target()).isNull();
  }

  @Test
  void create_targetTrimmed() throws Exception {
    Files.writeString(settings.dockerfile, "FROM scratch AS build\nFROM scratch AS Runtime\n");
    settings.target = " runtime ";

    assertThat(create(false, false).target()).as("BuildKit matches stage names ignoring case").isEqualTo("runtime");
  }

  static Stream<Arguments> archTagRules() {
    return Stream.of(
        arguments("auto", "{image}", List.of("1.0.0")),
        arguments("auto", "ghcr.io/org/{arch}-app", List.of("1.0.0", "latest")),
        arguments("AUTO", "ghcr.io/org/{arch}-app", List.of("1.0.0", "latest")),
        arguments("", "ghcr.io/org/{arch}-app", List.of("1.0.0", "latest")),
        arguments("all", "{image}", List.of("1.0.0", "latest")),
        arguments("primary", "ghcr.io/org/{arch}-app", List.of("1.0.0")));
  }

  @ParameterizedTest(name = "archTags={0}, archImage={1}")
  @MethodSource("archTagRules")
  void create_archTags_everyTagInPerArchRepositories_thePrimaryInASharedOne(String rule, String archImage,
      List<String> expected) {
    settings.archTags = rule;
    BuildMetadata m = metadata(true);
    BuildMetadata withArchImage = new BuildMetadata(m.mode(), true, m.version(), m.created(), m.createdSource(), null,
        m.revision(), m.source(), m.image(), archImage, m.tags(), m.buildArgs(), m.labels(), m.archAliases());

    ImageSpec spec = ImageSpecFactory.create(withArchImage, settings.build(), AMD64, false, false);

    assertThat(spec.archTags()).containsExactlyElementsOf(expected);
    assertThat(spec.archReference(ARM64)).as("the primary one is where publish reads the image")
        .isEqualTo(spec.archReferences(ARM64).get(0));
  }

  private static BuildMetadata dated(boolean push, Long epoch) {
    BuildMetadata m = metadata(push);
    return new BuildMetadata(m.mode(), push, m.version(), m.created(), m.createdSource(), epoch, m.revision(), m.source(),
        m.image(), m.archImage(), m.tags(), m.buildArgs(), m.labels(), m.archAliases());
  }

  static Stream<Arguments> reproducibleRules() {
    return Stream.of(
        arguments("auto", true, 1772366400L, true, "false"),
        arguments("auto", true, null, false, null),
        arguments("auto", false, 1772366400L, false, null),
        arguments("true", true, 1772366400L, true, "false"),
        arguments("false", true, 1772366400L, false, null));
  }

  @ParameterizedTest(name = "reproducible={0}, push {1}, epoch {2}: {3}")
  @MethodSource("reproducibleRules")
  void create_reproducible_whenTheBuildHasAFixedDateAndPushes_provenanceOffUnlessAsked(String rule, boolean push,
      Long epoch, boolean reproducible, String provenance) {
    settings.reproducible = rule;

    ImageSpec spec = ImageSpecFactory.create(dated(push, epoch), settings.build(), AMD64, false, false);

    assertThat(spec.reproducible()).isEqualTo(reproducible);
    assertThat(spec.provenance()).isEqualTo(provenance);
  }

  @Test
  void create_reproducible_anExplicitProvenanceIsKept() {
    settings.provenance = "mode=max";

    assertThat(ImageSpecFactory.create(dated(true, 1772366400L), settings.build(), AMD64, false, false).provenance())
        .isEqualTo("mode=max");
  }

  @Test
  void create_reproducibleTrueWithoutADate_isRefused() {
    settings.reproducible = "true";

    assertThat(catchThrowableOfType(InvalidConfigurationException.class,
        () -> ImageSpecFactory.create(dated(true, null), settings.build(), AMD64, false, false)).problems())
        .containsExactly("<reproducible> (-Ddocker.reproducible) 'true' needs a fixed build date: set"
            + " project.build.outputTimestamp (or SOURCE_DATE_EPOCH), or leave <reproducible> at auto");
  }

  @Test
  void create_archTagsUnknownRule_reported() {
    settings.archTags = "every";

    assertThat(problems(true, false)).containsExactly("<archTags> (-Ddocker.archTags) 'every' is not a per-arch tag"
        + " rule: use auto (every tag in per-arch repositories, the primary one in a shared repository), all or"
        + " primary");
  }

  @Test
  void create_targetThatIsNoStage_reportedWithTheStages() throws Exception {
    Files.writeString(settings.dockerfile, "FROM scratch AS build\nFROM scratch AS runtime\nFROM scratch\n");
    settings.target = "tests";

    assertThat(problems(false, false)).containsExactly("<target> (-Ddocker.target) 'tests' is no stage of "
        + settings.dockerfile + ": use one of build, runtime");
  }

  @Test
  void create_targetOfADockerfileWithoutNamedStages_saysHowToNameOne() throws Exception {
    settings.target = "runtime";

    assertThat(problems(false, false)).containsExactly("<target> (-Ddocker.target) 'runtime' is no stage of "
        + settings.dockerfile + ": name a stage (FROM ... AS NAME) or remove <target>");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"team x", "a,b", "k=v", "a\tb"})
  void create_cacheScopeThatWouldBreakBuildxCsv_reported(String scope) {
    settings.cacheScope = scope;

    assertThat(problems(false, false)).containsExactly("<cacheScope> (-Ddocker.cacheScope) '" + scope
        + "' holds a space, comma or '=': give one word such as the artifactId: it becomes part of buildx's key=value"
        + " cache entries");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(longs = {0, -1, -3600})
  void create_nonPositiveTimeout_reported(long seconds) {
    settings.timeoutSeconds = seconds;

    assertThat(problems(false, false)).containsExactly("<timeout> (-Ddocker.build.timeout) '" + seconds
        + "' is not a positive number of seconds: give the longest a platform build may take, e.g. 3600");
  }

  @Test
  void create_timeoutInSeconds() {
    settings.timeoutSeconds = 90;

    assertThat(create(false, false).timeout()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void create_secretsPassedThrough() {
    settings.secrets = List.of(new Secret("npm", "NPM_TOKEN", null));

    assertThat(create(false, false).secrets()).containsExactly(new Secret("npm", "NPM_TOKEN", null));
  }

  @Test
  void create_dockerfileIsADirectory_reported() throws IOException {
    Files.createDirectory(dir.resolve("sub"));
    settings.dockerfile = dir.resolve("sub");

    assertThatThrownBy(() -> create(false, false))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("image ghcr.io/org/app: <dockerfile> (-Ddocker.dockerfile) '" + dir.resolve("sub")
            + "' does not exist: point it at the image's Dockerfile");
  }
}
