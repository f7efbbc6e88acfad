package io.github.dockerbuild.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.domain.DockerfileFacts.Arg;
import io.github.dockerbuild.domain.DockerfileFacts.Label;
import io.github.dockerbuild.domain.DockerfileFacts.Stage;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DockerfileFactsTest {

  static Stream<Arguments> argCases() {
    return Stream.of(
        Arguments.of("no default", "ARG A\nFROM x", List.of(new Arg("A", null, null))),
        Arguments.of("default", "ARG A=1\nFROM x", List.of(new Arg("A", "1", null))),
        Arguments.of("empty default", "ARG A=\nFROM x", List.of(new Arg("A", "", null))),
        Arguments.of("several on one line", "ARG A=1 B C=3\nFROM x",
            List.of(new Arg("A", "1", null), new Arg("B", null, null), new Arg("C", "3", null))),
        Arguments.of("double quotes keep spaces", "ARG A=\"x y\"\nFROM x", List.of(new Arg("A", "x y", null))),
        Arguments.of("single quotes", "ARG A='x \"y\"'\nFROM x", List.of(new Arg("A", "x \"y\"", null))),
        Arguments.of("escaped quote inside double quotes", "ARG A=\"say \\\"hi\\\"\"\nFROM x",
            List.of(new Arg("A", "say \"hi\"", null))),
        Arguments.of("escaped space", "ARG A=x\\ y\nFROM x", List.of(new Arg("A", "x y", null))),
        Arguments.of("lowercase instruction", "arg A=1\nfrom x", List.of(new Arg("A", "1", null))),
        Arguments.of("line continuation", "ARG A=1 \\\n    B=2\nFROM x",
            List.of(new Arg("A", "1", null), new Arg("B", "2", null))),
        Arguments.of("comment and blank line inside a continuation", "ARG A=1 \\\n# a comment\n\n  B=2\nFROM x",
            List.of(new Arg("A", "1", null), new Arg("B", "2", null))),
        Arguments.of("escape directive", "# escape=`\nARG A=c:\\dir `\n  B=2\nFROM x",
            List.of(new Arg("A", "c:\\dir", null), new Arg("B", "2", null))),
        Arguments.of("stage args after FROM", "ARG BASE=x\nFROM $BASE AS build\nARG V=1\nFROM build\nARG W",
            List.of(new Arg("BASE", "x", null), new Arg("V", "1", 0), new Arg("W", null, 1))),
        Arguments.of("CRLF line ends", "ARG A=1\r\nFROM x\r\n", List.of(new Arg("A", "1", null))),
        Arguments.of("a comment is not an instruction", "# ARG A=1\nFROM x", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argCases")
  void args(String name, String dockerfile, List<Arg> expected) {
    assertThat(DockerfileFacts.parse(dockerfile).args()).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> labelCases() {
    return Stream.of(
        Arguments.of("key=value", "FROM x\nLABEL a=b", List.of(new Label("a", "b", 0))),
        Arguments.of("several pairs, quoted", "FROM x\nLABEL a=\"one two\" b.c='three' d=4",
            List.of(new Label("a", "one two", 0), new Label("b.c", "three", 0), new Label("d", "4", 0))),
        Arguments.of("quoted key", "FROM x\nLABEL \"com.example.vendor\"=\"ACME Inc\"",
            List.of(new Label("com.example.vendor", "ACME Inc", 0))),
        Arguments.of("legacy form with spaces", "FROM x\nLABEL description This is an image",
            List.of(new Label("description", "This is an image", 0))),
        Arguments.of("continued over lines", "FROM x\nLABEL a=1 \\\n      b=2 \\\n      c=\"3 4\"",
            List.of(new Label("a", "1", 0), new Label("b", "2", 0), new Label("c", "3 4", 0))),
        Arguments.of("per stage", "FROM x AS build\nLABEL stage=build\nFROM y\nLABEL stage=final",
            List.of(new Label("stage", "build", 0), new Label("stage", "final", 1))),
        Arguments.of("multi-line quoted value", "FROM x\nLABEL a=\"first \\\nsecond\"",
            List.of(new Label("a", "first second", 0))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labelCases")
  void labels(String name, String dockerfile, List<Label> expected) {
    assertThat(DockerfileFacts.parse(dockerfile).labels()).containsExactlyElementsOf(expected);
  }

  @Test
  void stages_nameFromAndPlatform() {
    DockerfileFacts facts = DockerfileFacts.parse(
        "ARG GO=1.22\nFROM --platform=$BUILDPLATFORM golang:${GO} AS build\nRUN go build\n"
            + "FROM scratch as final\nCOPY --from=build /app /app\nFROM final");
    assertThat(facts.stages()).containsExactly(
        new Stage(0, "build", "golang:${GO}", "$BUILDPLATFORM"),
        new Stage(1, "final", "scratch", null),
        new Stage(2, null, "final", null));
    assertThat(facts.globalDefaults()).containsExactly(Map.entry("GO", "1.22"));
  }

  @Test
  void parse_nullOrEmpty_isEmpty() {
    assertThat(DockerfileFacts.parse(null)).isEqualTo(DockerfileFacts.EMPTY);
    assertThat(DockerfileFacts.parse("")).isEqualTo(DockerfileFacts.EMPTY);
  }

  static Stream<Arguments> expansions() {
    return Stream.of(
        Arguments.of("${BASE}", Map.of("BASE", "a:1"), "a:1"),
        Arguments.of("$BASE", Map.of("BASE", "a:1"), "a:1"),
        Arguments.of("reg/${NAME}:${TAG}", Map.of("NAME", "n", "TAG", "t"), "reg/n:t"),
        Arguments.of("${BASE:-alpine:3}", Map.of(), "alpine:3"),
        Arguments.of("${BASE:-alpine:3}", Map.of("BASE", "x"), "x"),
        Arguments.of("x${SUFFIX:+-dev}", Map.of("SUFFIX", "1"), "x-dev"),
        Arguments.of("x${SUFFIX:+-dev}", Map.of(), "x"),
        Arguments.of("${UNKNOWN}", Map.of(), ""),
        Arguments.of("busybox", Map.of(), "busybox"),
        Arguments.of("${A}", Map.of("A", "$1\\x"), "$1\\x"));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("expansions")
  void expand(String text, Map<String, String> values, String expected) {
    assertThat(DockerfileFacts.expand(text, values)).isEqualTo(expected);
  }

  @Test
  void variables_namesInOrder() {
    assertThat(DockerfileFacts.variables("${REG}/$NAME:${TAG:-1}")).containsExactly("REG", "NAME", "TAG");
  }

  @Test
  void instructions_joinedWithTheEscapeDirectiveCommentsLeftOut() {
    String text = "# syntax=registry.test/dockerfile:1\n# escape=`\n# a comment\nFROM base:1\nRUN echo a `\n"
        + "  # inside\n  && echo b\nCOPY a /a\n";
    assertThat(DockerfileFacts.instructions(text)).containsExactly("FROM base:1", "RUN echo a   && echo b", "COPY a /a");
    assertThat(DockerfileFacts.directives(text)).containsExactly(Map.entry("syntax", "registry.test/dockerfile:1"),
        Map.entry("escape", "`"));
    assertThat(DockerfileFacts.directives("FROM x\n# syntax=late:1\n")).isEmpty();
    assertThat(DockerfileFacts.instructions("FROM a \\\n  AS b\n")).containsExactly("FROM a   AS b");
  }
}
