package io.github.dockerbuild.metadata;

import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.exec.ProcessRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The metadata stage: the module's version, date, revision, tags, build args and labels, from the
 * configured settings, the project and the CI environment; git is asked for the revision only when
 * neither the configuration nor CI gives one.
 */
public final class MetadataService {
  private MetadataService() {}

  /**
   * @param basedir the module directory, where git is asked
   * @throws io.github.dockerbuild.config.InvalidConfigurationException listing every problem
   */
  public static BuildMetadata compute(MetadataSettings settings, ProjectInfo project, CiEnvironment ci, Path basedir,
      Instant now) throws InterruptedException {
    String git = settings.revision() == null && ci.revision() == null
        ? GitRevision.read(ProcessRunner.withEnvironment(Map.of()), basedir) : null;
    return MetadataCalculator.compute(settings, project, ci, git, now);
  }
}
