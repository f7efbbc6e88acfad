package io.github.dockerbuild.mojo;

import io.github.dockerbuild.engine.DockerEndpointResolver;
import io.github.dockerbuild.config.LazyLibrary;
import io.github.dockerbuild.engine.EngineProbe;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.ProcessRunner;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.metadata.CiEnvironment;
import io.github.dockerbuild.record.RecordStore;
import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.lifecycle.LifecycleExecutor;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Parameters every image goal shares (what the image is called and how it is tagged), the skip
 * rules, and the translation of the stages' typed failures into one-line Maven errors. No stage
 * logic lives here.
 */
abstract class AbstractImageMojo extends AbstractMojo {
  private static final String PLAN_KEY = "io.github.dockerbuild.plan";

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  protected MojoExecution mojoExecution;

  @Component
  private LifecycleExecutor lifecycle;

  @Component
  private MavenPluginManager pluginManager;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Component
  private RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
  private RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true)
  private List<RemoteRepository> pluginRepositories;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /**
   * Skips every goal of this plugin.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  protected boolean skip;

  /**
   * The Dockerfile. A module without one is skipped, so the plugin can be bound in a parent POM.
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DOCKERFILE, defaultValue = "${project.basedir}/Dockerfile")
  protected File dockerfile;

  /**
   * The multi-arch image repository without tag, e.g. {@code ghcr.io/org/app}. Default: the
   * artifactId (a local image name).
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMAGE)
  protected String image;

  /**
   * Repository of the per-arch images: <code>{image}</code> (default; per-arch tags get an
   * {@code -ARCH} suffix) or a pattern with <code>{arch}</code> such as <code>ghcr.io/org/{arch}-app</code>.
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ARCH_IMAGE, defaultValue = "{image}")
  protected String archImage;

  /**
   * Tags, the first is the primary one. Placeholders: <code>{version}</code>, <code>{projectVersion}</code>,
   * <code>{sha}</code>, <code>{branch}</code>, <code>{mode}</code>, <code>{artifactId}</code>, and, from a
   * semantic version (a leading <code>v</code> dropped), <code>{major}</code>, <code>{minor}</code>,
   * <code>{patch}</code>: a tag using one of these three is given to released versions only, not to a
   * pre-release such as <code>1.4.0-rc.1</code> or <code>-SNAPSHOT</code> nor to a version that is no
   * semantic version (a branch build's commit). Default <code>{version}</code>.
   * Blank and duplicate tags are dropped.
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TAGS)
  protected List<String> tags;

  /**
   * When to add {@code latest}: {@code auto} (release builds whose version is no pre-release such
   * as {@code 1.4.0-rc.1}), {@code always}, {@code never}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LATEST, defaultValue = "auto")
  protected String latest;

  /**
   * An explicit image version; default: from CI (release tag, or short SHA), else the project version.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERSION)
  protected String version;

  /**
   * Derive the version from CI: the release tag on tag builds, the short SHA on branch and PR builds.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERSION_FROM_CI, defaultValue = "true")
  protected boolean versionFromCi;

  /**
   * The build mode: {@code auto} (from CI variables), {@code release}, {@code branch},
   * {@code pull-request} or {@code local}. Which modes push is {@code <pushModes>}'.
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.MODE, defaultValue = "auto")
  protected String mode;

  /**
   * The modes whose builds push, sign and publish when {@code <push>} is not set, e.g.
   * {@code <pushModes><mode>release</mode><mode>branch</mode></pushModes>} or
   * {@code -Ddocker.pushModes=release,branch}; {@code none} for no mode. By default a release alone
   * pushes: a branch build that pushed would move a constant tag such as {@code 3.23} to an
   * unreleased build.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUSH_MODES, defaultValue = "release")
  protected List<String> pushModes;

  /**
   * Push (and later publish and sign) or not, overriding the mode and {@code <pushModes>}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PUSH)
  protected Boolean push;

  /**
   * The commit; default from CI variables, else {@code git rev-parse HEAD}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REVISION)
  protected String revision;

  /**
   * Build args added after the injected ones; a user arg with an injected name wins.
   *
   * @since 0.1.0
   */
  @Parameter
  protected Map<String, String> buildArgs;

  /**
   * Labels added after the OCI ones; a user label wins.
   *
   * @since 0.1.0
   */
  @Parameter
  protected Map<String, String> labels;

  /**
   * Build args whose names look like secrets ({@code *TOKEN*}, {@code *PASSWORD*}, {@code *SECRET*},
   * ...) that are allowed anyway, e.g. {@code <allowSecretBuildArgs><name>CACHE_TOKEN_URL</name>}.
   * Without this such a build arg is refused: build args stay in the image's history, and
   * {@code <secrets>} (BuildKit secret mounts) is the way to give a build a secret. An allowed one's
   * value is redacted in this plugin's log, build record, plan and report.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ALLOW_SECRET_BUILD_ARGS)
  protected List<String> allowSecretBuildArgs;

  /**
   * Names for architectures in <code>{arch}</code> and the arch build arg, keyed by Docker's name
   * ({@code amd64}, {@code arm64}, {@code armv7}), e.g. {@code <arm64>aarch64</arm64>}.
   * @since 0.1.0
   */
  @Parameter
  protected Map<String, String> archAliases;

  /**
   * Name of the injected version build arg; none to not inject it.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERSION_ARG, defaultValue = "BUILD_VERSION")
  protected String versionArg;

  /**
   * Name of the injected build-date build arg; none to not inject it.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DATE_ARG, defaultValue = "BUILD_DATE")
  protected String dateArg;

  /**
   * Name of the injected architecture build arg; none to not inject it.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ARCH_ARG, defaultValue = "BUILD_ARCH")
  protected String archArg;

  /**
   * Name of the injected repository-URL build arg; none to not inject it.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPOSITORY_ARG, defaultValue = "BUILD_REPOSITORY")
  protected String repositoryArg;

  /**
   * Platforms, e.g. {@code linux/amd64,linux/arm64}; default: the engine's own (build) or those of
   * the build record (publish).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PLATFORMS)
  protected List<String> platforms;

  /**
   * The docker CLI.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.EXECUTABLE, defaultValue = "docker")
  protected String dockerExecutable;

  /**
   * Where the build record and per-platform results are written.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.build.directory}/docker-build", readonly = true)
  protected File workDirectory;

  /**
   * Before the verify or sign stage runs: how sigstore-java and Bouncy Castle join the plugin realm
   * when keyless work or a signing key first asks for them ({@link LazyLibrary#SIGSTORE},
   * {@link LazyLibrary#BOUNCY_CASTLE}; once per realm, see {@link RealmLibrary}). Nothing is resolved here.
   */
  protected final void offerSignatureLibraries() {
    RealmLibrary.offer(resolution(), getLog()::info, RealmLibrary.SIGSTORE, RealmLibrary.BOUNCY_CASTLE);
  }

  private RealmLibrary.Resolution resolution() {
    return new RealmLibrary.Resolution(repositorySystem, repositorySession,
        pluginRepositories == null ? List.of() : pluginRepositories);
  }

  protected final BuildLog buildLog() {
    return new MavenBuildLog(getLog());
  }

  /**
   * True when this goal should not run; logs one line saying why ({@link GoalSkip}).
   *
   * @param goalSkip the goal's own skip flag
   * @param goalSkipProperty its property, for the message
   */
  protected final boolean skipped(boolean goalSkip, String goalSkipProperty) throws MojoExecutionException {
    return GoalSkip.skipped(this, goalSkip, goalSkipProperty);
  }

  /** Why a goal's own skip flag stops it, or null. */
  final String flagReason(boolean goalSkip, String goalSkipProperty) {
    return overrides().bool(goalSkipProperty, goalSkip) ? goalSkipProperty + " is true" : null;
  }

  /**
   * Why this goal does nothing in this run (one line), or null when it runs: its skip flag, or the
   * mode (publish and sign act only in builds that push). Module-wide reasons come first.
   *
   * @param metadata the module's metadata, null when it could not be computed
   */
  abstract String skipReason(BuildMetadata metadata);

  /**
   * This goal's part of the plan, from its parameters alone: it resolves and checks what it will
   * do, records every problem in {@code plan}, and runs nothing. Called only when the goal runs.
   */
  void plan(PlanAssembly plan) throws MojoExecutionException, InterruptedException {}

  /** Checks the goals and phases whose plan is made ({@link #planTasks()}); only the plan goal takes them from its user. */
  void checkTasks(PlanAssembly plan) {}

  /**
   * The plan of this module for this Maven run: made and checked as a whole by the first goal of
   * this plugin that runs, from the configuration of every goal the run will execute, and shared
   * by the later ones. Every problem of any goal fails the first goal, before anything is built,
   * pushed, tagged or signed.
   */
  protected final BuildPlan plan() throws MojoExecutionException, InterruptedException {
    synchronized (project) {
      Object known = project.getContextValue(PLAN_KEY);
      if (known instanceof BuildPlan plan) {
        return plan;
      }
      BuildPlan plan = PlanMaker.make(this, assembly -> GoalsOfTheRun.of(session, mojoExecution, this, planTasks(),
          lifecycle, pluginManager, assembly));
      project.setContextValue(PLAN_KEY, plan);
      return plan;
    }
  }

  /**
   * After this module's last goal of the run (the last the plan says runs): the record's CI outputs,
   * {@code target/docker-build/image.digest} and {@code image.json}, and in GitHub Actions the step
   * outputs and the job summary. Appends under one lock: modules of a {@code -T} build share the files.
   */
  protected final void writeCiOutputs() throws MojoExecutionException, InterruptedException {
    if (mojoExecution == null || !io.github.dockerbuild.record.CiOutputFiles.isLastGoal(plan(), mojoExecution.getGoal(),
        mojoExecution.getExecutionId())) {
      return;
    }
    call(() -> {
      io.github.dockerbuild.record.CiOutputFiles.write(recordStore(), System.getenv(), project.getArtifactId(), getLog()::info);
      return null;
    });
  }

  /**
   * Whether a goal that asks the engine may run in this module ({@link EngineProbe#askedBy}) and the
   * module is not skipped: a guess before the plan, to start the engine questions early.
   */
  final boolean engineGoalMayRun() {
    try {
      return GoalSkip.moduleSkipReason(this) == null && EngineProbe.askedBy(planTasks());
    } catch (io.github.dockerbuild.config.InvalidValueException e) {
      return false; // the plan reports it
    }
  }

  /** The goals and phases whose plan is made: those of the command line. */
  List<String> planTasks() {
    return session == null ? List.of() : session.getGoals();
  }

  /** The user's metadata parameters, for where a build arg or label comes from. */
  final Set<String> pomBuildArgNames() {
    return buildArgs == null ? Set.of() : Set.copyOf(buildArgs.keySet());
  }

  final Set<String> pomLabelNames() {
    return labels == null ? Set.of() : Set.copyOf(labels.keySet());
  }

  /** {@code <image>} as given, else the artifactId: the name messages use when the metadata has problems. */
  final String configuredImage() {
    String given = overrides().string(PropertyNames.IMAGE, image);
    return given == null || given.isBlank() ? project.getArtifactId() : given.trim();
  }

  /** The {@code -D} overrides of this session. */
  protected final Overrides overrides() {
    return new Overrides(session == null ? null : session.getUserProperties(), project.getBasedir());
  }

  protected final File dockerfile() {
    return overrides().file(PropertyNames.DOCKERFILE, dockerfile);
  }

  protected final String dockerExecutable() {
    return overrides().string(PropertyNames.EXECUTABLE, dockerExecutable);
  }

  /** One probe per Maven run and docker CLI: a reactor of image modules asks the engine once. */
  protected final EngineProbe probe(String dockerExecutable, ProcessRunner runner) {
    // docker-java (and Bouncy Castle for a TLS engine) join the realm when the probe's background
    // thread first asks the engine
    RealmLibrary.offer(resolution(), getLog()::info, RealmLibrary.DOCKER_JAVA, RealmLibrary.BOUNCY_CASTLE);
    return shared("engine probe " + dockerExecutable,
        () -> new EngineProbe(dockerExecutable, runner, DockerEndpointResolver.fromSystem()));
  }

  /** One {@code T} per Maven run and {@code key} ({@link RunScope}), made by the first module that asks. */
  protected final <T> T shared(String key, java.util.function.Supplier<T> make) {
    return RunScope.shared(session, this, key, make);
  }

  protected final RecordStore recordStore() {
    return new RecordStore(workDirectory.toPath());
  }

  protected final String module() {
    return project.getGroupId() + ":" + project.getArtifactId();
  }

  protected final CiEnvironment ci() {
    return new CiEnvironment(System.getenv());
  }

  /**
   * The metadata of this module: computed once per Maven run (by the metadata goal, or by the
   * first goal that needs it) and shared through the project, so every goal sees the same date.
   */
  protected final BuildMetadata metadata() throws MojoExecutionException, InterruptedException {
    return call(this::computeMetadata);
  }

  /** {@link #metadata()}, its problems as an {@code InvalidConfigurationException}. */
  final BuildMetadata computeMetadata() throws InterruptedException {
    return MetadataInputs.metadata(this);
  }

  /** The tag patterns as given, with {@code -D} overrides; {@code -Ddocker.tags=} is a blank tag, refused, not the default. */
  protected List<String> tagPatterns() {
    return overrides().listKeepingBlanks(PropertyNames.TAGS, tags);
  }

  /** Runs a stage, its failures of user input as one-line Maven errors ({@link StageCall}). */
  protected final <T> T call(StageCall.Stage<T> stage) throws MojoExecutionException, InterruptedException {
    return StageCall.run(stage, project.getArtifactId());
  }
}
