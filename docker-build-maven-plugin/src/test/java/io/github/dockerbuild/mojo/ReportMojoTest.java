package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report goal as Maven configures it: whether it renders a page for a module. */
@MojoTest
class ReportMojoTest {
  private static final String POM = "classpath:/unit/image/pom.xml";

  @TempDir Path buildDirectory;

  @Provides
  MavenProject project() throws URISyntaxException {
    return MojoFixtures.project(MojoFixtures.model("1.0.0", buildDirectory), "/unit/image");
  }

  @Test
  @InjectMojo(goal = "report", pom = POM)
  void imageModule_hasAPage(ReportMojo mojo) {
    assertThat(mojo.canGenerateReport()).isTrue();
    assertThat(mojo.getOutputName()).isEqualTo("docker-build");
  }

  @Test
  @InjectMojo(goal = "report", pom = POM)
  @MojoParameter(name = "outputDirectory", value = "${project.build.directory}/reports")
  void runAlone_writesThePageAsAFileOfItsOwn(ReportMojo mojo) throws Exception {
    mojo.execute();

    String page = Files.readString(buildDirectory.resolve("reports/docker-build.html"));
    assertThat(page).startsWith("<!DOCTYPE html>").contains("<title>Container image - ")
        .contains("id=\"docker-build-report\"").endsWith("</body></html>\n");
  }

  @Test
  @InjectMojo(goal = "report", pom = POM)
  @MojoParameter(name = "skipReport", value = "true")
  void skipReport_noPage(ReportMojo mojo) {
    assertThat(mojo.canGenerateReport()).isFalse();
  }

  @Test
  @InjectMojo(goal = "report", pom = POM)
  @MojoParameter(name = "dockerfile", value = "${project.basedir}/no-such/Dockerfile")
  void moduleWithoutImage_noPage(ReportMojo mojo) {
    assertThat(mojo.canGenerateReport()).isFalse();
  }
}
