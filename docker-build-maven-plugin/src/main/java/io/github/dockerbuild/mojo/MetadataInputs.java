package io.github.dockerbuild.mojo;

import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.metadata.MetadataService;
import io.github.dockerbuild.metadata.MetadataSettings;
import io.github.dockerbuild.metadata.ProjectInfo;
import java.time.Instant;
import java.util.List;
import org.apache.maven.model.License;
import org.apache.maven.project.MavenProject;

/**
 * The metadata stage run for a goal: its inputs from the goal's parameters (with their {@code -D}
 * overrides) and its project, and the result kept for the module's other goals.
 */
final class MetadataInputs {
  private static final String METADATA_KEY = "io.github.dockerbuild.metadata";

  private MetadataInputs() {}

  /**
   * The metadata of the goal's module: computed once per Maven run (by the metadata goal, or by the
   * first goal that needs it) and kept on the project, so every goal sees the same date.
   *
   * @throws io.github.dockerbuild.config.InvalidConfigurationException listing every problem
   */
  static BuildMetadata metadata(AbstractImageMojo goal) throws InterruptedException {
    MavenProject project = goal.project;
    synchronized (project) {
      if (project.getContextValue(METADATA_KEY) instanceof BuildMetadata known) {
        return known;
      }
      BuildMetadata metadata = MetadataService.compute(settings(goal), projectInfo(project), goal.ci(),
          project.getBasedir().toPath(), Instant.now());
      project.setContextValue(METADATA_KEY, metadata);
      return metadata;
    }
  }

  static MetadataSettings settings(AbstractImageMojo g) {
    Overrides d = g.overrides();
    return new MetadataSettings(
        d.string(PropertyNames.IMAGE, g.image),
        d.string(PropertyNames.ARCH_IMAGE, g.archImage),
        d.listKeepingBlanks(PropertyNames.TAGS, g.tags),
        d.string(PropertyNames.LATEST, g.latest),
        d.string(PropertyNames.VERSION, g.version),
        d.bool(PropertyNames.VERSION_FROM_CI, g.versionFromCi),
        d.string(PropertyNames.MODE, g.mode),
        d.optionalBool(PropertyNames.PUSH, g.push),
        d.string(PropertyNames.REVISION, g.revision),
        g.buildArgs, g.labels, g.archAliases,
        d.string(PropertyNames.VERSION_ARG, g.versionArg),
        d.string(PropertyNames.DATE_ARG, g.dateArg),
        d.string(PropertyNames.ARCH_ARG, g.archArg),
        d.string(PropertyNames.REPOSITORY_ARG, g.repositoryArg),
        new java.util.HashSet<>(io.github.dockerbuild.config.Values.list(
            d.list(PropertyNames.ALLOW_SECRET_BUILD_ARGS, g.allowSecretBuildArgs))),
        d.list(PropertyNames.PUSH_MODES, g.pushModes));
  }

  static ProjectInfo projectInfo(MavenProject project) {
    String scm = project.getScm() == null ? null : project.getScm().getUrl();
    List<String> licenses = project.getLicenses() == null ? List.of()
        : project.getLicenses().stream().map(License::getName).filter(n -> n != null && !n.isBlank()).toList();
    return new ProjectInfo(project.getArtifactId(), project.getVersion(), project.getName(), project.getDescription(),
        project.getUrl(), scm, licenses, project.getProperties().getProperty("project.build.outputTimestamp"));
  }
}
