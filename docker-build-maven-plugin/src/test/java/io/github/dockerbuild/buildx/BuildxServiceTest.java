package io.github.dockerbuild.buildx;

import static io.github.dockerbuild.domain.ImageSpecBuilder.AMD64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.ARM64;
import static io.github.dockerbuild.domain.ImageSpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.RecordingBuildLog;
import io.github.dockerbuild.exec.ProcessRunner;
import io.github.dockerbuild.exec.TimesUpAfter;
import io.github.dockerbuild.exec.StepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BuildxServiceTest {
  private static final String DIGEST_AMD64 = "sha256:" + "a".repeat(64);
  private static final String DIGEST_ARM64 = "sha256:" + "b".repeat(64);

  @TempDir Path work;

  private final Map<String, String> scripts = new HashMap<>();
  private final List<List<String>> commands = Collections.synchronizedList(new ArrayList<>());
  private final RecordingBuildLog log = new RecordingBuildLog();

  /** A script that prints two lines and writes buildx's metadata file with {@code digest}. */
  private static String succeeds(String digest) {
    return "echo \"#1 [internal] load build definition\"; echo '#2 DONE 0.1s'; "
        + "printf '{\"containerimage.digest\":\"" + digest + "\",\"image.name\":\"x\"}' > \"$METADATA\"";
  }

  /**
   * A ProcessRunner that runs, for each buildx command, the script of its {@code --platform} with
   * {@code $METADATA} set to the path after {@code --metadata-file}.
   */
  private ProcessRunner fakeBuildx() {
    return fakeBuildx(ProcessRunner.ExitWait.CLOCK);
  }

  private ProcessRunner fakeBuildx(ProcessRunner.ExitWait exitWait) {
    return new ProcessRunner(command -> {
      commands.add(command);
      String platform = command.get(command.indexOf("--platform") + 1);
      String metadata = command.get(command.indexOf("--metadata-file") + 1);
      // a node's own script, PLATFORM@CONTEXT, wins over the platform's
      int context = command.indexOf("--context");
      String script = context < 0 ? null : scripts.get(platform + "@" + command.get(context + 1));
      ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c",
          script != null ? script : scripts.getOrDefault(platform, "exit 99"));
      builder.environment().put("METADATA", metadata);
      return builder;
    }, exitWait);
  }

  private BuildxService service(StepRunner steps) {
    return new BuildxService("docker", fakeBuildx(), steps, log);
  }

  private List<String> commandFor(Platform platform) {
    synchronized (commands) {
      return commands.stream()
          .filter(c -> c.get(c.indexOf("--platform") + 1).equals(platform.toString()))
          .findFirst().orElseThrow();
    }
  }

  private static List<String> cacheFromArgs(List<String> command) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < command.size() - 1; i++) {
      if (command.get(i).equals("--cache-from")) {
        values.add(command.get(i + 1));
      }
    }
    return values;
  }

  private static InputPolicy acceptAll() {
    return (source, platform) -> CacheUse.unverified(source, "no policy", null);
  }

  @Test
  void build_everyPlatformSucceeds_digestsFromMetadataFilesInPlatformOrder() throws Exception {
    scripts.put("linux/amd64", succeeds(DIGEST_AMD64));
    scripts.put("linux/arm64", succeeds(DIGEST_ARM64));

    List<PlatformResult> results = service(StepRunner.parallel(2)).build(spec().build(), work, acceptAll());

    assertThat(results).extracting(PlatformResult::platform).containsExactly(AMD64, ARM64);
    assertThat(results).extracting(PlatformResult::succeeded).containsExactly(true, true);
    assertThat(results).extracting(PlatformResult::digest).containsExactly(DIGEST_AMD64, DIGEST_ARM64);
    assertThat(results).extracting(PlatformResult::reference)
        .as("not pushing: the native platform is loaded as the first tag, the other is not kept anywhere")
        .containsExactly("ghcr.io/org/app:1.0.0", null);
    assertThat(results).extracting(PlatformResult::error).containsOnlyNulls();
    assertThat(log.warn).isEmpty();
  }

  @Test
  void build_pushing_referencesAreThePerArchImages() throws Exception {
    scripts.put("linux/amd64", succeeds(DIGEST_AMD64));
    scripts.put("linux/arm64", succeeds(DIGEST_ARM64));

    List<PlatformResult> results = service(StepRunner.parallel(2)).build(spec().push(true).build(), work, acceptAll());

    assertThat(results).extracting(PlatformResult::reference)
        .containsExactly("ghcr.io/org/app:1.0.0-amd64", "ghcr.io/org/app:1.0.0-arm64");
    assertThat(log.info).contains("[linux/arm64] building and pushing ghcr.io/org/app:1.0.0-arm64");
  }

  @Test
  void build_onePlatformFails_theOtherStillBuilds() throws Exception {
    scripts.put("linux/amd64", "echo '#5 RUN make'; echo 'ERROR: process \"/bin/sh -c make\" did not complete'; exit 1");
    scripts.put("linux/arm64", succeeds(DIGEST_ARM64));

    List<PlatformResult> results = service(StepRunner.parallel(2)).build(spec().build(), work, acceptAll());

    assertThat(results).extracting(PlatformResult::platform).containsExactly(AMD64, ARM64);
    PlatformResult failed = results.get(0);
    assertThat(failed.succeeded()).isFalse();
    assertThat(failed.digest()).isNull();
    assertThat(failed.reference()).isNull();
    assertThat(failed.error())
        .startsWith("'docker buildx build --progress=plain --platform linux/amd64 --file /src/app/Dockerfile")
        .endsWith("failed (exit code 1); last output: ERROR: process \"/bin/sh -c make\" did not complete");
    assertThat(results.get(1).succeeded()).isTrue();
    assertThat(results.get(1).digest()).isEqualTo(DIGEST_ARM64);
    assertThat(log.warn).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("[linux/amd64] FAILED after ")
        .endsWith(" ms: " + failed.error());
  }

  @Test
  void build_serial_onePlatformFails_theOtherStillBuilds() throws Exception {
    scripts.put("linux/amd64", "exit 2");
    scripts.put("linux/arm64", succeeds(DIGEST_ARM64));

    List<PlatformResult> results = service(StepRunner.serial()).build(spec().build(), work, acceptAll());

    assertThat(results).extracting(PlatformResult::succeeded).containsExactly(false, true);
    assertThat(results.get(0).error()).endsWith("failed (exit code 2)");
  }

  @Test
  void build_outputLinesPrefixedWithTheirPlatform() throws Exception {
    scripts.put("linux/amd64", succeeds(DIGEST_AMD64));
    scripts.put("linux/arm64", "echo 'arm line 1'; echo 'arm line 2' >&2; echo 'arm line 3'");

    service(StepRunner.parallel(2)).build(spec().build(), work, acceptAll());

    List<String> arm;
    List<String> amd;
    synchronized (log.output) {
      arm = log.output.stream().filter(l -> l.startsWith("[linux/arm64] ")).toList();
      amd = log.output.stream().filter(l -> l.startsWith("[linux/amd64] ")).toList();
      assertThat(log.output).hasSize(arm.size() + amd.size());
    }
    assertThat(arm).containsExactly("[linux/arm64] arm line 1", "[linux/arm64] arm line 2", "[linux/arm64] arm line 3");
    assertThat(amd).containsExactly("[linux/amd64] #1 [internal] load build definition", "[linux/amd64] #2 DONE 0.1s");
  }

  @Test
  void build_logsWhatEachPlatformDoes() throws Exception {
    scripts.put("linux/amd64", succeeds(DIGEST_AMD64));
    scripts.put("linux/arm64", "true");

    service(StepRunner.serial()).build(spec().tags("1.0.0", "latest").build(), work, acceptAll());

    assertThat(log.info).contains(
        "[linux/amd64] building and loading ghcr.io/org/app:1.0.0, ghcr.io/org/app:latest into the local engine",
        "[linux/arm64] building (not pushed, not loaded: only the native platform can be loaded into the local "
            + "engine)");
    assertThat(log.info).anySatisfy(l -> assertThat(l).startsWith("[linux/amd64] done in ")
        .endsWith(" ms (0 steps, 0 cached): " + DIGEST_AMD64));
    assertThat(log.info).anySatisfy(l -> assertThat(l).matches("\\[linux/arm64] done in \\d+ ms \\(0 steps, 0 cached\\)"));
  }

  @Test
  void build_metadataFilePerPlatformInTheWorkDirectory() throws Exception {
    scripts.put("linux/amd64", succeeds(DIGEST_AMD64));
    scripts.put("linux/arm64", succeeds(DIGEST_ARM64));
    Path workDir = work.resolve("target/docker-build");

    service(StepRunner.parallel(2)).build(spec().build(), workDir, acceptAll());

    List<String> amd = commandFor(AMD64);
    assertThat(amd.get(amd.indexOf("--metadata-file") + 1))
        .isEqualTo(workDir.resolve("app-linux-amd64.metadata.json").toString());
    assertThat(workDir.resolve("app-linux-arm64.metadata.json")).content().contains(DIGEST_ARM64);
  }

  @Test
  void build_noMetadataWritten_succeedsWithoutDigest_evenWithAStaleFile() throws Exception {
    Files.writeString(work.resolve("app-linux-amd64.metadata.json"),
        "{\"containerimage.digest\":\"sha256:stale-from-last-build\"}");
    scripts.put("linux/amd64", "echo built");
    ImageSpec spec = spec().platforms("linux/amd64").build();

    List<PlatformResult> results = service(StepRunner.serial()).build(spec, work, acceptAll());

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.succeeded()).isTrue();
      assertThat(r.digest()).isNull();
    });
  }

  @Test
  void build_unreadableMetadata_platformFails() throws Exception {
    scripts.put("linux/amd64", "echo 'not json' > \"$METADATA\"");
    ImageSpec spec = spec().platforms("linux/amd64").build();

    List<PlatformResult> results = service(StepRunner.serial()).build(spec, work, acceptAll());

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.platform()).isEqualTo(AMD64);
      assertThat(r.succeeded()).isFalse();
      assertThat(r.error()).isNotBlank();
    });
  }

  @Test
  void build_unreadableMetadata_failureIsLogged() throws Exception {
    scripts.put("linux/amd64", "echo 'not json' > \"$METADATA\"");
    ImageSpec spec = spec().platforms("linux/amd64").build();

    service(StepRunner.serial()).build(spec, work, acceptAll());

    assertThat(log.warn).anySatisfy(l -> assertThat(l).startsWith("[linux/amd64] FAILED"));
  }

  @Test
  void build_timeout_platformFailsWithTheReason() throws Exception {
    TimesUpAfter timesUp = new TimesUpAfter(work);
    scripts.put("linux/amd64", "echo started; " + timesUp.touch() + "; exec sleep 30");
    scripts.put("linux/arm64", succeeds(DIGEST_ARM64));
    ImageSpec spec = spec().timeout(Duration.ofSeconds(1)).build();
    // amd64's time is up once it printed its line; arm64 never ends its time and just finishes
    BuildxService service = new BuildxService("docker", fakeBuildx(timesUp), StepRunner.parallel(2), log);

    List<PlatformResult> results = service.build(spec, work, acceptAll());

    assertThat(results.get(0).succeeded()).isFalse();
    assertThat(results.get(0).error()).contains("did not finish within 1s; last output: started");
    assertThat(results.get(1).succeeded()).isTrue();
    assertThat(log.warn).anySatisfy(l -> assertThat(l).startsWith("[linux/amd64] FAILED: '"));
  }

  @Test
  void build_rejectedRegistryCacheSourcesAreNotPassed() throws Exception {
    scripts.put("linux/amd64", "true");
    scripts.put("linux/arm64", "true");
    ImageSpec spec = spec()
        .cacheFrom("type=registry,ref={archImage}:cache-{arch}", "type=gha,scope={arch}-{scope}",
            "type=local,src=/cache/{arch}")
        .build();
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    InputPolicy verifier = (source, platform) -> {
      asked.add(platform + " " + source.toArg());
      return platform.equals(AMD64) ? CacheUse.dropped(source, "not signed", null)
          : CacheUse.unverified(source, "no policy", null);
    };

    service(StepRunner.parallel(2)).build(spec, work, verifier);

    assertThat(asked).as("only registry sources are verified, resolved").containsExactlyInAnyOrder(
        "linux/amd64 type=registry,ref=ghcr.io/org/app:cache-amd64",
        "linux/arm64 type=registry,ref=ghcr.io/org/app:cache-arm64");
    assertThat(cacheFromArgs(commandFor(AMD64)))
        .containsExactly("type=gha,scope=amd64-app", "type=local,src=/cache/amd64");
    assertThat(cacheFromArgs(commandFor(ARM64))).containsExactly(
        "type=registry,ref=ghcr.io/org/app:cache-arm64", "type=gha,scope=arm64-app", "type=local,src=/cache/arm64");
  }

  @Test
  void build_unverifiedVerifier_logsAndUsesEverySource() throws Exception {
    scripts.put("linux/amd64", "true");
    ImageSpec spec = spec().platforms("linux/amd64").cacheFrom("type=registry,ref={image}:cache").build();

    service(StepRunner.serial()).build(spec, work, InputPolicy.unverified(log));

    assertThat(cacheFromArgs(commandFor(AMD64))).containsExactly("type=registry,ref=ghcr.io/org/app:cache");
    assertThat(log.info).contains("[linux/amd64] cache source ghcr.io/org/app:cache is used unverified");
  }

  @Test
  void build_createsTheWorkDirectory() throws Exception {
    scripts.put("linux/amd64", "true");
    Path workDir = work.resolve("a/b/c");

    service(StepRunner.serial()).build(spec().platforms("linux/amd64").build(), workDir, acceptAll());

    assertThat(workDir).isDirectory();
  }

  @Test
  void readDigest_missingNullOrPresent(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("m.json");

    assertThat(BuildxService.readDigest(file)).isNull();
    Files.writeString(file, "{\"containerimage.digest\":null}");
    assertThat(BuildxService.readDigest(file)).isNull();
    Files.writeString(file, "{\"buildx.build.ref\":\"x\"}");
    assertThat(BuildxService.readDigest(file)).isNull();
    Files.writeString(file, "{\"containerimage.digest\":\"sha256:abc\"}");
    assertThat(BuildxService.readDigest(file)).isEqualTo("sha256:abc");
  }

  private static final String PUSH_503 = "ERROR: failed to solve: failed to push ghcr.io/org/app:1.0.0-amd64: failed commit"
      + " on ref \"manifest-sha256:96a3\": unexpected status from PUT request to"
      + " https://ghcr.io/v2/org/app/manifests/sha256:96a3: 503 Service Unavailable";

  /** Fails the first {@code failures} runs with {@code line}, then succeeds; counts runs in a file. */
  private String failsThenSucceeds(int failures, String line) {
    Path count = work.resolve("runs");
    return "n=$(cat " + count + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + count + "; "
        + "echo '#5 [2/2] RUN make'; if [ $n -le " + failures + " ]; then echo '#5 DONE 1.0s'; echo '" + line.replace("'", "")
        + "'; exit 1; fi; echo '#5 CACHED'; " + succeeds(DIGEST_AMD64);
  }

  /** The buildx build commands run, not the registry reads after them. */
  private List<List<String>> builds() {
    synchronized (commands) {
      return commands.stream().filter(c -> c.size() > 2 && c.get(2).equals("build")).toList();
    }
  }

  private BuildxService retrying(int attempts) {
    return new BuildxService("docker", fakeBuildx(), StepRunner.serial(), log,
        new io.github.dockerbuild.registry.RetryPolicy(attempts, java.time.Duration.ofMillis(1),
            java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(2)), LayoutPush.NONE, ManifestReader.NONE);
  }

  @Test
  void build_pushFailedOnATransientRegistryError_isPushedAgain_withOneWarning() throws Exception {
    scripts.put("linux/amd64", failsThenSucceeds(1, PUSH_503));
    ImageSpec spec = spec().platforms("linux/amd64").push(true).build();

    PlatformResult r = retrying(5).build(spec, work, acceptAll()).get(0);

    assertThat(r.succeeded()).isTrue();
    assertThat(builds()).hasSize(2);
    assertThat(builds().get(1)).as("the same command again").isEqualTo(builds().get(0));
    assertThat(log.warn).singleElement().asString().startsWith("[linux/amd64] the push failed on a transient registry"
        + " error (failed to solve: failed to push ghcr.io/org/app:1.0.0-amd64: ").contains("503 Service Unavailable")
        .contains("pushing again from BuildKit's cache, attempt 2 of 5 in ");
    assertThat(r.executedSteps()).as("the steps are the first attempt's, not the cached re-run's").isEqualTo(1);
  }

  @Test
  void build_transientPushErrorEveryTime_failsAfterThePolicysAttempts() throws Exception {
    scripts.put("linux/amd64", failsThenSucceeds(99, PUSH_503));

    PlatformResult r = retrying(3).build(spec().platforms("linux/amd64").push(true).build(), work, acceptAll()).get(0);

    assertThat(r.succeeded()).isFalse();
    assertThat(builds()).hasSize(3);
    assertThat(log.warn).filteredOn(l -> l.contains("transient registry error")).hasSize(2);
    assertThat(r.error()).contains("503 Service Unavailable");
  }

  private static final String PUT_400 = "ERROR: failed to solve: failed to push ghcr.io/org/app:1.0.0-amd64: failed commit"
      + " on ref \"manifest-sha256:96a3\": unexpected status from PUT request to"
      + " https://ghcr.io/v2/org/app/manifests/1.0.0-amd64: 400 Bad Request";

  @Test
  void build_manifestPutAnswered400_isPushedOnceMore_sayingWhy() throws Exception {
    scripts.put("linux/amd64", failsThenSucceeds(1, PUT_400));

    PlatformResult r = retrying(5).build(spec().platforms("linux/amd64").push(true).build(), work, acceptAll()).get(0);

    assertThat(r.succeeded()).isTrue();
    assertThat(builds()).hasSize(2);
    assertThat(log.warn).singleElement().asString()
        .startsWith("[linux/amd64] the push failed on a manifest PUT answered 400 (failed to solve: ")
        .contains("400 MANIFEST_BLOB_UNKNOWN when it read a layer while another push of the same layer")
        .contains("pushing once more from BuildKit's cache in ");
  }

  @Test
  void build_manifestPutAnswered400Again_failsAfterOneMorePush_notThePolicys() throws Exception {
    scripts.put("linux/amd64", failsThenSucceeds(99, PUT_400));

    PlatformResult r = retrying(5).build(spec().platforms("linux/amd64").push(true).build(), work, acceptAll()).get(0);

    assertThat(r.succeeded()).isFalse();
    assertThat(builds()).as("a manifest the registry will never take costs one push more, not four").hasSize(2);
    assertThat(r.error()).contains("400 Bad Request");
  }

  @Test
  void build_aBuildError_isNeverRetried() throws Exception {
    scripts.put("linux/amd64", failsThenSucceeds(1, "ERROR: failed to solve: process \"/bin/sh -c make\" did not"
        + " complete successfully: exit code: 2"));

    PlatformResult r = retrying(5).build(spec().platforms("linux/amd64").push(true).build(), work, acceptAll()).get(0);

    assertThat(r.succeeded()).isFalse();
    assertThat(builds()).hasSize(1);
    assertThat(log.warn).noneMatch(l -> l.contains("transient"));
  }

  private static final io.github.dockerbuild.domain.PlatformNode NODE_1 =
      new io.github.dockerbuild.domain.PlatformNode(null, "amd-1");
  private static final io.github.dockerbuild.domain.PlatformNode NODE_2 =
      new io.github.dockerbuild.domain.PlatformNode(null, "amd-2");
  private static final String NODE_LOST = "ERROR: failed to solve: rpc error: code = Unavailable desc = "
      + "error reading from server: EOF";

  /** The nodes the builds ran on, in order. */
  private List<String> contextsBuiltOn() {
    synchronized (commands) {
      return commands.stream().filter(c -> c.contains("build") && c.contains("--context"))
          .map(c -> c.get(c.indexOf("--context") + 1)).toList();
    }
  }

  private ImageSpec pooled(boolean retry) {
    io.github.dockerbuild.domain.ImageSpecBuilder builder = spec().platforms("linux/amd64").push(true)
        .pool("linux/amd64", NODE_1, NODE_2);
    builder.retryOnAnotherNode = retry;
    return builder.build();
  }

  @Test
  void build_aNodeFailure_withRetryOnAnotherNode_isBuiltAgainOnTheNext_withAWarning_andTheFailureKept()
      throws Exception {
    scripts.put("linux/amd64@amd-1", "echo '" + NODE_LOST + "'; exit 1");
    scripts.put("linux/amd64@amd-2", succeeds(DIGEST_AMD64));

    PlatformResult r = service(StepRunner.serial()).withScheduler(new NodeScheduler()).build(pooled(true), work, acceptAll()).get(0);

    assertThat(contextsBuiltOn()).containsExactly("amd-1", "amd-2");
    assertThat(r.succeeded()).isTrue();
    assertThat(r.builder()).isEqualTo("context amd-2");
    assertThat(r.earlierFailures()).singleElement().asString().startsWith("context amd-1: 'docker --context amd-1")
        .endsWith("last output: " + NODE_LOST);
    assertThat(r.failedOn()).containsExactly("context amd-1");
    assertThat(log.warn).hasSize(2);
    assertThat(log.warn.get(0)).startsWith("[linux/amd64] FAILED after ");
    assertThat(log.warn.get(1)).isEqualTo("[linux/amd64] failed on context amd-1; building it again on another node "
        + "of its pool (retryOnAnotherNode)");
  }

  @Test
  void build_aNodeFailure_withoutRetryOnAnotherNode_failsOnThatNode() throws Exception {
    scripts.put("linux/amd64@amd-1", "echo '" + NODE_LOST + "'; exit 1");
    scripts.put("linux/amd64@amd-2", succeeds(DIGEST_AMD64));

    PlatformResult r = service(StepRunner.serial()).withScheduler(new NodeScheduler()).build(pooled(false), work, acceptAll()).get(0);

    assertThat(contextsBuiltOn()).containsExactly("amd-1");
    assertThat(r.succeeded()).isFalse();
    assertThat(r.builder()).isEqualTo("context amd-1");
    assertThat(r.earlierFailures()).isNull();
    assertThat(log.warn).singleElement().asString().startsWith("[linux/amd64] FAILED after ");
  }

  @Test
  void build_theBuildsOwnFailure_isNotBuiltAgainElsewhere_evenWithRetryOnAnotherNode() throws Exception {
    scripts.put("linux/amd64@amd-1", "echo 'ERROR: failed to solve: process \"/bin/sh -c make\" did not complete"
        + " successfully: exit code: 2'; exit 1");
    scripts.put("linux/amd64@amd-2", succeeds(DIGEST_AMD64));

    PlatformResult r = service(StepRunner.serial()).withScheduler(new NodeScheduler()).build(pooled(true), work, acceptAll()).get(0);

    assertThat(contextsBuiltOn()).containsExactly("amd-1");
    assertThat(r.succeeded()).isFalse();
    assertThat(log.info).contains("[linux/amd64] not built again on another node: the failure is the build's own "
        + "(\"did not complete successfully: exit code\"), every node would meet it");
  }

  @Test
  void build_failingOnEveryNode_triesEachOnce_andTheFailureNamesEach() throws Exception {
    scripts.put("linux/amd64@amd-1", "echo '" + NODE_LOST + "'; exit 1");
    scripts.put("linux/amd64@amd-2", "echo 'ERROR: connection reset by peer'; exit 1");

    PlatformResult r = service(StepRunner.serial()).withScheduler(new NodeScheduler()).build(pooled(true), work, acceptAll()).get(0);

    assertThat(contextsBuiltOn()).containsExactly("amd-1", "amd-2");
    assertThat(r.succeeded()).isFalse();
    assertThat(r.error()).endsWith("last output: ERROR: connection reset by peer");
    assertThat(r.failedOn()).containsExactly("context amd-1");
    assertThat(new BuildFailedException("ghcr.io/org/app", List.of(r)).getMessage())
        .startsWith("image ghcr.io/org/app: the build failed for linux/amd64 (on context amd-1, then context amd-2) (");
  }

  @Test
  void build_reproducible_writesAnOciLayoutWithRewrittenTimestamps_andPushesItToEveryReference() throws Exception {
    scripts.put("linux/arm64", succeeds(DIGEST_ARM64));
    List<String> pushed = new ArrayList<>();
    LayoutPush layouts = (layout, references) -> {
      pushed.add(work.relativize(layout) + " -> " + String.join(",", references));
      return DIGEST_ARM64;
    };
    ImageSpec spec = spec().platforms("linux/arm64").push(true).archImage("ghcr.io/org/{arch}-app")
        .tags("1.0.0", "latest").archTags("1.0.0", "latest").with(b -> b.reproducible = true).build();

    PlatformResult r = new BuildxService("docker", fakeBuildx(), StepRunner.serial(), log, layouts, ManifestReader.NONE)
        .build(spec, work, acceptAll()).get(0);

    assertThat(r.succeeded()).isTrue();
    assertThat(r.digest()).isEqualTo(DIGEST_ARM64);
    List<String> command = commandFor(ARM64);
    assertThat(command.get(command.indexOf("--output") + 1)).startsWith("type=oci,dest=" + work.resolve("app-linux-arm64.oci")
        + ",tar=false,rewrite-timestamp=true,compression=zstd");
    assertThat(pushed).containsExactly("app-linux-arm64.oci -> ghcr.io/org/arm64-app:1.0.0,ghcr.io/org/arm64-app:latest");
    assertThat(log.info).anySatisfy(line -> assertThat(line).startsWith("[linux/arm64] done in ")
        .endsWith(" cached): " + DIGEST_ARM64 + ", the reproducible image pushed as"
            + " ghcr.io/org/arm64-app:1.0.0, ghcr.io/org/arm64-app:latest"));
  }

  @Test
  void build_reproducible_aLayoutThatCannotBePushed_failsThePlatform() throws Exception {
    scripts.put("linux/amd64", succeeds(DIGEST_AMD64));
    LayoutPush failing = (layout, references) -> {
      throw new java.io.IOException("the registry answered 403 DENIED");
    };

    PlatformResult r = new BuildxService("docker", fakeBuildx(), StepRunner.serial(), log, failing, ManifestReader.NONE)
        .build(spec().platforms("linux/amd64").push(true).with(b -> b.reproducible = true).build(), work, acceptAll())
        .get(0);

    assertThat(r.succeeded()).isFalse();
    assertThat(r.error()).isEqualTo("built, but pushing ghcr.io/org/app:1.0.0-amd64 failed: the registry answered 403 DENIED");
  }
}
