package io.github.dockerbuild.mojo;

import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.BuildPlan;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the plan of {@code mvn deploy} (or of the phase named by {@code <planPhase>}) for this
 * module and writes it to {@code target/docker-build/plan.json}: every goal of this plugin that
 * would run, in order, with its configuration resolved and checked, down to each platform's exact
 * {@code docker buildx build} command. Builds, pushes, tags and signs nothing. Every problem of any
 * goal's configuration fails it, one line each.
 *
 * @since 0.1.0
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractImageMojo {

  /**
   * The phase (or goals, comma-separated) whose plan is printed.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PLAN_PHASE, defaultValue = "deploy")
  private String planPhase;

  @Override
  String skipReason(BuildMetadata metadata) {
    return null;
  }

  @Override
  List<String> planTasks() {
    return io.github.dockerbuild.config.Values.list(overrides().list(PropertyNames.PLAN_PHASE, List.of(planPhase)));
  }

  /** Maven 3's lifecycle phases: a task that is none of these and names no goal ({@code prefix:goal}) plans nothing. */
  private static final java.util.Set<String> PHASES = java.util.Set.of("pre-clean", "clean", "post-clean", "validate",
      "initialize", "generate-sources", "process-sources", "generate-resources", "process-resources", "compile",
      "process-classes", "generate-test-sources", "process-test-sources", "generate-test-resources",
      "process-test-resources", "test-compile", "process-test-classes", "test", "prepare-package", "package",
      "pre-integration-test", "integration-test", "post-integration-test", "verify", "install", "deploy", "pre-site",
      "site", "post-site", "site-deploy");

  @Override
  void checkTasks(PlanAssembly plan) {
    for (String task : planTasks()) {
      if (!task.contains(":") && !PHASES.contains(task)) {
        plan.problem(new io.github.dockerbuild.config.InvalidValueException("<planPhase> (-D" + PropertyNames.PLAN_PHASE
            + ")", task, "is not a lifecycle phase", "give the phase to plan, e.g. deploy or package, or a goal"
            + " such as docker-build:build").getMessage());
      }
    }
    if (planTasks().isEmpty()) {
      plan.problem("<planPhase> (-D" + PropertyNames.PLAN_PHASE + ") is empty: give the phase to plan, e.g. deploy");
    }
  }

  @Override
  public void execute() throws MojoExecutionException {
    if (GoalSkip.moduleSkipped(this)) {
      return;
    }
    try {
      GoalSkip.printPlan(this, plan());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted");
    }
  }
}
