package io.github.dockerbuild.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed command is the one that ran, once a shell reads it. */
class ShellLineTest {

  @Test
  void plainArgumentsStayBare_othersAreSingleQuoted() {
    assertThat(ShellLine.of(List.of("docker", "buildx", "build", "--label", "title=A base image: it's small",
        "--output", "type=image,\"name=r/a:1,r/a:latest\",push=true", "--build-arg", "EMPTY=", "")))
        .isEqualTo("docker buildx build --label 'title=A base image: it'\\''s small' --output"
            + " 'type=image,\"name=r/a:1,r/a:latest\",push=true' --build-arg EMPTY= ''");
  }

  @Test
  void aShellReadsBackTheSameArguments() throws Exception {
    List<String> args = List.of("a b", "it's", "\"q\"", "$HOME", "`x`", "tab\there", "back\\slash", "plain=1,2", "");
    Process p = new ProcessBuilder("sh", "-c", "for a in " + ShellLine.of(args) + "; do printf '%s\\n' \"$a\"; done")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.waitFor()).isZero();
    assertThat(out).isEqualTo(String.join("\n", args) + "\n");
  }
}
