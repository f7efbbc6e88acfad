package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.BuildLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildOutputTest {
  @TempDir
  Path dir;

  final List<String> lines = new CopyOnWriteArrayList<>();
  final BuildLog log = new BuildLog() {
    @Override public void info(String message) { lines.add("INFO " + message); }
    @Override public void warn(String message) { lines.add("WARN " + message); }
  };

  static final Platform ARM = Platform.parse("linux/arm64");

  @ParameterizedTest(name = "{0}, terminal {1}, CI {2} -> {3}")
  @CsvSource(nullValues = "NULL", value = {
      "NULL,     true,  false, PLAIN",
      "auto,     true,  false, PLAIN",
      "' AUTO ', true,  true,  QUIET",
      "auto,     false, false, QUIET",
      "plain,    false, true,  PLAIN",
      "Quiet,    true,  false, QUIET",
  })
  void parse(String given, boolean terminal, boolean ci, BuildOutput.Mode mode) {
    assertThat(BuildOutput.parse(given, terminal, ci)).isEqualTo(mode);
  }

  @Test
  void parse_anotherWord_namesTheParameterAndTheChoices() {
    assertThatThrownBy(() -> BuildOutput.parse("loud", true, false)).isInstanceOf(InvalidValueException.class)
        .hasMessage("<progress> (-Ddocker.progress) 'loud' is not a progress mode: use auto, plain (every BuildKit"
            + " line) or quiet (a start and a result line per platform)");
  }

  @Test
  void prefix_namesTheModuleWhenModulesBuildAtOnce() {
    assertThat(BuildOutput.PLAIN.prefix(ARM)).isEqualTo("[linux/arm64] ");
    assertThat(new BuildOutput(BuildOutput.Mode.QUIET, "orders").prefix(ARM)).isEqualTo("[orders linux/arm64] ");
  }

  @Test
  void plain_printsEveryLineButBlankOnes_andKeepsTheWholeOutput() throws Exception {
    BuildOutput.Sink sink = BuildOutput.PLAIN.open(dir, ARM, log);
    sink.line("#1 [internal] load build definition");
    sink.line("");
    sink.line("#1 DONE 0.0s");
    sink.failed();
    sink.close();

    assertThat(lines).containsExactly("INFO [linux/arm64] #1 [internal] load build definition",
        "INFO [linux/arm64] #1 DONE 0.0s");
    assertThat(Files.readAllLines(dir.resolve("linux-arm64.log")))
        .containsExactly("#1 [internal] load build definition", "", "#1 DONE 0.0s");
  }

  @Test
  void quiet_printsNothingOfASucceedingBuild_andTheWholeOutputOfAFailedOne() throws Exception {
    BuildOutput quiet = new BuildOutput(BuildOutput.Mode.QUIET, null);
    BuildOutput.Sink ok = quiet.open(dir, Platform.parse("linux/amd64"), log);
    ok.line("#5 [2/2] RUN make");
    ok.close();
    assertThat(lines).isEmpty();

    BuildOutput.Sink bad = quiet.open(dir, ARM, log);
    bad.line("#5 [2/2] RUN make");
    bad.line("");
    bad.line("#5 ERROR: process \"/bin/sh -c make\" did not complete successfully: exit code: 2");
    bad.failed();
    bad.close();

    assertThat(lines).containsExactly(
        "INFO [linux/arm64] BuildKit's output (" + dir.resolve("linux-arm64.log") + "):",
        "INFO [linux/arm64] #5 [2/2] RUN make",
        "INFO [linux/arm64] #5 ERROR: process \"/bin/sh -c make\" did not complete successfully: exit code: 2");
    assertThat(quiet.verbose()).isFalse();
    assertThat(BuildOutput.PLAIN.verbose()).isTrue();
  }

  @Test
  void eachBuildStartsAFreshFile() throws Exception {
    BuildOutput.Sink first = BuildOutput.PLAIN.open(dir, ARM, BuildLog.NONE);
    first.line("old");
    first.close();
    BuildOutput.Sink second = BuildOutput.PLAIN.open(dir, ARM, BuildLog.NONE);
    second.line("new");
    second.close();

    assertThat(Files.readAllLines(BuildOutput.file(dir, ARM))).containsExactly("new");
  }
}
