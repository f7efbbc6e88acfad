package io.github.dockerbuild.engine;

import static io.github.dockerbuild.domain.ImageSpecBuilder.spec;
import static io.github.dockerbuild.engine.EngineFixtures.ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.Compression;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.ImageSpecBuilder;
import io.github.dockerbuild.domain.OutputOptions;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PreflightChecksTest {
  private static final String BUILDX = EngineFixtures.buildxVersion();
  private static final String CLASSIC = "builder 'default' (docker driver of unix:///var/run/docker.sock "
      + "(the default socket)) uses the classic image store";
  private static final String CLASSIC_FIX = ": enable the containerd image store "
      + "({\"features\":{\"containerd-snapshotter\":true}} in /etc/docker/daemon.json, restart dockerd) "
      + "or use a docker-container builder (<builder>)";

  private static Map<PlatformNode, PreflightChecks.Node> defaultNode(EngineFacts engine, BuilderFacts builder) {
    return Map.of(PlatformNode.DEFAULT, new PreflightChecks.Node(PlatformNode.DEFAULT, engine, builder));
  }

  private static List<String> check(ImageSpecBuilder spec, EngineFacts engine) {
    return PreflightChecks.check(spec.build(), BUILDX, defaultNode(engine, EngineFixtures.dockerDriverBuilder()));
  }

  @Test
  void check_recordedEngineCanDoEverything_noProblems() {
    ImageSpecBuilder spec = spec().push(true).cacheTo("type=registry,ref={archImage}:cache,mode=max", "type=gha");

    assertThat(check(spec, EngineFixtures.containerdEngine())).isEmpty();
  }

  @Test
  void check_buildxMissing_onlyThatProblem() {
    ImageSpec spec = spec().push(true).platforms("linux/riscv64").build();

    assertThat(PreflightChecks.check(spec, null, Map.of())).containsExactly(
        "docker buildx is not installed (image ghcr.io/org/app): install the buildx plugin (Debian/Ubuntu package "
            + "docker-buildx, or the docker-buildx binary in ~/.docker/cli-plugins/)");
  }

  @Test
  void check_apiTooOld() {
    EngineFacts old = new EngineFacts(ENDPOINT, "19.03.15", "1.40", "linux/amd64", false);

    assertThat(check(spec(), old)).containsExactly(
        "the Docker engine at unix:///var/run/docker.sock (the default socket) speaks API 1.40 (image ghcr.io/org/app): "
            + "upgrade it to Docker 20.10 (API 1.41) or newer");
  }

  @ParameterizedTest(name = "API {0}")
  @CsvSource({"1.41", "1.45", "1.100", "2.0"})
  void check_apiNewEnough_noProblem(String api) {
    EngineFacts engine = new EngineFacts(ENDPOINT, "x", api, "linux/amd64", true);

    assertThat(check(spec(), engine)).isEmpty();
  }

  @Test
  void check_apiTooOldIsNumeric_1_9() {
    EngineFacts old = new EngineFacts(ENDPOINT, "1.9", "1.9", "linux/amd64", true);

    assertThat(check(spec(), old)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("speaks API 1.9 (image ghcr.io/org/app)");
  }

  @Test
  void check_platformTheBuilderCannotBuild() {
    ImageSpecBuilder spec = spec().platforms("linux/amd64", "linux/riscv64", "linux/arm64");

    assertThat(check(spec, EngineFixtures.containerdEngine())).containsExactly(
        "builder 'default' cannot build linux/riscv64 (image ghcr.io/org/app; it builds linux/amd64, linux/amd64/v2, "
            + "linux/amd64/v3, linux/amd64/v4, linux/arm64): register QEMU for it (apt-get install "
            + "qemu-user-static, then restart the engine) or build it on a native node with <nodes>");
  }

  @Test
  void check_builderWithoutPlatformList_acceptsAnyPlatform() {
    ImageSpec spec = spec().platforms("linux/riscv64").build();
    BuilderFacts silent = new BuilderFacts("remote", "remote", List.of());

    assertThat(PreflightChecks.check(spec, BUILDX, defaultNode(EngineFixtures.containerdEngine(), silent))).isEmpty();
  }

  @Test
  void check_classicStoreAndZstdPush() {
    assertThat(check(spec().push(true), EngineFixtures.classicEngine())).containsExactly(
        CLASSIC + " and cannot push zstd layers (image ghcr.io/org/app, <compression>)" + CLASSIC_FIX
            + ", or set <compression>gzip");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ESTARGZ, estargz", "UNCOMPRESSED, uncompressed"})
  void check_classicStoreAndOtherNonGzipPush(Compression compression, String name) {
    ImageSpecBuilder spec = spec().push(true).output(new OutputOptions(compression, null, false, true));

    assertThat(check(spec, EngineFixtures.classicEngine())).singleElement(
            org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(CLASSIC + " and cannot push " + name + " layers");
  }

  @Test
  void check_classicStoreAndGzipPush_fine() {
    ImageSpecBuilder spec = spec().push(true).output(new OutputOptions(Compression.GZIP, 6, true, false));

    assertThat(check(spec, EngineFixtures.classicEngine())).isEmpty();
  }

  @Test
  void check_classicStoreWithoutPush_zstdIsIrrelevant() {
    assertThat(check(spec().push(false), EngineFixtures.classicEngine())).isEmpty();
  }

  @Test
  void check_classicStoreAndRegistryCacheExport() {
    ImageSpecBuilder spec = spec().push(false).cacheTo("type=registry,ref={archImage}:cache");

    assertThat(check(spec, EngineFixtures.classicEngine())).containsExactly(
        CLASSIC + " and cannot export type=registry caches (image ghcr.io/org/app, <cacheTo>)" + CLASSIC_FIX
            + ", or -Ddocker.cache.export=false");
  }

  @Test
  void check_classicStoreAndSeveralCacheExports_listedOnceEach() {
    ImageSpecBuilder spec = spec().cacheTo("type=gha,mode=max", "type=inline", "type=local,dest=/c", "type=gha");

    assertThat(check(spec, EngineFixtures.classicEngine())).singleElement(
            org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(" and cannot export type=gha,local caches (image ghcr.io/org/app, <cacheTo>)");
  }

  @Test
  void check_classicStoreAndInlineCacheOnly_fine() {
    assertThat(check(spec().cacheTo("type=inline"), EngineFixtures.classicEngine())).isEmpty();
  }

  @Test
  void check_classicStoreZstdPushAndCacheExport_bothReported() {
    ImageSpecBuilder spec = spec().push(true).cacheTo("type=registry,ref={archImage}:cache");

    assertThat(check(spec, EngineFixtures.classicEngine())).hasSize(2)
        .satisfiesExactly(
            p -> assertThat(p).contains("cannot push zstd layers"),
            p -> assertThat(p).contains("cannot export type=registry caches"));
  }

  @Test
  void check_classicStoreWithDockerContainerBuilder_fine() {
    ImageSpec spec = spec().push(true).cacheTo("type=registry,ref={archImage}:cache").build();
    BuilderFacts container = new BuilderFacts("multi", "docker-container",
        List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")));

    assertThat(PreflightChecks.check(spec, BUILDX, defaultNode(EngineFixtures.classicEngine(), container))).isEmpty();
  }

  @Test
  void check_problemsOfEveryKindInOrder() {
    EngineFacts old = new EngineFacts(ENDPOINT, "19.03", "1.40", "linux/amd64", false);
    ImageSpecBuilder spec = spec().push(true).platforms("linux/amd64", "linux/s390x");

    List<String> problems = check(spec, old);

    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).contains("speaks API 1.40");
    assertThat(problems.get(1)).contains("cannot build linux/s390x");
    assertThat(problems.get(2)).contains("cannot push zstd layers");
  }

  @Test
  void check_eachNodeCheckedWithItsOwnBuilder() {
    PlatformNode armNode = new PlatformNode("arm-builder", "arm-host");
    ImageSpec spec = spec().push(true).node("linux/arm64", "arm-builder", "arm-host").build();
    BuilderFacts amdOnly = new BuilderFacts("amd", "docker-container", List.of(Platform.parse("linux/amd64")));
    BuilderFacts armOnly = new BuilderFacts("arm-builder", "docker", List.of(Platform.parse("linux/arm64")));
    EngineFacts armEngine = new EngineFacts(new DockerEndpoint("ssh://arm-host", "docker context arm-host"),
        "26.1", "1.45", "linux/arm64", false);
    Map<PlatformNode, PreflightChecks.Node> nodes = new LinkedHashMap<>();
    nodes.put(PlatformNode.DEFAULT, new PreflightChecks.Node(PlatformNode.DEFAULT,
        EngineFixtures.containerdEngine(), amdOnly));
    nodes.put(armNode, new PreflightChecks.Node(armNode, armEngine, armOnly));

    assertThat(PreflightChecks.check(spec, BUILDX, nodes)).containsExactly(
        "builder 'arm-builder' (docker driver of ssh://arm-host (docker context arm-host)) uses the classic image "
            + "store and cannot push zstd layers (image ghcr.io/org/app, <compression>)" + CLASSIC_FIX
            + ", or set <compression>gzip");
  }

  private static final java.util.function.Function<String, java.util.Optional<String>> PROXIED = registry ->
      registry.equals("127.0.0.1:5000") ? java.util.Optional.empty()
          : java.util.Optional.of("proxy.corp:3128 (settings.xml proxy 'corp')");

  @Test
  void proxyWarnings_anEngineWithoutAProxyPushingToAProxiedRegistry_isWarnedAboutOncePerRegistry() {
    ImageSpec spec = spec().push(true).archImage("ghcr.io/org/{arch}-app")
        .cacheFrom("type=registry,ref=cache.example/app:{arch}").build();
    Map<PlatformNode, PreflightChecks.Node> nodes = defaultNode(EngineFixtures.containerdEngine(),
        EngineFixtures.dockerDriverBuilder());

    assertThat(PreflightChecks.proxyWarnings(spec, nodes, PROXIED)).containsExactly(
        "image ghcr.io/org/app: the plugin reaches cache.example through the proxy proxy.corp:3128 (settings.xml "
            + "proxy 'corp'), but the engine at unix:///var/run/docker.sock has no HTTPS proxy and pushes there "
            + "directly (BuildKit's pushes leave from the engine): set \"proxies\" in its daemon.json if the "
            + "registry is reachable only through the proxy",
        "image ghcr.io/org/app: the plugin reaches ghcr.io through the proxy proxy.corp:3128 (settings.xml "
            + "proxy 'corp'), but the engine at unix:///var/run/docker.sock has no HTTPS proxy and pushes there "
            + "directly (BuildKit's pushes leave from the engine): set \"proxies\" in its daemon.json if the "
            + "registry is reachable only through the proxy");
  }

  @Test
  void proxyWarnings_none_whenTheEngineHasAProxy_theBuilderIsNotTheEngines_itDoesNotPush_orNothingIsProxied() {
    ImageSpec pushing = spec().push(true).archImage("ghcr.io/org/{arch}-app").build();
    EngineFacts plain = EngineFixtures.containerdEngine();
    EngineFacts proxied = DockerJavaQueries.facts(ENDPOINT, EngineFixtures.version(),
        EngineFixtures.with(EngineFixtures.containerdInfo(), "HttpsProxy", "http://xxxxx:xxxxx@proxy.corp:3128"));
    BuilderFacts container = new BuilderFacts("ci", "docker-container", List.of(Platform.parse("linux/amd64")));

    assertThat(proxied.httpsProxy()).isTrue();
    assertThat(plain.httpsProxy()).isFalse();
    assertThat(PreflightChecks.proxyWarnings(pushing, defaultNode(proxied, EngineFixtures.dockerDriverBuilder()),
        PROXIED)).isEmpty();
    assertThat(PreflightChecks.proxyWarnings(pushing, defaultNode(plain, container), PROXIED)).isEmpty();
    assertThat(PreflightChecks.proxyWarnings(spec().push(false).archImage("ghcr.io/org/{arch}-app").build(),
        defaultNode(plain, EngineFixtures.dockerDriverBuilder()), PROXIED)).isEmpty();
    assertThat(PreflightChecks.proxyWarnings(spec().push(true).archImage("127.0.0.1:5000/{arch}-app").build(),
        defaultNode(plain, EngineFixtures.dockerDriverBuilder()), PROXIED)).isEmpty();
  }

  @Test
  void check_platformWithoutNodeFacts_skipped() {
    ImageSpec spec = spec().platforms("linux/riscv64").build();

    assertThat(PreflightChecks.check(spec, BUILDX, Map.of())).isEmpty();
  }

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "1.9, 1.41, -1",
    "1.41, 1.41, 0",
    "1.45, 1.41, 1",
    "1.41.1, 1.41, 1",
    "1.41.0, 1.41, 0",
    "2, 1.41, 1",
    "1.41-rc1, 1.41, 0",
    "1.40, 1.41, -1"
  })
  void compareVersions_numeric(String a, String b, int sign) {
    assertThat(Integer.signum(PreflightChecks.compareVersions(a, b))).isEqualTo(sign);
  }
}
