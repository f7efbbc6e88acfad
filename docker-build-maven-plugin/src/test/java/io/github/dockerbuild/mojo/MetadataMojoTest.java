package io.github.dockerbuild.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.Mode;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.RecordStore;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Scm;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@MojoTest
class MetadataMojoTest {
  private static final String POM = "classpath:/unit/metadata/pom.xml";
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path buildDirectory;

  private MavenProject project;
  private final MojoFixtures.RecordingLog log = new MojoFixtures.RecordingLog();

  /** The module the mojo runs in: a real MavenProject whose basedir holds the fixture POM and a Dockerfile. */
  @Provides
  MavenProject project() throws URISyntaxException {
    Model model = MojoFixtures.model("1.0.0-SNAPSHOT", buildDirectory);
    model.setName("Demo");
    model.setDescription("A demo image");
    model.setUrl("https://example.org/demo");
    Scm scm = new Scm();
    scm.setUrl("https://github.com/example/demo");
    model.setScm(scm);
    License license = new License();
    license.setName("Apache-2.0");
    model.addLicense(license);
    model.getProperties().setProperty("project.build.outputTimestamp", "2026-11-28T00:00:00Z");
    project = MojoFixtures.project(model, "/unit/metadata");
    return project;
  }

  @Provides
  Log log() {
    return log;
  }

