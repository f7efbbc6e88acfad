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

  @Override
  public void execute() throws MojoExecutionException {
    if (moduleSkipped()) {
      return;
    }
    try {
      printPlan(plan());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted");
    }
  }
}
