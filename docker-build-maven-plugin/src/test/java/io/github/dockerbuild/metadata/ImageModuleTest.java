package io.github.dockerbuild.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.config.InvalidValueException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageModuleTest {
  private static final String PARAMETER = "<dockerfile> (-Ddocker.dockerfile)";

  @TempDir Path dir;

  @Test
  void skipAll_winsOverEverything() {
    assertThat(ImageModule.skipReason(true, "docker.skip", dir.resolve("none").toFile(), true, PARAMETER))
        .isEqualTo("docker.skip is true");
  }

  @Test
  void noDockerfileAtTheDefault_isAModuleWithoutAnImage() {
    File missing = dir.resolve("Dockerfile").toFile();

    assertThat(ImageModule.skipReason(false, "docker.skip", missing, false, PARAMETER))
        .isEqualTo("no Dockerfile at " + missing + " (set <dockerfile> if the module has an image)");
  }

  @Test
  void aNamedDockerfileThatIsNotThere_isAMistakeNamingTheParameter() {
    File missing = dir.resolve("docker/Dockerfile").toFile();

    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> ImageModule.skipReason(false, "docker.skip", missing, true, PARAMETER));

    assertThat(e.getMessage()).startsWith(PARAMETER).contains(missing.toString()).contains("does not exist")
        .doesNotContain("\n");
  }

  @Test
  void aDockerfile_runs() throws Exception {
    File dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n").toFile();

    assertThat(ImageModule.skipReason(false, "docker.skip", dockerfile, true, PARAMETER)).isNull();
  }
}
