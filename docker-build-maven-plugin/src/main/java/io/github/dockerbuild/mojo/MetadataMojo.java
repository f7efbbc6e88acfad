package io.github.dockerbuild.mojo;

import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.metadata.MetadataCalculator;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Computes the image's version, date, revision, mode, tags, build args and labels; exposes them as
 * project properties ({@code docker.build.version}, {@code docker.build.tags}, ...) and writes them
 * to the build record.
 *
 * @since 0.1.0
 */
@Mojo(name = "metadata", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class MetadataMojo extends AbstractImageMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.METADATA_SKIP, defaultValue = "false")
  private boolean skipMetadata;

  @Override
  String skipReason(BuildMetadata metadata) {
    return flagReason(skipMetadata, PropertyNames.METADATA_SKIP);
  }

  @Override
  public void execute() throws MojoExecutionException {
    if (skipped(skipMetadata, PropertyNames.METADATA_SKIP)) {
      return;
    }
    try {
      plan();
      BuildMetadata metadata = metadata();
      Properties props = project.getProperties();
      props.setProperty(PropertyNames.OUT_VERSION, metadata.version());
      props.setProperty(PropertyNames.OUT_DATE, metadata.created());
      props.setProperty(PropertyNames.OUT_REVISION, metadata.revision() == null ? "" : metadata.revision());
      props.setProperty(PropertyNames.OUT_MODE, metadata.mode().id());
      props.setProperty(PropertyNames.OUT_PUSH, Boolean.toString(metadata.push()));
      props.setProperty(PropertyNames.OUT_IMAGE, metadata.image());
      props.setProperty(PropertyNames.OUT_TAGS, String.join(",", metadata.tags()));
      call(() -> recordStore().update(module(), r -> r.withMetadata(metadata)));
      getLog().info("image " + metadata.image() + " version " + metadata.version() + ", tags "
          + String.join(", ", metadata.tags()) + ", " + metadata.mode().id() + " build, "
          + (metadata.push() ? "push" : "no push") + ", created " + metadata.created() + " (" + metadata.createdSource() + ")");
      if (MetadataCalculator.isMaven4Default(project.getProperties().getProperty("project.build.outputTimestamp"))) {
        getLog().info("image " + metadata.image() + ": project.build.outputTimestamp " + MetadataCalculator.MAVEN4_DEFAULT_TIMESTAMP
            + " is Maven 4's default, not a date of this project: taken as not set (set it for reproducible images)");
      }
      List<String> leftOut = MetadataCalculator.leftOutTags(tagPatterns(), metadata.version());
      if (!leftOut.isEmpty()) {
        getLog().info("image " + metadata.image() + ": no tag " + String.join(", ", leftOut) + " for version "
            + metadata.version() + ", which is no released semantic version");
      }
      writeCiOutputs();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted");
    }
  }
}
