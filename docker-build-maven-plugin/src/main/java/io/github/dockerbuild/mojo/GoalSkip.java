package io.github.dockerbuild.mojo;

import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.domain.BuildPlan;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * Whether a goal runs in its module, said in one log line: the module-wide reasons (the plugin's
 * skip flag, no Dockerfile), the goal's own flag, and the dry run that prints the plan instead.
 */
final class GoalSkip {
  private static final String SKIP_LOGGED_KEY = "io.github.dockerbuild.skip.logged";
  private static final String PRINTED_KEY = "io.github.dockerbuild.plan.printed";

  private GoalSkip() {}

  /**
   * True when {@code goal} should not run; logs one line saying why.
   *
   * @param goalSkip the goal's own skip flag
   * @param goalSkipProperty its property, for the message
   * @throws MojoExecutionException when the Dockerfile was set explicitly and is not there
   */
  static boolean skipped(AbstractImageMojo goal, boolean goalSkip, String goalSkipProperty)
      throws MojoExecutionException {
    if (moduleSkipped(goal)) {
      return true;
    }
    String reason;
    try {
      reason = goal.flagReason(goalSkip, goalSkipProperty);
    } catch (InvalidValueException e) {
      throw PlanMaker.failure(goal.configuredImage(), List.of(e.getMessage()));
    }
    if (reason != null) {
      goal.getLog().info("Skipping: " + reason);
      return true;
    }
    if (goal.overrides().bool(PropertyNames.PLAN_ONLY, false)) {
      try {
        printPlan(goal, goal.plan());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MojoExecutionException("interrupted");
      }
      goal.getLog().info("Skipping: " + PropertyNames.PLAN_ONLY + " is true (a dry run: the plan is printed, nothing runs)");
      return true;
    }
    return false;
  }

  /**
   * True when no goal of this plugin runs in the module: said once, at its first goal, and at debug
   * level by the others.
   */
  static boolean moduleSkipped(AbstractImageMojo goal) throws MojoExecutionException {
    String reason;
    try {
      reason = moduleSkipReason(goal);
    } catch (InvalidValueException e) {
      throw PlanMaker.failure(goal.configuredImage(), List.of(e.getMessage()));
    }
    if (reason == null) {
      return false;
    }
    if (firstInModule(goal.project, SKIP_LOGGED_KEY)) {
      goal.getLog().info("Skipping: " + reason + " (every docker-build goal of this module)");
    } else if (goal.getLog().isDebugEnabled()) {
      goal.getLog().debug("Skipping: " + reason);
    }
    return true;
  }

  /** Prints the plan to the log, once per module and run, and where it was written. */
  static void printPlan(AbstractImageMojo goal, BuildPlan plan) {
    if (!firstInModule(goal.project, PRINTED_KEY)) {
      return;
    }
    io.github.dockerbuild.report.PlanText.lines(plan).forEach(goal.getLog()::info);
    goal.getLog().info("plan written to " + goal.recordStore().planFile());
  }

  /** Why no goal of this plugin runs in the module (one line), or null. */
  static String moduleSkipReason(AbstractImageMojo goal) {
    File file = goal.dockerfile();
    return io.github.dockerbuild.metadata.ImageModule.skipReason(goal.overrides().bool(PropertyNames.SKIP, goal.skip),
        PropertyNames.SKIP, file, !file.isFile() && dockerfileExplicit(goal),
        "<dockerfile> (-D" + PropertyNames.DOCKERFILE + ")");
  }

  /** The Dockerfile was named on the command line or in the POM, not left at its default. */
  private static boolean dockerfileExplicit(AbstractImageMojo goal) {
    String given = goal.session == null ? null : goal.session.getUserProperties().getProperty(PropertyNames.DOCKERFILE);
    return (given != null && !given.isBlank()) || (goal.dockerfile != null
        && !goal.dockerfile.getAbsoluteFile().equals(new File(goal.project.getBasedir(), "Dockerfile")));
  }

  /** True the first time this module's run asks with {@code key}, false after (the modules of -T each their own). */
  private static boolean firstInModule(MavenProject project, String key) {
    synchronized (project) {
      boolean first = project.getContextValue(key) == null;
      project.setContextValue(key, Boolean.TRUE);
      return first;
    }
  }
}
