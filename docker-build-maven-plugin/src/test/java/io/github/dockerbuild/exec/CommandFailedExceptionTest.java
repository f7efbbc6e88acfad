package io.github.dockerbuild.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandFailedExceptionTest {

  @Test
  void quote_masksBuildArgAndLabelValues() {
    List<String> command = List.of("docker", "buildx", "build", "--build-arg", "TOKEN=s3cr3t=more", "--label",
        "owner=alice@example.org", "--secret", "id=npm,env=NPM_TOKEN", ".");

    assertThat(CommandFailedException.quote(command)).isEqualTo(
        "docker buildx build --build-arg TOKEN=... --label owner=... --secret id=npm,env=NPM_TOKEN .");
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      --build-arg  | K=v          | --build-arg K=...
      --build-arg  | K=           | --build-arg K=...
      --build-arg  | K            | --build-arg K
      --build-arg  | =v           | --build-arg =v
      --label      | a.b.c=x y z  | --label a.b.c=...
      --tag        | name=value   | --tag name=value
      --output     | type=image   | --output type=image
      """)
  void quote_masksOnlyValuesAfterBuildArgOrLabel(String flag, String arg, String expected) {
    assertThat(CommandFailedException.quote(List.of(flag, arg))).isEqualTo(expected);
  }

  @Test
  void quote_firstArgumentNeverMasked() {
    assertThat(CommandFailedException.quote(List.of("K=v"))).isEqualTo("K=v");
  }

  @Test
  void quote_truncatesAfter12Arguments() {
    List<String> thirteen = IntStream.range(0, 13).mapToObj(i -> "a" + i).toList();

    assertThat(CommandFailedException.quote(thirteen)).isEqualTo("a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 ...");
    assertThat(CommandFailedException.quote(thirteen.subList(0, 12))).isEqualTo("a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11");
  }

  @Test
  void quote_maskedValueAtTheCutIsStillMasked() {
    List<String> command = new ArrayList<>(IntStream.range(0, 10).mapToObj(i -> "a" + i).toList());
    command.add("--build-arg");
    command.add("SECRET=v");
    command.add("tail");

    assertThat(CommandFailedException.quote(command)).isEqualTo("a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 --build-arg SECRET=... ...");
  }

  @Test
  void quote_empty() {
    assertThat(CommandFailedException.quote(List.of())).isEmpty();
  }

  @Test
  void message_quotesCommandExitCodeAndLastLine() {
    CommandFailedException e = new CommandFailedException(
        List.of("docker", "buildx", "build", "--build-arg", "TOKEN=s3cr3t"), 2, List.of("step 1", "ERROR: boom"),
        "failed");

    assertThat(e.getMessage())
        .isEqualTo("'docker buildx build --build-arg TOKEN=...' failed (exit code 2); last output: ERROR: boom")
        .doesNotContain("s3cr3t");
    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.tail()).containsExactly("step 1", "ERROR: boom");
    assertThat(e.command()).containsExactly("docker", "buildx", "build", "--build-arg", "TOKEN=s3cr3t");
  }

  @Test
  void message_withoutExitCodeOrOutput() {
    CommandFailedException e = new CommandFailedException(List.of("docker", "version"), -1, List.of(), "could not start");

    assertThat(e.getMessage()).isEqualTo("'docker version' could not start");
  }

  @Test
  void message_exitCodeZeroIsShown() {
    assertThat(new CommandFailedException(List.of("x"), 0, List.of(), "lied").getMessage())
        .isEqualTo("'x' lied (exit code 0)");
  }

  @Test
  void constructor_copiesLists() {
    List<String> command = new ArrayList<>(List.of("docker"));
    List<String> tail = new ArrayList<>(List.of("line"));
    CommandFailedException e = new CommandFailedException(command, 1, tail, "failed");
    command.add("more");
    tail.add("more");

    assertThat(e.command()).containsExactly("docker");
    assertThat(e.tail()).containsExactly("line");
  }
}