  private Path recordFile() {
    return buildDirectory.resolve("docker-build").resolve(RecordStore.FILE_NAME);
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  void execute_bindsPomParametersAndSetsProjectProperties(MetadataMojo mojo) throws Exception {
    assertThat(getVariableValueFromObject(mojo, "image")).isEqualTo("ghcr.io/example/demo");
    assertThat(getVariableValueFromObject(mojo, "tags")).isEqualTo(List.of("{version}", "{version}-{sha}", "{mode}"));
    assertThat(getVariableValueFromObject(mojo, "latest")).isEqualTo("always");
    assertThat(getVariableValueFromObject(mojo, "push")).isEqualTo(Boolean.FALSE);
    assertThat(getVariableValueFromObject(mojo, "versionFromCi")).isEqualTo(false);
    assertThat(getVariableValueFromObject(mojo, "buildArgs")).isEqualTo(Map.of("JAVA_VERSION", "17", "APP_USER", "app"));
    assertThat(getVariableValueFromObject(mojo, "archAliases")).isEqualTo(Map.of("arm64", "aarch64"));
    assertThat(getVariableValueFromObject(mojo, "dateArg")).as("default value").isEqualTo("BUILD_DATE");
    assertThat(getVariableValueFromObject(mojo, "dockerfile"))
        .isEqualTo(new File(project.getBasedir(), "Dockerfile"));
    assertThat(getVariableValueFromObject(mojo, "workDirectory"))
        .isEqualTo(buildDirectory.resolve("docker-build").toFile());

    mojo.execute();

    assertThat(project.getProperties())
        .containsEntry("docker.build.version", "2.5.0")
        .containsEntry("docker.build.tags", "2.5.0,2.5.0-0123456,release,latest")
        .containsEntry("docker.build.mode", "release")
        .containsEntry("docker.build.push", "false")
        .containsEntry("docker.build.image", "ghcr.io/example/demo")
        .containsEntry("docker.build.date", "2026-11-28T00:00:00Z")
        .containsEntry("docker.build.revision", SHA);
    assertThat(project.getContextValue("io.github.dockerbuild.metadata")).isInstanceOf(BuildMetadata.class);
    assertThat(log.info).contains("image ghcr.io/example/demo version 2.5.0, tags 2.5.0, 2.5.0-0123456, release, "
        + "latest, release build, no push, created 2026-11-28T00:00:00Z (project.build.outputTimestamp)");
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  void execute_writesTheBuildRecord(MetadataMojo mojo) throws Exception {
    mojo.execute();

    BuildRecord record = new RecordStore(recordFile().getParent()).read().orElseThrow();
    BuildMetadata metadata = record.metadata();
    assertThat(record.module()).isEqualTo("org.example:demo");
    assertThat(record.build()).isNull();
    assertThat(metadata.mode()).isEqualTo(Mode.RELEASE);
    assertThat(metadata.archImage()).isEqualTo("ghcr.io/example/{arch}-demo");
    assertThat(metadata.sourceDateEpoch()).isEqualTo(1795824000L);
    assertThat(metadata.buildArgs()).containsExactly(
        entry("APP_VERSION", "2.5.0"),
        entry("BUILD_DATE", "2026-11-28T00:00:00Z"),
        entry("BUILD_ARCH", "{arch}"),
        entry("BUILD_REPOSITORY", "https://github.com/example/demo"),
        entry("SOURCE_DATE_EPOCH", "1795824000"),
        entry("APP_USER", "app"),
        entry("JAVA_VERSION", "17"));
    assertThat(metadata.labels())
        .containsEntry("org.opencontainers.image.title", "Demo")
        .containsEntry("org.opencontainers.image.licenses", "Apache-2.0")
        .containsEntry("org.opencontainers.image.url", "https://example.org/demo")
        .containsEntry("team", "platform");
    assertThat(metadata.archAliases()).containsExactly(entry("arm64", "aarch64"));
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  @MojoParameter(name = "tags", value = "{projectVersion}")
  @MojoParameter(name = "latest", value = "never")
  void execute_parameterOverridesPom(MetadataMojo mojo) throws Exception {
    mojo.execute();

    assertThat(project.getProperties()).containsEntry("docker.build.tags", "1.0.0-SNAPSHOT");
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  @MojoParameter(name = "skip", value = "true")
  void execute_skip_touchesNothing(MetadataMojo mojo) throws Exception {
    mojo.execute();

    assertThat(project.getProperties()).containsOnlyKeys("project.build.outputTimestamp");
    assertThat(project.getContextValue("io.github.dockerbuild.metadata")).isNull();
    assertThat(recordFile()).doesNotExist();
    assertThat(buildDirectory).isEmptyDirectory();
    assertThat(log.info).containsExactly("Skipping: docker.skip is true (every docker-build goal of this module)");
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  @MojoParameter(name = "skipMetadata", value = "true")
  void execute_skipMetadata_touchesNothing(MetadataMojo mojo) throws Exception {
    mojo.execute();

    assertThat(project.getProperties()).doesNotContainKey("docker.build.version");
    assertThat(recordFile()).doesNotExist();
    assertThat(log.info).containsExactly("Skipping: docker.metadata.skip is true");
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  void execute_noDockerfile_skipped(MetadataMojo mojo) throws Exception {
    // a module without an image, the Dockerfile left at its default: as a parent POM binds the plugin
    java.io.File module = Path.of(getClass().getResource("/unit/no-dockerfile").toURI()).toFile();
    project.setFile(new java.io.File(module, "pom.xml"));
    setVariableValueToObject(mojo, "dockerfile", new java.io.File(module, "Dockerfile"));

    mojo.execute();

    assertThat(project.getProperties()).doesNotContainKey("docker.build.version");
    assertThat(recordFile()).doesNotExist();
    assertThat(log.info).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("Skipping: no Dockerfile at ")
        .endsWith("no-dockerfile" + File.separator + "Dockerfile (set <dockerfile> if the module has an image)"
            + " (every docker-build goal of this module)");
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  @MojoParameter(name = "dockerfile", value = "${project.basedir}/no-such/Dockerfile")
  void execute_explicitDockerfileMissing_failsInsteadOfSkipping(MetadataMojo mojo) {
    org.assertj.core.api.Assertions.assertThatThrownBy(mojo::execute)
        .isInstanceOf(org.apache.maven.plugin.MojoExecutionException.class)
        .hasMessageStartingWith("image ghcr.io/example/demo: <dockerfile> (-Ddocker.dockerfile) '")
        .hasMessageEndingWith("no-such" + File.separator + "Dockerfile' does not exist: point it at the image's"
            + " Dockerfile, or leave it unset in modules without an image" + System.lineSeparator()
            + "image ghcr.io/example/demo: nothing was built, pushed, tagged or signed");
    assertThat(recordFile()).doesNotExist();
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  @MojoParameter(name = "mode", value = "prod")
  void execute_invalidParameter_failsNamingIt(MetadataMojo mojo) {
    org.assertj.core.api.Assertions.assertThatThrownBy(mojo::execute)
        .isInstanceOf(org.apache.maven.plugin.MojoExecutionException.class)
        .hasMessage("image ghcr.io/example/demo: <mode> (-Ddocker.mode) 'prod' is not a build mode: "
            + "use auto, release, branch, pull-request or local" + System.lineSeparator()
            + "image ghcr.io/example/demo: nothing was built, pushed, tagged or signed");
    assertThat(project.getProperties()).doesNotContainKey("docker.build.version");
  }

  @Test
  @InjectMojo(goal = "metadata", pom = "classpath:/unit/metadata-empty-tag/pom.xml")
  void execute_emptyTagElement_isDropped(MetadataMojo mojo) throws Exception {
    assertThat(getVariableValueFromObject(mojo, "tags")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class)).containsExactly("{version}", null);

    mojo.execute();

    assertThat(project.getProperties()).containsEntry("docker.build.tags", "2.5.0");
  }

  @Test
  @InjectMojo(goal = "metadata", pom = "classpath:/unit/metadata-empty-map-values/pom.xml")
  void execute_emptyBuildArgAndLabel_areEmptyStrings(MetadataMojo mojo) throws Exception {
    assertThat(getVariableValueFromObject(mojo, "buildArgs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.map(String.class, String.class)).containsEntry("EMPTY_ARG", null);

    mojo.execute();

    BuildMetadata metadata = new RecordStore(recordFile().getParent()).read().orElseThrow().metadata();
    assertThat(metadata.buildArgs()).containsEntry("EMPTY_ARG", "");
    assertThat(metadata.labels()).containsEntry("empty-label", "");
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  @MojoParameter(name = "dateArg", value = "none")
  void execute_emptyDateArg_notInjected(MetadataMojo mojo) throws Exception {
    mojo.execute();

    BuildMetadata metadata = new RecordStore(recordFile().getParent()).read().orElseThrow().metadata();
    assertThat(metadata.buildArgs()).doesNotContainKey("BUILD_DATE");
  }
}
