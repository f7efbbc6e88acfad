package io.github.dockerbuild.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.record.RecordStore;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan, build, preflight, verify and publish goals as Maven configures them: what each does
 * with no engine and no registry (its plan, its skip rules) and the problems it reports first.
 */
@MojoTest
class GoalsMojoTest {
  private static final String POM = "classpath:/unit/image/pom.xml";
  private static final String IMAGE = "image ghcr.io/example/demo: ";

  private static String failure(String problem) {
    return MojoFixtures.planFailure("ghcr.io/example/demo", problem);
  }

  @TempDir Path buildDirectory;

  private final MojoFixtures.RecordingLog log = new MojoFixtures.RecordingLog();

  @Provides
  MavenProject project() throws URISyntaxException {
    return MojoFixtures.project(MojoFixtures.model("1.0.0", buildDirectory), "/unit/image");
  }

  @Provides
  Log log() {
    return log;
  }

  private RecordStore store() {
    return new RecordStore(buildDirectory.resolve("docker-build"));
  }

  @Test
  @InjectMojo(goal = "plan", pom = POM)
  void plan_printsAndWritesThePlan_runsNothing(PlanMojo mojo) throws Exception {
    mojo.execute();

    assertThat(log.info.get(0)).isEqualTo("plan for image ghcr.io/example/demo (org.example:demo)");
    assertThat(log.info.get(1)).startsWith("  version 1.0.0, local build, no push, created ").endsWith(", tags 1.0.0");
    assertThat(log.info).last().isEqualTo("plan written to " + store().planFile());
    assertThat(store().readPlan().orElseThrow().image()).isEqualTo("ghcr.io/example/demo");
    assertThat(store().file()).doesNotExist();
  }

  @Test
  @InjectMojo(goal = "build", pom = POM)
  void build_plan_everyPlatformResolved_andWritten(BuildMojo mojo) throws Exception {
    BuildPlan plan = mojo.plan();

    // the harness cannot compute Maven's execution plan: the plan then holds the running goal alone
    assertThat(plan.goals()).extracting(io.github.dockerbuild.domain.PlannedGoal::runs).containsExactly(true);
    assertThat(plan.build().platforms()).extracting(p -> p.platform() + " " + p.arch())
        .containsExactly("linux/amd64 amd64", "linux/arm64 aarch64");
    assertThat(plan.build().platforms().get(1).buildx()).contains("--platform", "linux/arm64",
        "io.example.arch=aarch64", "--output", "type=cacheonly");
    assertThat(io.github.dockerbuild.report.PlanText.lines(plan)).contains("    linux/arm64 (arch aarch64)",
        "      cache from: type=registry,ref=ghcr.io/example/aarch64-demo:cache (used)");
    assertThat(store().readPlan()).contains(plan);
    assertThat(mojo.plan()).as("made once per module and run").isSameAs(plan);
  }

  @Test
  @InjectMojo(goal = "build", pom = POM)
  @MojoParameter(name = "compressionLevel", value = "abc")
  void build_numberMavenCouldNotConvert_isWordedLikeEveryProblem(BuildMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(failure("<compressionLevel> (-Ddocker.compressionLevel) 'abc' is not a whole number: give a number"
            + " such as 9"));
  }

  @Test
  @InjectMojo(goal = "build", pom = POM)
  @MojoParameter(name = "mode", value = "staging")
  @MojoParameter(name = "compression", value = "lz4")
  @MojoParameter(name = "cacheFrom", value = "type=registry")
  void build_metadataAndBuildParameterProblems_areReportedTogether(BuildMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(String.join(System.lineSeparator(),
            IMAGE + "<mode> (-Ddocker.mode) 'staging' is not a build mode: use auto, release, branch, pull-request or"
                + " local",
            IMAGE + "<compression> (-Ddocker.compression) 'lz4' is not a compression: use one of zstd, gzip, estargz,"
                + " uncompressed",
            IMAGE + "<cacheFrom> (-Ddocker.cacheFrom) 'type=registry' has no ref: type=registry needs ref=HOST/REPO:TAG",
            IMAGE + "nothing was built, pushed, tagged or signed"));
  }

  @Test
  @InjectMojo(goal = "compare", pom = POM)
  void compare_withoutAFixedDate_isRefusedBeforeAnyRebuild(CompareMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(failure("goal compare: the build has no fixed date, so no rebuild can match it: set"
            + " project.build.outputTimestamp (Maven's reproducible builds) in the POM"));
  }

  @Test
  @InjectMojo(goal = "compare", pom = POM)
  @MojoParameter(name = "skipCompare", value = "true")
  void compare_skipFlag_oneLine(CompareMojo mojo) throws Exception {
    mojo.execute();

    assertThat(log.info).containsExactly("Skipping: docker.compare.skip is true");
  }

  @Test
  @InjectMojo(goal = "plan", pom = POM)
  void engineGoalMayRun_fromPackageOn_orABuildGoal_notBefore_norInASkippedModule(PlanMojo mojo) throws Exception {
    for (String task : List.of("package", "verify", "install", "deploy", "docker-build:build",
        "io.github.dockerbuild:docker-build-maven-plugin:1.0:preflight", "docker-build:compare")) {
      setVariableValueToObject(mojo, "planPhase", task);
      assertThat(mojo.engineGoalMayRun()).as(task).isTrue();
    }
    for (String task : List.of("validate", "initialize", "test", "docker-build:publish", "docker-build:verify", "build")) {
      setVariableValueToObject(mojo, "planPhase", task);
      assertThat(mojo.engineGoalMayRun()).as(task).isFalse();
    }
    setVariableValueToObject(mojo, "planPhase", "deploy");
    setVariableValueToObject(mojo, "skip", true);
    assertThat(mojo.engineGoalMayRun()).as("a skipped module").isFalse();
  }

