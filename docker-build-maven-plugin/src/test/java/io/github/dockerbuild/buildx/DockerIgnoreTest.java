package io.github.dockerbuild.buildx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerIgnoreTest {
  @TempDir Path dir;

  /** The cases of BuildKit's pattern matcher: pattern, path, whether the path is left out. */
  @ParameterizedTest(name = "{0} leaves out {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "target            | target                  | true",
      "target            | target/app.jar          | true",
      "target            | src/target              | false",
      "/target/          | target/classes/A.class  | true",
      "./target          | target/x                | true",
      "*.log             | build.log               | true",
      "*.log             | logs/build.log          | false",
      "*/*.log           | logs/build.log          | true",
      "**/*.log          | build.log               | true",
      "**/*.log          | a/b/c/build.log         | true",
      "**                | anything/at/all         | true",
      "a/**              | a/b/c                   | true",
      "a/**              | b/a/c                   | false",
      "a/**/z            | a/z                     | true",
      "a/**/z            | a/b/c/z                 | true",
      "a/**/z            | a/b/c/zz                | false",
      "?.txt             | a.txt                   | true",
      "?.txt             | ab.txt                  | false",
      "?.txt             | a/b.txt                 | false",
      "a.b               | axb                     | false",
      "a+(b)             | a+(b)                   | true",
      "src/../target     | target/x                | true",
      "../target         | target/x                | true",
      "node_modules      | web/node_modules/x.js   | false",
      "**/node_modules   | web/node_modules/x.js   | true",
  })
  void followsBuildKitsPatterns(String pattern, String path, boolean excluded) {
    assertThat(DockerIgnore.parse(pattern + "\n").excludes(path)).isEqualTo(excluded);
  }

  @Test
  void theLastMatchingPatternDecidesAndBangTakesFilesBack() {
    DockerIgnore ignore = DockerIgnore.parse("""
        # everything but what the image is made of
        *
        !Dockerfile
        !target/app.jar
        target/app.jar.tmp
        """);
    assertThat(ignore.excludes("pom.xml")).isTrue();
    assertThat(ignore.excludes("target/classes/A.class")).isTrue();
    assertThat(ignore.excludes("Dockerfile")).isFalse();
    assertThat(ignore.excludes("target/app.jar")).isFalse();
    assertThat(ignore.excludes("target/app.jar.tmp")).isTrue();
    // with a pattern taking files back, no directory can be skipped whole
    assertThat(ignore.prunes("target")).isFalse();

    DockerIgnore again = DockerIgnore.parse("*.md\n!README.md\n*.md\n");
    assertThat(again.excludes("README.md")).isTrue();
  }

  @Test
  void aDirectoryIsSkippedWholeOnlyWhenNothingIsTakenBack() {
    DockerIgnore ignore = DockerIgnore.parse("target\nnode_modules/\n");
    assertThat(ignore.prunes("target")).isTrue();
    assertThat(ignore.prunes("node_modules")).isTrue();
    assertThat(ignore.prunes("src")).isFalse();
  }

  @Test
  void aPatternItCannotFollowExactlyMakesEveryFileCount() {
    for (String text : List.of("[abc].txt\n", "*.lo[g]\n", "a\\*b\n", "*\n!file[0-9]\n")) {
      assertThat(DockerIgnore.parse(text)).as(text).isSameAs(DockerIgnore.NONE);
      assertThat(DockerIgnore.parse(text).excludes("a.txt")).isFalse();
    }
  }

  @Test
  void commentsBlankLinesAndEmptyPatternsLeaveNothingOut() {
    assertThat(DockerIgnore.parse("# comment\n\n   \n/\n.\n")).isSameAs(DockerIgnore.NONE);
  }

  @Test
  void theDockerfilesOwnIgnoreFileComesFirst() throws IOException {
    Path context = Files.createDirectories(dir.resolve("ctx"));
    Path dockerfile = Files.writeString(dir.resolve("app.Dockerfile"), "FROM scratch\n");
    assertThat(DockerIgnore.of(context, dockerfile)).isSameAs(DockerIgnore.NONE);
    Files.writeString(context.resolve(".dockerignore"), "*.log\n");
    assertThat(DockerIgnore.of(context, dockerfile).excludes("a.log")).isTrue();
    Files.writeString(dir.resolve("app.Dockerfile.dockerignore"), "*.tmp\n");
    DockerIgnore own = DockerIgnore.of(context, dockerfile);
    assertThat(own.excludes("a.tmp")).isTrue();
    assertThat(own.excludes("a.log")).isFalse();
    assertThat(own.text()).isEqualTo("*.tmp\n");
  }
}
