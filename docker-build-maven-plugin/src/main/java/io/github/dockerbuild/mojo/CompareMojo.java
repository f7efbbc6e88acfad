package io.github.dockerbuild.mojo;

import io.github.dockerbuild.buildx.CompareService;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.exec.ProcessRunner;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that the released per-arch images are reproducible, as {@code maven-artifact-plugin:compare}
 * does for jars: each platform is rebuilt without any cache, with the same configuration and date
 * ({@code project.build.outputTimestamp}), and compared with the image its per-arch reference holds
 * in the registry. Prints, per platform, "reproducible" or the first difference (the config, or a
 * layer by number, with both digests), and fails when an image is not reproducible. Pushes nothing.
 * Run it in the release's checkout with the release's mode and version, e.g.
 * {@code mvn docker-build:compare -Ddocker.mode=release}.
 *
 * @since 0.1.0
 */
@Mojo(name = "compare", threadSafe = true)
public class CompareMojo extends AbstractBuildMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.COMPARE_SKIP, defaultValue = "false")
  private boolean skipCompare;

  /**
   * Fail the goal when an image is not reproducible; {@code false} reports only.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.COMPARE_FAIL, defaultValue = "true")
  private boolean compareFail;

  @Override
  String skipReason(BuildMetadata metadata) {
    return flagReason(skipCompare, PropertyNames.COMPARE_SKIP);
  }

  @Override
  void plan(PlanAssembly plan) throws InterruptedException {
    planSpec(plan);
    if (plan.metadata != null && plan.metadata.sourceDateEpoch() == null) {
      plan.problem("goal compare: the build has no fixed date, so no rebuild can match it: set"
          + " project.build.outputTimestamp (Maven's reproducible builds) in the POM");
    }
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skipped(skipCompare, PropertyNames.COMPARE_SKIP)) {
      return;
    }
    try {
      ImageSpec spec = plannedSpec();
      CompareService service = new CompareService(dockerExecutable(), ProcessRunner.withEnvironment(Map.of()),
          call(this::registryClient), buildLog());
      List<CompareService.Comparison> results = call(() -> service.compare(spec, workDirectory.toPath()));
      List<String> different = results.stream().filter(c -> !c.reproducible()).map(CompareService.Comparison::line)
          .toList();
      if (different.isEmpty()) {
        getLog().info("image " + spec.image() + ": every platform is reproducible");
      } else if (overrides().bool(PropertyNames.COMPARE_FAIL, compareFail)) {
        throw new MojoFailureException("image " + spec.image() + ": " + String.join("; ", different));
      } else {
        different.forEach(line -> getLog().warn("image " + spec.image() + ": " + line));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted: the rebuild was stopped");
    }
  }
}
