package io.github.dockerbuild.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.github.dockerbuild.domain.Mode;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.config.InvalidConfigurationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataCalculatorTest {
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String GIT_SHA = "fedcba9876543210fedcba9876543210fedcba98";
  static final Instant NOW = Instant.parse("2026-03-04T05:06:07.890Z");
  static final String OCI = "org.opencontainers.image.";

  private Settings settings;
  private Project project;
  private Map<String, String> env;
  private String git;

  @BeforeEach
  void defaults() {
    settings = new Settings();
    project = new Project();
    env = new HashMap<>();
    git = null;
  }

  /** Mutable stand-in for {@link MetadataSettings}, with the mojo's defaults. */
  static final class Settings {
    String image = "ghcr.io/org/app";
    String archImage = "{image}";
    List<String> tags = new ArrayList<>();
    String latest = "auto";
    String version;
    boolean versionFromCi = true;
    String mode = "auto";
    Boolean push;
    String revision;
    Map<String, String> buildArgs = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> archAliases = new LinkedHashMap<>();
    String versionArg = "BUILD_VERSION";
    String dateArg = "BUILD_DATE";
    String archArg = "BUILD_ARCH";
    String repositoryArg = "BUILD_REPOSITORY";
    java.util.Set<String> allowedSecretBuildArgs = java.util.Set.of();
    List<String> pushModes = List.of();

    MetadataSettings build() {
      return new MetadataSettings(image, archImage, tags, latest, version, versionFromCi, mode, push, revision,
          buildArgs, labels, archAliases, versionArg, dateArg, archArg, repositoryArg, allowedSecretBuildArgs,
          pushModes);
    }
  }

  /** Mutable stand-in for {@link ProjectInfo}. */
  static final class Project {
    String artifactId = "app";
    String version = "1.4.0-SNAPSHOT";
    String name = "My App";
    String description = "Does things";
    String url = "https://example.org/app";
    String scmUrl = "https://github.com/org/app";
    List<String> licenses = List.of("Apache-2.0");
    String outputTimestamp;

    ProjectInfo build() {
      return new ProjectInfo(artifactId, version, name, description, url, scmUrl, licenses, outputTimestamp);
    }
  }

  private BuildMetadata compute() {
    return MetadataCalculator.compute(settings.build(), project.build(), new CiEnvironment(env), git, NOW);
  }

  private List<String> problems() {
    InvalidConfigurationException e = catchThrowableOfType(InvalidConfigurationException.class, this::compute);
    assertThat(e).as("expected an InvalidConfigurationException").isNotNull();
    return e.problems();
  }

  // ---------------------------------------------------------------- checked once, for the plan

  static Stream<Arguments> tagsThatHoldNoTag() {
    return Stream.of(
        arguments("-Ddocker.tags=", Arrays.asList(""), "''"),
        arguments("-Ddocker.tags=,,", Arrays.asList("", "", ""), "',,'"),
        arguments("<tags><tag/></tags>", Arrays.asList((String) null), "''"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tagsThatHoldNoTag")
  void tags_givenButAllBlank_areRefusedNotReplacedByTheVersion(String what, List<String> tags, String shown) {
    settings.tags = tags;
    env.putAll(Map.of("CI", "true", "GITHUB_REF", "refs/tags/v1.2.3", "GITHUB_SHA", SHA));

    assertThat(problems()).containsExactly("<tags> (-Ddocker.tags) " + shown + " holds no tag: give at least one tag"
        + " such as {version}, or leave <tags> unset for {version}");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"MY ARG", "1ST", "A-B", "A.B", "A=B"})
  void buildArgs_namesADockerfileCannotDeclare_areRefused(String name) {
    settings.buildArgs.put(name, "x");

    assertThat(problems()).containsExactly("<buildArgs> '" + name + "' is not a build arg name: use letters, digits"
        + " and '_', not starting with a digit, as the Dockerfile's ARG does");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"my label", "a=b", "tab\tlabel"})
  void labels_namesWithBlanksOrEquals_areRefused(String name) {
    settings.labels.put(name, "x");

    assertThat(problems()).containsExactly("<labels> '" + name + "' is not a label name: use letters, digits, '.', '-',"
        + " '_' and '/', such as org.example.owner");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NPM_TOKEN", "db_password", "AWS_SECRET_ACCESS_KEY", "API_KEY", "GH_PRIVATE_KEY", "CREDENTIALS"})
  void buildArgs_thatLookLikeSecrets_areRefusedPointingToSecrets(String name) {
    settings.buildArgs.put(name, "s3cr3t");

    String id = name.toLowerCase(java.util.Locale.ROOT);
    assertThat(problems()).containsExactly("<buildArgs><" + name + "> looks like a secret, and build args stay in the"
        + " image's history: pass it as a BuildKit secret (<secrets><secret><id>" + id + "</id><env>" + name
        + "</env></secret></secrets>, and RUN --mount=type=secret,id=" + id + " in the Dockerfile), or, if it holds no"
        + " secret, list it in <allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs)");
  }

  static Stream<Arguments> injectedArgNames() {
    return Stream.of(
        arguments("<versionArg> (-Ddocker.versionArg)", (java.util.function.Consumer<Settings>) s -> s.versionArg = "BUILD VERSION", "BUILD VERSION"),
        arguments("<dateArg> (-Ddocker.dateArg)", (java.util.function.Consumer<Settings>) s -> s.dateArg = "1DATE", "1DATE"),
        arguments("<archArg> (-Ddocker.archArg)", (java.util.function.Consumer<Settings>) s -> s.archArg = "BUILD-ARCH", "BUILD-ARCH"),
        arguments("<repositoryArg> (-Ddocker.repositoryArg)", (java.util.function.Consumer<Settings>) s -> s.repositoryArg = "A=B", "A=B"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("injectedArgNames")
  void injectedArgNames_thatNoArgCanHave_areRefused(String parameter, java.util.function.Consumer<Settings> set,
      String name) {
    set.accept(settings);

    assertThat(problems()).containsExactly(parameter + " '" + name + "' is not a build arg name: use letters, digits"
        + " and '_', not starting with a digit, or none to inject no such build arg");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"none", "NONE", ""})
  void injectedArgNames_noneOrEmpty_injectNothing(String name) {
    settings.archArg = name;

    assertThat(compute().buildArgs()).doesNotContainKey("BUILD_ARCH").containsKey("BUILD_VERSION");
  }

  @Test
  void allowSecretBuildArgs_namesThatAllowNothing_areRefused() {
    settings.buildArgs.put("NPM_TOKEN", "s3cr3t");
    settings.allowedSecretBuildArgs = java.util.Set.of("NPM_TOKN", "NOT A NAME");

    assertThat(problems()).containsExactly(
        "<allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs) 'NOT A NAME' is not a build arg name: list the names of"
            + " <buildArgs> entries, e.g. CACHE_TOKEN_URL",
        "<allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs) 'NPM_TOKN' is no <buildArgs> entry: fix the name or"
            + " remove it: it allows nothing",
        "<buildArgs><NPM_TOKEN> looks like a secret, and build args stay in the image's history: pass it as a BuildKit"
            + " secret (<secrets><secret><id>npm_token</id><env>NPM_TOKEN</env></secret></secrets>, and RUN"
            + " --mount=type=secret,id=npm_token in the Dockerfile), or, if it holds no secret, list it in"
            + " <allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs)");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"Arm64", "arm 64", "-arm", "arm/64", ""})
  void archAliases_thatCannotBePartOfARepositoryName_areRefused(String alias) {
    settings.archAliases.put("arm64", alias);

    assertThat(problems()).containsExactly("<archAliases><arm64> '" + alias + "' is not an architecture name: use"
        + " lowercase letters, digits and '.', '_' or '-' between them, such as aarch64: it becomes part of repository"
        + " names and tags");
  }

  @Test
  void version_thatIsNoTag_isNamedAsTheVersion_notAsTheTags() {
    settings.version = "1.0 beta";
    settings.tags = List.of("{version}", "stable");

    assertThat(problems()).containsExactly("<version> (-Ddocker.version) '1.0 beta' is not a valid tag, and <tags>"
        + " (-Ddocker.tags) uses it as {version}: use up to 128 letters, digits, '_', '.' and '-', not starting with"
        + " '.' or '-'");
  }

  @Test
  void projectVersion_thatIsNoTag_isNamedAsTheProjectsVersion() {
    project.version = "1.0+build.5";
    settings.versionFromCi = false;

    assertThat(problems()).singleElement().asString()
        .startsWith("<version> (the project's version) '1.0+build.5' is not a valid tag, and <tags>");
  }

  @Test
  void buildArgs_allowedSecretLookingArg_isKept_andRedactedInEveryOutput() {
    settings.buildArgs.put("NPM_TOKEN", "s3cr3t");
    settings.buildArgs.put("JAVA_VERSION", "17");
    settings.allowedSecretBuildArgs = java.util.Set.of("NPM_TOKEN");

    BuildMetadata metadata = compute();

    assertThat(metadata.buildArgs()).containsEntry("NPM_TOKEN", "s3cr3t");
    assertThat(metadata.redacted().buildArgs()).containsEntry("NPM_TOKEN", "***").containsEntry("JAVA_VERSION", "17");
    assertThat(metadata.redacted().buildArgs().values()).doesNotContain("s3cr3t");
  }

  @Test
  void buildArgsAndLabels_metadataPlaceholdersResolvedNow_platformOnesKeptForEachPlatform() {
    settings.version = "2.0.0";
    settings.buildArgs.put("APP_VERSION", "{version}");
    settings.buildArgs.put("TARGET", "{platform}");
    settings.labels.put("io.hass.arch", "{arch}");
    settings.labels.put("io.hass.version", "{version}-{mode}");

    BuildMetadata metadata = compute();

    assertThat(metadata.buildArgs()).containsEntry("APP_VERSION", "2.0.0").containsEntry("TARGET", "{platform}");
    assertThat(metadata.labels()).containsEntry("io.hass.arch", "{arch}").containsEntry("io.hass.version", "2.0.0-local");
  }

  @Test
  void buildArgsAndLabels_unknownPlaceholder_isRefusedListingTheKnownOnes() {
    settings.buildArgs.put("FROM_IMAGE", "{registry}/base");
    settings.labels.put("owner", "{team}");

    assertThat(problems()).containsExactly(
        "<buildArgs><FROM_IMAGE> '{registry}/base' uses the unknown placeholder {registry}: use {version},"
            + " {projectVersion}, {sha}, {branch}, {mode}, {artifactId}, {major}, {minor}, {patch}, {arch}, {platform}, {tag}, {image}, {archImage},"
            + " {scope}",
        "<labels><owner> '{team}' uses the unknown placeholder {team}: use {version}, {projectVersion}, {sha},"
            + " {branch}, {mode}, {artifactId}, {major}, {minor}, {patch}, {arch}, {platform}, {tag}, {image}, {archImage}, {scope}");
  }

  // ---------------------------------------------------------------- CI environments

  static Stream<Arguments> ciEnvironments() {
    return Stream.of(
        arguments("GitHub tag push",
            Map.of("CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_REF", "refs/tags/v1.2.3", "GITHUB_SHA", SHA),
            Mode.RELEASE, "1.2.3", true, List.of("1.2.3", "latest")),
        arguments("GitHub tag with capital V",
            Map.of("CI", "true", "GITHUB_REF", "refs/tags/V3.0.0", "GITHUB_SHA", SHA),
            Mode.RELEASE, "3.0.0", true, List.of("3.0.0", "latest")),
        arguments("GitHub tag without v",
            Map.of("CI", "true", "GITHUB_REF", "refs/tags/2024.05", "GITHUB_SHA", SHA),
            Mode.RELEASE, "2024.05", true, List.of("2024.05", "latest")),
        arguments("GitHub tag that is a word keeps its v",
            Map.of("CI", "true", "GITHUB_REF", "refs/tags/very-good", "GITHUB_SHA", SHA),
            Mode.RELEASE, "very-good", true, List.of("very-good", "latest")),
        arguments("GitHub branch push: builds, pushes nothing by default",
            Map.of("CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_REF", "refs/heads/main", "GITHUB_SHA", SHA),
            Mode.BRANCH, "0123456", false, List.of("0123456")),
        arguments("GitHub pull_request",
            Map.of("CI", "true", "GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "pull_request",
                "GITHUB_REF", "refs/pull/42/merge", "GITHUB_HEAD_REF", "feature/x", "GITHUB_SHA", SHA),
            Mode.PULL_REQUEST, "0123456", false, List.of("0123456")),
        arguments("GitHub pull_request_target on the base branch",
            Map.of("CI", "true", "GITHUB_EVENT_NAME", "pull_request_target", "GITHUB_REF", "refs/heads/main",
                "GITHUB_SHA", SHA),
            Mode.PULL_REQUEST, "0123456", false, List.of("0123456")),
        arguments("GitLab tag pipeline",
            Map.of("CI", "true", "GITLAB_CI", "true", "CI_COMMIT_TAG", "v2.0.0", "CI_COMMIT_REF_NAME", "v2.0.0",
                "CI_COMMIT_SHA", SHA),
            Mode.RELEASE, "2.0.0", true, List.of("2.0.0", "latest")),
        arguments("GitLab merge request",
            Map.of("CI", "true", "CI_MERGE_REQUEST_IID", "7", "CI_COMMIT_REF_NAME", "feat", "CI_COMMIT_SHA", SHA),
            Mode.PULL_REQUEST, "0123456", false, List.of("0123456")),
        arguments("GitLab branch",
            Map.of("CI", "true", "CI_COMMIT_REF_NAME", "main", "CI_COMMIT_SHA", SHA),
            Mode.BRANCH, "0123456", false, List.of("0123456")),
        arguments("Jenkins branch",
            Map.of("JENKINS_URL", "https://jenkins.example.org/", "BRANCH_NAME", "main", "GIT_COMMIT", SHA),
            Mode.BRANCH, "0123456", false, List.of("0123456")),
        arguments("Jenkins change request",
            Map.of("JENKINS_URL", "https://jenkins.example.org/", "CHANGE_ID", "5", "GIT_COMMIT", SHA),
            Mode.PULL_REQUEST, "0123456", false, List.of("0123456")),
        arguments("Jenkins tag",
            Map.of("JENKINS_URL", "https://jenkins.example.org/", "TAG_NAME", "v1.0.0", "GIT_COMMIT", SHA),
            Mode.RELEASE, "1.0.0", true, List.of("1.0.0", "latest")),
        arguments("CI without a commit uses the project version",
            Map.of("CI", "true"),
            Mode.BRANCH, "1.4.0-SNAPSHOT", false, List.of("1.4.0-SNAPSHOT")),
        arguments("no CI",
            Map.of(),
            Mode.LOCAL, "1.4.0-SNAPSHOT", false, List.of("1.4.0-SNAPSHOT")),
        arguments("CI=false is no CI",
            Map.of("CI", "false"),
            Mode.LOCAL, "1.4.0-SNAPSHOT", false, List.of("1.4.0-SNAPSHOT")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ciEnvironments")
  void compute_ciEnvironment(String what, Map<String, String> ciEnv, Mode mode, String version, boolean push,
      List<String> tags) {
    env.putAll(ciEnv);

    BuildMetadata metadata = compute();

    assertThat(metadata.mode()).isEqualTo(mode);
    assertThat(metadata.version()).isEqualTo(version);
    assertThat(metadata.push()).isEqualTo(push);
    assertThat(metadata.tags()).containsExactlyElementsOf(tags);
    assertThat(metadata.image()).isEqualTo("ghcr.io/org/app");
    assertThat(metadata.archImage()).isEqualTo("{image}");
  }

  @Test
  void compute_localWithGitRevision_keepsProjectVersion() {
    git = GIT_SHA;

    BuildMetadata metadata = compute();

    assertThat(metadata.mode()).isEqualTo(Mode.LOCAL);
    assertThat(metadata.version()).isEqualTo("1.4.0-SNAPSHOT");
    assertThat(metadata.revision()).isEqualTo(GIT_SHA);
    assertThat(metadata.shortRevision()).isEqualTo("fedcba9");
  }

  static Stream<Arguments> pushModeRules() {
    return Stream.of(
        arguments(List.of(), Mode.RELEASE, true),
        arguments(List.of(), Mode.BRANCH, false),
        arguments(List.of("release"), Mode.PULL_REQUEST, false),
        arguments(List.of("release", "branch"), Mode.BRANCH, true),
        arguments(List.of(" Branch "), Mode.RELEASE, false),
        arguments(List.of("pull_request"), Mode.PULL_REQUEST, true),
        arguments(List.of("none"), Mode.RELEASE, false),
        arguments(List.of("local"), Mode.LOCAL, true));
  }

  @ParameterizedTest(name = "pushModes={0}, mode {1}: push {2}")
  @MethodSource("pushModeRules")
  void pushModes_decideWhichModesPush(List<String> pushModes, Mode mode, boolean push) {
    settings.pushModes = pushModes;
    settings.mode = mode.id();

    assertThat(compute().push()).isEqualTo(push);
  }

  @Test
  void pushModes_theExplicitPushWins() {
    settings.pushModes = List.of("release");
    settings.mode = "branch";
    settings.push = true;

    assertThat(compute().push()).isTrue();
  }

  @Test
  void pushModes_aWordThatIsNoMode_isRefused() {
    settings.pushModes = List.of("release", "main", "auto");

    assertThat(problems()).containsExactly(
        "<pushModes> (-Ddocker.pushModes) 'main' is not a build mode: list the modes whose builds push: release, branch,"
            + " pull-request, local, or none",
        "<pushModes> (-Ddocker.pushModes) 'auto' is not a build mode: list the modes whose builds push: release, branch,"
            + " pull-request, local, or none");
  }

  @Test
  void compute_ciBranchWithoutCiSha_usesGitForVersion() {
    env.put("CI", "true");
    git = GIT_SHA;

    assertThat(compute().version()).isEqualTo("fedcba9");
  }

  // ---------------------------------------------------------------- overrides

  static Stream<Arguments> overrides() {
    Map<String, String> tagEnv = Map.of("CI", "true", "GITHUB_REF", "refs/tags/v1.2.3", "GITHUB_SHA", SHA);
    Map<String, String> branchEnv = Map.of("CI", "true", "GITHUB_REF", "refs/heads/main", "GITHUB_SHA", SHA);
    Map<String, String> local = Map.of();
    return Stream.of(
        arguments("explicit version beats the release tag", tagEnv, "9.9.9", true, "auto", null,
            Mode.RELEASE, "9.9.9", true, List.of("9.9.9", "latest")),
        arguments("explicit version is trimmed", local, " 2.0 ", true, "auto", null,
            Mode.LOCAL, "2.0", false, List.of("2.0")),
        arguments("mode release outside CI: project version, push, no latest for a snapshot", local, null, true,
            "release", null, Mode.RELEASE, "1.4.0-SNAPSHOT", true, List.of("1.4.0-SNAPSHOT")),
        arguments("mode local on a tag build: no push, no latest", tagEnv, null, true, "local", null,
            Mode.LOCAL, "1.4.0-SNAPSHOT", false, List.of("1.4.0-SNAPSHOT")),
        arguments("mode pull-request on a branch build: no push", branchEnv, null, true, "pull-request", null,
            Mode.PULL_REQUEST, "0123456", false, List.of("0123456")),
        arguments("mode by enum name", branchEnv, null, true, "PULL_REQUEST", null,
            Mode.PULL_REQUEST, "0123456", false, List.of("0123456")),
        arguments("mode branch in CI", tagEnv, null, true, "branch", null,
            Mode.BRANCH, "0123456", false, List.of("0123456")),
        arguments("push false on a release", tagEnv, null, true, "auto", false,
            Mode.RELEASE, "1.2.3", false, List.of("1.2.3", "latest")),
        arguments("push true locally", local, null, true, "auto", true,
            Mode.LOCAL, "1.4.0-SNAPSHOT", true, List.of("1.4.0-SNAPSHOT")),
        arguments("versionFromCi false on a tag build: the snapshot gets no latest", tagEnv, null, false, "auto", null,
            Mode.RELEASE, "1.4.0-SNAPSHOT", true, List.of("1.4.0-SNAPSHOT")),
        arguments("a pre-release tag gets no latest", Map.of("CI", "true", "GITHUB_REF", "refs/tags/v1.4.0-rc.1",
            "GITHUB_SHA", SHA), null, true, "auto", null, Mode.RELEASE, "1.4.0-rc.1", true, List.of("1.4.0-rc.1")),
        arguments("versionFromCi false on a branch build", branchEnv, null, false, "auto", null,
            Mode.BRANCH, "1.4.0-SNAPSHOT", false, List.of("1.4.0-SNAPSHOT")),
        arguments("blank mode is auto", tagEnv, null, true, " ", null,
            Mode.RELEASE, "1.2.3", true, List.of("1.2.3", "latest")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overrides")
  void compute_explicitSettingsOverrideCi(String what, Map<String, String> ciEnv, String version,
      boolean versionFromCi, String mode, Boolean push, Mode expectedMode, String expectedVersion,
      boolean expectedPush, List<String> expectedTags) {
    env.putAll(ciEnv);
    settings.version = version;
    settings.versionFromCi = versionFromCi;
    settings.mode = mode;
    settings.push = push;

    BuildMetadata metadata = compute();

    assertThat(metadata.mode()).isEqualTo(expectedMode);
    assertThat(metadata.version()).isEqualTo(expectedVersion);
    assertThat(metadata.push()).isEqualTo(expectedPush);
    assertThat(metadata.tags()).containsExactlyElementsOf(expectedTags);
  }

  @Test
  void compute_badMode_namesParameterAndChoices() {
    settings.mode = "prod";

    assertThat(problems()).containsExactly("<mode> (-Ddocker.mode) 'prod' is not a build mode: use auto, release, branch, "
        + "pull-request or local");
  }

  @ParameterizedTest(name = "setting={0} ci={1} git={2} -> {3}")
  @CsvSource(nullValues = "NULL", value = {
    "' abc1234def ', " + SHA + ", " + GIT_SHA + ", abc1234def",
    "NULL, " + SHA + ", " + GIT_SHA + ", " + SHA,
    "'  ', " + SHA + ", " + GIT_SHA + ", " + SHA,
    "NULL, NULL, " + GIT_SHA + ", " + GIT_SHA,
    "NULL, NULL, NULL, NULL"
  })
  void compute_revisionPrecedence_settingThenCiThenGit(String setting, String ciSha, String gitSha, String expected) {
    settings.revision = setting;
    if (ciSha != null) {
      env.put("GITHUB_SHA", ciSha);
    }
    git = gitSha;

    BuildMetadata metadata = compute();

    assertThat(metadata.revision()).isEqualTo(expected);
    if (expected == null) {
      assertThat(metadata.labels()).doesNotContainKey(OCI + "revision");
    } else {
      assertThat(metadata.labels()).containsEntry(OCI + "revision", expected);
    }
  }

  // ---------------------------------------------------------------- dates

  @ParameterizedTest(name = "outputTimestamp={0} SOURCE_DATE_EPOCH={1} -> {2} from {3}")
  @CsvSource(nullValues = "NULL", value = {
    "2026-11-28T00:00:00Z,      NULL,       2026-11-28T00:00:00Z, project.build.outputTimestamp, 1795824000",
    "2026-11-28T02:00:00+02:00, NULL,       2026-11-28T00:00:00Z, project.build.outputTimestamp, 1795824000",
    "' 2026-11-28T00:00:00.750Z ', NULL,    2026-11-28T00:00:00Z, project.build.outputTimestamp, 1795824000",
    "1700000000,                NULL,       2023-11-14T22:13:20Z, project.build.outputTimestamp, 1700000000",
    "2026-11-28T00:00:00Z,      1700000000, 2026-11-28T00:00:00Z, project.build.outputTimestamp, 1795824000",
    "NULL,                      1700000000, 2023-11-14T22:13:20Z, SOURCE_DATE_EPOCH,             1700000000",
    "'',                        ' 1700000000 ', 2023-11-14T22:13:20Z, SOURCE_DATE_EPOCH,         1700000000",
    "1,                         1700000000, 2023-11-14T22:13:20Z, SOURCE_DATE_EPOCH,             1700000000",
    "1,                         NULL,       2026-03-04T05:06:07Z, clock,                         NULL",
    "NULL,                      NULL,       2026-03-04T05:06:07Z, clock,                         NULL",
    // Maven 4's super POM default is no date of the project's
    "1980-02-01T00:00:00Z,      NULL,       2026-03-04T05:06:07Z, clock,                         NULL",
    "' 1980-02-01T00:00:00Z ',  1700000000, 2023-11-14T22:13:20Z, SOURCE_DATE_EPOCH,             1700000000",
    "1980-02-01T00:00:01Z,      NULL,       1980-02-01T00:00:01Z, project.build.outputTimestamp, 318211201"
  })
  void compute_dateSources(String outputTimestamp, String sourceDateEpoch, String created, String source, Long epoch) {
    project.outputTimestamp = outputTimestamp;
    if (sourceDateEpoch != null) {
      env.put("SOURCE_DATE_EPOCH", sourceDateEpoch);
    }

    BuildMetadata metadata = compute();

    assertThat(metadata.created()).isEqualTo(created);
    assertThat(metadata.createdSource()).isEqualTo(source);
    assertThat(metadata.sourceDateEpoch()).isEqualTo(epoch);
    assertThat(metadata.labels()).containsEntry(OCI + "created", created);
    assertThat(metadata.buildArgs()).containsEntry("BUILD_DATE", created);
    if (epoch == null) {
      assertThat(metadata.buildArgs()).doesNotContainKey("SOURCE_DATE_EPOCH");
    } else {
      assertThat(metadata.buildArgs()).containsEntry("SOURCE_DATE_EPOCH", Long.toString(epoch));
    }
  }

  @Test
  void compute_badOutputTimestamp_namesPropertyAndFix() {
    project.outputTimestamp = "last tuesday";

    assertThat(problems()).containsExactly("<project.build.outputTimestamp> 'last tuesday' is not a date: "
        + "use ISO-8601 with offset like 2026-01-01T00:00:00Z, or seconds since 1970");
  }

  @Test
  void compute_oneCharacterOutputTimestamp_isNotSet() {
    project.outputTimestamp = "a";
    env.put("SOURCE_DATE_EPOCH", "1700000000");

    BuildMetadata metadata = compute();

    assertThat(metadata.createdSource()).isEqualTo("SOURCE_DATE_EPOCH");
    assertThat(metadata.created()).isEqualTo("2023-11-14T22:13:20Z");
  }

  @Test
  void compute_badSourceDateEpoch_namesVariableAndFix() {
    env.put("SOURCE_DATE_EPOCH", "yesterday");

    assertThat(problems()).containsExactly("SOURCE_DATE_EPOCH (environment) 'yesterday' is not a number of seconds: "
        + "unset it or give seconds since 1970-01-01");
  }

  // ---------------------------------------------------------------- labels

  @Test
  void compute_labels_fullOciSetInOrder() {
    env.put("GITHUB_SHA", SHA);
    project.outputTimestamp = "2026-11-28T00:00:00Z";

    assertThat(compute().labels()).containsExactly(
        entry(OCI + "created", "2026-11-28T00:00:00Z"),
        entry(OCI + "version", "1.4.0-SNAPSHOT"),
        entry(OCI + "revision", SHA),
        entry(OCI + "source", "https://github.com/org/app"),
        entry(OCI + "url", "https://example.org/app"),
        entry(OCI + "title", "My App"),
        entry(OCI + "description", "Does things"),
        entry(OCI + "licenses", "Apache-2.0"));
  }

  @Test
  void compute_labels_userLabelWinsAndUserLabelsFollowSorted() {
    settings.labels.put("zeta", "z");
    settings.labels.put(OCI + "title", "Custom title");
    settings.labels.put("alpha", "a");
    settings.labels.put("empty", "");

    Map<String, String> labels = compute().labels();

    assertThat(labels).containsEntry(OCI + "title", "Custom title");
    assertThat(new ArrayList<>(labels.keySet())).containsExactly(
        OCI + "created", OCI + "version", OCI + "source", OCI + "url", OCI + "title", OCI + "description",
        OCI + "licenses", "alpha", "empty", "zeta");
    assertThat(labels).containsEntry("empty", "");
  }

  @Test
  void compute_labels_blankValuesOmittedAndFallbacksUsed() {
    project.name = " ";
    project.description = "  ";
    project.url = null;
    project.licenses = List.of();

    Map<String, String> labels = compute().labels();

    assertThat(labels).doesNotContainKeys(OCI + "description", OCI + "licenses", OCI + "revision");
    assertThat(labels).containsEntry(OCI + "title", "app").containsEntry(OCI + "url", "https://github.com/org/app");
  }

  @Test
  void compute_labels_noSourceAnywhere_omitsSourceAndUrl() {
    project.url = "";
    project.scmUrl = null;

    Map<String, String> labels = compute().labels();

    assertThat(labels).doesNotContainKeys(OCI + "source", OCI + "url");
    assertThat(compute().buildArgs()).containsEntry("BUILD_REPOSITORY", "");
  }

  @Test
  void compute_labels_valuesTrimmed() {
    project.description = "  spaced out  ";

    assertThat(compute().labels()).containsEntry(OCI + "description", "spaced out");
  }

  @Test
  void compute_labels_licensesJoinedWithOr() {
    project.licenses = List.of("MIT", "Apache-2.0");

    assertThat(compute().labels()).containsEntry(OCI + "licenses", "MIT OR Apache-2.0");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      scm url wins            | https://git.example.org/app | https://github.com | org/app | https://gitlab.example.org/g/app | https://git.example.org/app
      GitHub server and repo  | NULL                        | https://github.com | org/app | https://gitlab.example.org/g/app | https://github.com/org/app
      GitLab project url      | NULL                        | NULL               | org/app | https://gitlab.example.org/g/app | https://gitlab.example.org/g/app
      nothing                 | NULL                        | NULL               | NULL    | NULL                             | NULL
      """)
  void compute_source_scmThenCi(String what, String scm, String server, String repo, String gitlab, String expected) {
    project.scmUrl = scm;
    putIfNotNull("GITHUB_SERVER_URL", server);
    putIfNotNull("GITHUB_REPOSITORY", repo);
    putIfNotNull("CI_PROJECT_URL", gitlab);

    BuildMetadata metadata = compute();

    assertThat(metadata.source()).isEqualTo(expected);
    assertThat(metadata.buildArgs().get("BUILD_REPOSITORY")).isEqualTo(expected == null ? "" : expected);
  }

  private void putIfNotNull(String key, String value) {
    if (value != null) {
      env.put(key, value);
    }
  }

  @Test
  void compute_blankLabelName_reported() {
    settings.labels.put(" ", "x");

    assertThat(problems()).containsExactly("<labels> ' ' has an empty name: give every label a name");
  }

  // ---------------------------------------------------------------- build args

  @Test
  void compute_buildArgs_injectedFirstThenUserSorted() {
    project.outputTimestamp = "1700000000";
    settings.buildArgs.put("ZED", "z");
    settings.buildArgs.put("ALPHA", "a");
    settings.buildArgs.put("MID", "m");

    assertThat(compute().buildArgs()).containsExactly(
        entry("BUILD_VERSION", "1.4.0-SNAPSHOT"),
        entry("BUILD_DATE", "2023-11-14T22:13:20Z"),
        entry("BUILD_ARCH", "{arch}"),
        entry("BUILD_REPOSITORY", "https://github.com/org/app"),
        entry("SOURCE_DATE_EPOCH", "1700000000"),
        entry("ALPHA", "a"),
        entry("MID", "m"),
        entry("ZED", "z"));
  }

  @Test
  void compute_buildArgs_userArgWithInjectedNameWinsInPlace() {
    settings.buildArgs.put("BUILD_VERSION", "mine");
    settings.buildArgs.put("A", "1");

    assertThat(compute().buildArgs()).containsExactly(
        entry("BUILD_VERSION", "mine"),
        entry("BUILD_DATE", "2026-03-04T05:06:07Z"),
        entry("BUILD_ARCH", "{arch}"),
        entry("BUILD_REPOSITORY", "https://github.com/org/app"),
        entry("A", "1"));
  }

  @Test
  void compute_buildArgs_customAndBlankInjectedNames() {
    settings.versionArg = " APP_VERSION ";
    settings.dateArg = "";
    settings.archArg = null;
    settings.repositoryArg = "  ";

    assertThat(compute().buildArgs()).containsExactly(entry("APP_VERSION", "1.4.0-SNAPSHOT"));
  }

  @Test
  void compute_blankBuildArgName_reported() {
    settings.buildArgs.put("", "x");

    assertThat(problems()).containsExactly("<buildArgs> '' has an empty name: give every build arg a name");
  }

  @Test
  void compute_archAliasesPassedThrough() {
    settings.archAliases.put("arm64", "aarch64");

    assertThat(compute().archAliases()).containsExactly(entry("arm64", "aarch64"));
  }

  // ---------------------------------------------------------------- tags

  @Test
  void compute_tags_everyPlaceholder() {
    env.putAll(Map.of("CI", "true", "GITHUB_REF", "refs/heads/feature/Big_Thing", "GITHUB_SHA", SHA));
    settings.tags = List.of("{version}", "{projectVersion}", "{sha}", "{branch}", "{mode}", "{artifactId}",
        "{branch}-{sha}");

    assertThat(compute().tags()).containsExactly("0123456", "1.4.0-SNAPSHOT", "feature-Big_Thing", "branch",
        "app", "feature-Big_Thing-0123456");
  }

  @Test
  void compute_tags_duplicatesAndBlanksDropped() {
    settings.tags = List.of("", "{version}", "  ", "1.4.0-SNAPSHOT", " stable ", "stable");

    assertThat(compute().tags()).containsExactly("1.4.0-SNAPSHOT", "stable");
  }

  @Test
  void compute_tags_emptyAfterResolutionDropped() {
    settings.tags = List.of("{sha}", "{branch}", "{version}");

    assertThat(compute().tags()).containsExactly("1.4.0-SNAPSHOT");
  }

  @ParameterizedTest(name = "{0} -> ''{1}''")
  @CsvSource(delimiter = '|', textBlock = """
      bad tag!        | bad tag!
      -{version}      | -1.4.0-SNAPSHOT
      .hidden         | .hidden
      v1+build        | v1+build
      """)
  void compute_tags_invalidTag_reportedWithResolvedValue(String pattern, String tag) {
    settings.tags = List.of("{version}", pattern);

    assertThat(problems()).containsExactly("<tags> (-Ddocker.tags) '" + tag + "' is not a valid tag: "
        + "use up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
  }

  @Test
  void compute_tags_tooLong_reported() {
    settings.tags = List.of("ok", "x".repeat(129));

    assertThat(problems()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("<tags> (-Ddocker.tags) 'xxxx").contains("is not a valid tag");
  }

  @Test
  void compute_tags_onlyTagInvalid_reportedOnce() {
    settings.tags = List.of("bad tag!");

    assertThat(problems()).containsExactly("<tags> (-Ddocker.tags) 'bad tag!' is not a valid tag: "
        + "use up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
  }

  @Test
  void compute_tags_unknownPlaceholder_reportedWithPattern() {
    settings.tags = List.of("{version}", "v-{commit}");

    assertThat(problems()).containsExactly("<tags> (-Ddocker.tags) 'v-{commit}' uses the unknown placeholder {commit}: "
        + "use {version}, {major}, {minor}, {patch}, {projectVersion}, {sha}, {branch}, {mode} or {artifactId}");
  }

  @ParameterizedTest(name = "latest={0} mode={1} tags={2} -> {3}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      auto    | release | {version}        | 1.4.0-SNAPSHOT
      NULL    | release | {version}        | 1.4.0-SNAPSHOT
      ' '     | release | {version}        | 1.4.0-SNAPSHOT
      auto    | branch  | {version}        | 1.4.0-SNAPSHOT
      auto    | local   | {version}        | 1.4.0-SNAPSHOT
      auto    | branch  | {version},latest | 1.4.0-SNAPSHOT,latest
      always  | local   | {version}        | 1.4.0-SNAPSHOT,latest
      ALWAYS  | local   | {version}        | 1.4.0-SNAPSHOT,latest
      always  | local   | latest,{version} | latest,1.4.0-SNAPSHOT
      never   | release | {version}        | 1.4.0-SNAPSHOT
      never   | local   | {version},latest | 1.4.0-SNAPSHOT
      """)
  void compute_latestRule(String latest, String mode, String tags, String expected) {
    settings.latest = latest;
    settings.mode = mode;
    settings.tags = List.of(tags.split(","));

    assertThat(compute().tags()).containsExactly(expected.split(","));
  }

  @ParameterizedTest(name = "version {0}, mode {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      1.4.2          | release | 1.4.2,1.4,1,latest
      v1.4.2         | release | v1.4.2,1.4,1,latest
      V2.0.0         | release | V2.0.0,2.0,2,latest
      1.4            | release | 1.4,1,latest
      3              | release | 3,3.0,latest
      1.4.2+build.7  | release | 1.4.2+build.7,1.4,1,latest
      0.9.0          | release | 0.9.0,0.9,0,latest
      1.4.0-rc.1     | release | 1.4.0-rc.1
      1.4.0-SNAPSHOT | release | 1.4.0-SNAPSHOT
      2024.05        | release | 2024.05,latest
      very-good      | release | very-good,latest
      0123456        | branch  | 0123456
      1.4.2          | local   | 1.4.2,1.4,1
      """)
  void compute_semverPlaceholders_tagReleasesOnly(String version, String mode, String expected) {
    settings.version = version;
    settings.mode = mode;
    settings.tags = List.of("{version}", "{major}.{minor}", "{major}");

    // a tag character check applies after the placeholders: '+' is no tag character
    if (version.contains("+")) {
      settings.tags = List.of("{major}.{minor}.{patch}", "{major}.{minor}", "{major}");
      expected = expected.replace("1.4.2+build.7", "1.4.2");
    }
    assertThat(compute().tags()).containsExactly(expected.split(","));
  }

  @Test
  void compute_semverPlaceholders_onlyLeftOut_namesTheVersion() {
    settings.tags = List.of("{major}.{minor}");

    assertThat(problems()).containsExactly("<tags> (-Ddocker.tags) '{major}.{minor}' gives no tag for version "
        + "1.4.0-SNAPSHOT ({major}, {minor} and {patch} give tags to released semantic versions only): "
        + "give at least one tag, e.g. {version}");
  }

  @Test
  void leftOutTags_areTheSemverPatternsOfAnUnreleasedVersion() {
    List<String> patterns = List.of("{version}", " {major}.{minor} ", "{patch}-jre", "edge");

    assertThat(MetadataCalculator.leftOutTags(patterns, "1.4.0-SNAPSHOT")).containsExactly("{major}.{minor}", "{patch}-jre");
    assertThat(MetadataCalculator.leftOutTags(patterns, "0123456")).containsExactly("{major}.{minor}", "{patch}-jre");
    assertThat(MetadataCalculator.leftOutTags(patterns, "1.4.0")).isEmpty();
  }

  @Test
  void compute_semverPlaceholders_inLabels_fromAnyVersionThatParses() {
    settings.labels.put("org.example.major", "{major}");

    assertThat(compute().labels()).containsEntry("org.example.major", "1");
  }

  @Test
  void compute_badLatest_namesParameterAndChoices() {
    settings.latest = "Sometimes";

    assertThat(problems()).containsExactly("<latest> (-Ddocker.latest) 'sometimes' is not a latest-tag rule: "
        + "use auto (on releases that are no pre-release), always or never");
  }

  @Test
  void compute_noTagLeft_reported() {
    settings.tags = List.of("{sha}", "latest");
    settings.latest = "never";

    assertThat(problems()).containsExactly("<tags> (-Ddocker.tags) '{sha},latest' gives no tag: "
        + "give at least one tag, e.g. {version}");
  }

  // ---------------------------------------------------------------- image names

  @Test
  void compute_imageDefaultsToLowercasedArtifactId() {
    settings.image = " ";
    project.artifactId = "My-Service";

    assertThat(compute().image()).isEqualTo("my-service");
  }

  @Test
  void compute_imageTrimmed() {
    settings.image = "  localhost:5000/team/app ";

    assertThat(compute().image()).isEqualTo("localhost:5000/team/app");
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"GHCR.io/Org/App", "ghcr.io/org/app:1.0", "ghcr.io/org/app@sha256:abc", "-app", "org//app"})
  void compute_invalidImage_namesParameterAndFix(String image) {
    settings.image = image;

    assertThat(problems()).first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .isEqualTo("<image> (-Ddocker.image) '" + image + "' is not a valid repository name: "
            + "use lowercase HOST[:PORT]/PATH such as ghcr.io/org/app, without tag");
    assertThatThrownBy(this::compute).hasMessageStartingWith("image " + image + ": <image> (-Ddocker.image)");
  }

  @Test
  void compute_invalidImage_reportedOnce() {
    settings.image = "ghcr.io/org/App";

    assertThat(problems()).hasSize(1);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"ghcr.io/org/{arch}-app", "{image}", "{image}-{arch}", "registry.local:5000/mirror/{arch}"})
  void compute_validArchImage(String archImage) {
    settings.archImage = archImage;

    assertThat(compute().archImage()).isEqualTo(archImage);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"ghcr.io/org/{arch}:x", "{image}:{arch}", "{img}/{arch}", "ghcr.io/Org/{arch}"})
  void compute_invalidArchImage_namesParameterAndFix(String archImage) {
    settings.archImage = archImage;

    assertThat(problems()).containsExactly("<archImage> (-Ddocker.archImage) '" + archImage
        + "' is not a valid repository pattern: use {image} or a repository with {arch}, such as ghcr.io/org/{arch}-app");
  }

  @Test
  void compute_blankArchImage_isImage() {
    settings.archImage = null;

    assertThat(compute().archImage()).isEqualTo("{image}");
  }

  @Test
  void compute_everyProblemAtOnce() {
    settings.archImage = "ghcr.io/org/{arch}:x";
    settings.mode = "prod";
    settings.latest = "maybe";
    settings.tags = List.of("{nope}", "ok");
    settings.buildArgs.put("", "x");

    assertThat(problems()).containsExactly(
        "<archImage> (-Ddocker.archImage) 'ghcr.io/org/{arch}:x' is not a valid repository pattern: "
            + "use {image} or a repository with {arch}, such as ghcr.io/org/{arch}-app",
        "<mode> (-Ddocker.mode) 'prod' is not a build mode: use auto, release, branch, pull-request or local",
        "<tags> (-Ddocker.tags) '{nope}' uses the unknown placeholder {nope}: "
            + "use {version}, {major}, {minor}, {patch}, {projectVersion}, {sha}, {branch}, {mode} or {artifactId}",
        "<latest> (-Ddocker.latest) 'maybe' is not a latest-tag rule: use auto (on releases that are no pre-release), always or never",
        "<buildArgs> '' has an empty name: give every build arg a name");
  }

  @Test
  void detectMode_tagBeatsPullRequest() {
    CiEnvironment ci = new CiEnvironment(Map.of("GITHUB_REF", "refs/tags/v1", "CHANGE_ID", "3"));

    assertThat(MetadataCalculator.detectMode(ci)).isEqualTo(Mode.RELEASE);
  }

  @Test
  void parseOutputTimestamp_isoAndEpoch() {
    assertThat(MetadataCalculator.parseOutputTimestamp("1700000000")).isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(MetadataCalculator.parseOutputTimestamp("2026-01-01T01:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }
}