  @Test
  @InjectMojo(goal = "build", pom = POM)
  @MojoParameter(name = "skipBuild", value = "true")
  void build_skipFlag_oneLine(BuildMojo mojo) throws Exception {
    mojo.execute();

    assertThat(log.info).containsExactly("Skipping: docker.build.skip is true");
  }

  @Test
  @InjectMojo(goal = "build", pom = POM)
  @MojoParameter(name = "parallelism", value = "0")
  void build_parallelismZero_isRefused(BuildMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(failure("<parallelism> (-Ddocker.parallelism) '0' is not a positive number: give how many platforms"
            + " may build at once, e.g. 4, or set <serial>true</serial>"));
  }

  @Test
  @InjectMojo(goal = "preflight", pom = POM)
  @MojoParameter(name = "timeout", value = "0")
  void preflight_badTimeout_isReportedBeforeTheEngineIsAsked(PreflightMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(failure("<timeout> (-Ddocker.build.timeout) '0' is not a positive number of seconds: give the longest"
            + " a platform build may take, e.g. 3600"));
  }

  @Test
  @InjectMojo(goal = "verify", pom = POM)
  void verify_noPolicy_cacheSourcesUsedAsConfigured(VerifyMojo mojo) throws Exception {
    mojo.execute();

    assertThat(log.lines).contains(
        "cache source ghcr.io/example/amd64-demo:cache: not verified (no <cachePolicy> is configured)",
        "cache source ghcr.io/example/aarch64-demo:cache: not verified (no <cachePolicy> is configured)");
  }

  @Test
  @InjectMojo(goal = "verify", pom = POM)
  @MojoParameter(name = "attempts", value = "0")
  void verify_attemptsZero_isRefused(VerifyMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(IMAGE + "<attempts> (-Ddocker.verify.attempts) '0' is less than 1");
  }

  @Test
  @InjectMojo(goal = "publish", pom = POM)
  void publish_buildThatDoesNotPush_publishesNothing_oneLine(PublishMojo mojo) throws Exception {
    mojo.execute();

    assertThat(log.info).contains(
        "Not publishing ghcr.io/example/demo: this local build does not push (-Ddocker.push=true to publish)");
    assertThat(store().file()).doesNotExist();
  }

  @Test
  @InjectMojo(goal = "publish", pom = POM)
  @MojoParameter(name = "push", value = "true")
  @MojoParameter(name = "digests", value = "linux/arm64")
  void publish_badDigests_areReportedBeforeAnyRegistryCall(PublishMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(failure("<digests> (-Ddocker.publish.digests) 'linux/arm64' is not PLATFORM=DIGEST: write"
            + " linux/arm64=sha256:<64 hex>"));
  }

  @Test
  @InjectMojo(goal = "publish", pom = POM)
  @MojoParameter(name = "push", value = "true")
  void publish_settingsServerForTheRegistryWithoutPassword_isRefusedNotPassedOver(PublishMojo mojo) throws Exception {
    org.apache.maven.settings.Settings settings = new org.apache.maven.settings.Settings();
    org.apache.maven.settings.Server server = new org.apache.maven.settings.Server();
    server.setId("ghcr.io");
    server.setUsername("ci");
    settings.addServer(server);
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(mojo, "settings", settings);

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(failure("settings.xml <server> 'ghcr.io' has no <password>: give both (mvn --encrypt-password"
            + " encrypts the password), or remove the server to use docker's own login for ghcr.io"));
  }

  @Test
  @InjectMojo(goal = "verify", pom = POM)
  @MojoParameter(name = "skipVerify", value = "true")
  void verify_skipped_leavesNoEarlierOutcomeForTheBuildToApply(VerifyMojo mojo) throws Exception {
    store().write(io.github.dockerbuild.record.BuildRecord.empty("org.example:demo").withVerify(
        new io.github.dockerbuild.record.BuildRecord.Verify("t", java.util.List.of(
            new io.github.dockerbuild.record.BuildRecord.Verification(io.github.dockerbuild.domain.InputRole.CACHE,
                "e", "ghcr.io/example/amd64-demo:cache", null, io.github.dockerbuild.domain.VerifyOutcome.DROPPED,
                "signature", "unsigned", null, null)))));

    mojo.execute();

    assertThat(log.info).containsExactly("Skipping: docker.verify.skip is true");
    assertThat(store().read().orElseThrow().verify()).isNull();
  }

  @Test
  @InjectMojo(goal = "verify", pom = POM)
  @MojoParameter(name = "cachePolicy", value = "")
  void verify_plan_listsEveryInputItWillCheck(VerifyMojo mojo) throws Exception {
    BuildPlan plan = mojo.plan();

    assertThat(plan.verify().targets()).extracting(t -> t.role() + " " + t.reference()).containsExactly(
        "CACHE ghcr.io/example/amd64-demo:cache", "CACHE ghcr.io/example/aarch64-demo:cache");
    assertThat(plan.verify().cachePolicy()).isNull();
    assertThat(io.github.dockerbuild.report.PlanText.lines(plan)).contains("  verify: base images not verified (no"
        + " <basePolicy>); cache sources not verified (no <cachePolicy>); formats legacy, bundle",
        "    cache source ghcr.io/example/aarch64-demo:cache");
  }
}
