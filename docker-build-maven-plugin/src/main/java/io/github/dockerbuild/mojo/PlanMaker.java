package io.github.dockerbuild.mojo;

import io.github.dockerbuild.buildx.BuildPlanner;
import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.domain.PlannedGoal;
import io.github.dockerbuild.exec.ProcessRunner;
import io.github.dockerbuild.record.RecordStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Makes a module's {@link BuildPlan} from the goals of the run: the metadata once, then each goal's
 * part (or why it is skipped), then the build resolved per platform; every problem of every goal
 * fails the first goal at once, one line each.
 */
final class PlanMaker {
  /** Where the project keeps the plan's image spec, which the build goals execute. */
  static final String SPEC_KEY = "io.github.dockerbuild.plan.spec";
  /** Where the project keeps the verify spec the plan made, which the verify goal executes. */
  static final String VERIFY_KEY = "io.github.dockerbuild.plan.verify";
  /** Where the project keeps the signer the plan made, which the sign goal executes with. */
  static final String SIGNER_KEY = "io.github.dockerbuild.plan.signer";

  private PlanMaker() {}

  /** How the first goal fails: one line per problem, then that nothing happened. */
  static MojoExecutionException failure(String image, List<String> problems) {
    return new MojoExecutionException(String.join(System.lineSeparator(),
        problems.stream().map(p -> "image " + image + ": " + p).toList())
        + System.lineSeparator() + "image " + image + ": nothing was built, pushed, tagged or signed");
  }

  static BuildPlan make(AbstractImageMojo current, Function<PlanAssembly, List<GoalsOfTheRun.Goal>> goalsOfTheRun)
      throws MojoExecutionException, InterruptedException {
    PlanAssembly plan = new PlanAssembly();
    if (current.engineGoalMayRun()) {
      // the engine's and buildx's answers (and docker-java's start-up) begin before the plan is made,
      // so they have the whole plan, and whatever runs before the build, to arrive in
      current.probe(current.dockerExecutable(), ProcessRunner.withEnvironment(Map.of())).warmUp(current.configuredImage());
    }
    plan.metadata = plan.attempt(current::computeMetadata);
    current.checkTasks(plan);
    for (GoalsOfTheRun.Goal goal : goalsOfTheRun.apply(plan)) {
      if (goal.mojo() instanceof PlanMojo) {
        continue;
      }
      String execution = goal.execution().getExecutionId();
      String phase = goal.execution().getLifecyclePhase();
      if (!(goal.mojo() instanceof AbstractImageMojo mojo)) {
        plan.goals.add(PlannedGoal.running(goal.name(), execution, phase));
        continue;
      }
      String reason = plan.attempt(() -> GoalSkip.moduleSkipReason(mojo));
      if (reason == null) {
        reason = plan.attempt(() -> mojo.skipReason(plan.metadata));
      }
      if (reason != null) {
        plan.goals.add(PlannedGoal.skipped(goal.name(), execution, phase, reason));
        continue;
      }
      plan.goals.add(PlannedGoal.running(goal.name(), execution, phase));
      if (mojo instanceof BuildMojo || mojo instanceof PreflightMojo || mojo instanceof CompareMojo) {
        // the engine and buildx answers are needed when that goal runs: asked now, in the background,
        // they come while the rest of the plan is made (and compile and test run)
        current.probe(current.dockerExecutable(), ProcessRunner.withEnvironment(Map.of())).warmUp(plan.image(current));
      }
      mojo.plan(plan);
    }
    if (plan.spec != null) {
      plan.build = BuildPlanner.plan(current.dockerExecutable(), plan.spec, current.pomBuildArgNames(),
          current.pomLabelNames(), plan.verifiesCache, current.workDirectory.toPath());
    }
    String image = plan.image(current);
    List<String> problems = plan.problems();
    if (!problems.isEmpty()) {
      throw failure(image, problems);
    }
    if (plan.spec != null) {
      current.project.setContextValue(SPEC_KEY, plan.spec);
    }
    if (plan.verifySpec != null) {
      current.project.setContextValue(VERIFY_KEY, plan.verifySpec);
    }
    if (plan.signer != null) {
      current.project.setContextValue(SIGNER_KEY, plan.signer);
    }
    BuildPlan result = new BuildPlan(current.module(), image, plan.metadata == null ? null : plan.metadata.redacted(),
        plan.goals, plan.verify, plan.build, plan.publish, plan.sign);
    try {
      current.recordStore().writePlan(result);
    } catch (IOException e) {
      throw new MojoExecutionException("image " + image + ": the plan cannot be written to "
          + current.workDirectory + ": " + e.getMessage(), e);
    }
    return result;
  }
}
