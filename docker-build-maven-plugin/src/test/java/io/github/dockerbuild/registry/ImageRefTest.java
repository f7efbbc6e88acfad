package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {
  static final String D = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      // reference                                   | registry             | repository          | tag    | digest
      "alpine                                        | registry-1.docker.io | library/alpine      | -      | -",
      "alpine:3.20                                   | registry-1.docker.io | library/alpine      | 3.20   | -",
      "org/app                                       | registry-1.docker.io | org/app             | -      | -",
      "docker.io/alpine                              | registry-1.docker.io | library/alpine      | -      | -",
      "index.docker.io/org/app:1                     | registry-1.docker.io | org/app             | 1      | -",
      "ghcr.io/org/app:1.0                           | ghcr.io              | org/app             | 1.0    | -",
      "ghcr.io/org/team/app                          | ghcr.io              | org/team/app        | -      | -",
      "localhost/app                                 | localhost            | app                 | -      | -",
      "localhost:5000                                | registry-1.docker.io | library/localhost   | 5000   | -",
      "localhost:5000/app:dev                        | localhost:5000       | app                 | dev    | -",
      "127.0.0.1:5000/app                            | 127.0.0.1:5000       | app                 | -      | -",
      "192.168.1.10/a/b                              | 192.168.1.10         | a/b                 | -      | -",
      "[::1]:5000/app:v1                             | [::1]:5000           | app                 | v1     | -",
      "registry:5000/app                             | registry:5000        | app                 | -      | -",
      "Registry/app                                  | Registry             | app                 | -      | -",
      "my-registry.example.com/a.b/c_d/e__f/g--h:T_1 | my-registry.example.com | a.b/c_d/e__f/g--h | T_1    | -",
      "app@" + D + "                                 | registry-1.docker.io | library/app         | -      | " + D,
      "127.0.0.1:5000/app:1.0@" + D + "              | 127.0.0.1:5000       | app                 | 1.0    | " + D,
  })
  void parses(String reference, String registry, String repository, String tag, String digest) {
    ImageRef ref = ImageRef.parse(reference);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest() == null ? null : ref.digest().value()).isEqualTo(digest);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "alpine                        | registry-1.docker.io/library/alpine | latest",
      "ghcr.io/org/app:1.0           | ghcr.io/org/app:1.0                 | 1.0",
      "127.0.0.1:5000/app:1@" + D + "| 127.0.0.1:5000/app:1@" + D + "     | " + D,
  })
  void printsAndChoosesReference(String reference, String printed, String wire) {
    ImageRef ref = ImageRef.parse(reference);
    assertThat(ref).hasToString(printed);
    assertThat(ref.reference()).isEqualTo(wire);
    assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "''                 | image reference '' is empty: write an image such as ghcr.io/org/app:1.0",
      "ghcr.io/Org/app    | image reference 'ghcr.io/Org/app' has an invalid repository path component 'Org': repository names are lower case; write 'org'",
      "UPPER              | image reference 'UPPER' has an invalid repository path component 'UPPER': repository names are lower case; write 'upper'",
      "ghcr.io/org//app   | image reference 'ghcr.io/org//app' has an invalid repository path component '': each path component is lower-case letters and digits, separated by '.', '_', '__' or '-'",
      "ghcr.io/-app       | image reference 'ghcr.io/-app' has an invalid repository path component '-app': each path component is lower-case letters and digits, separated by '.', '_', '__' or '-'",
      "app:.bad           | image reference 'app:.bad' has an invalid tag '.bad': a tag is 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'",
      "app:               | image reference 'app:' has an invalid tag '': a tag is 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'",
      "app@sha256:abc     | image reference 'app@sha256:abc' has an invalid digest 'sha256:abc': write the digest as sha256: followed by 64 lower-case hex characters",
      "app@md5:abc        | image reference 'app@md5:abc' has an invalid digest 'md5:abc': write the digest as sha256: followed by 64 lower-case hex characters",
      ":tag               | image reference ':tag' has no repository name: write the image name before ':' or '@'",
      "bad_host.io/app    | image reference 'bad_host.io/app' has an invalid registry host 'bad_host.io': write the host as a DNS name or IP address with an optional :port",
      "host.io:port/app   | image reference 'host.io:port/app' has an invalid registry host 'host.io:port': write the host as a DNS name or IP address with an optional :port",
  })
  void rejects(String reference, String message) {
    assertThatThrownBy(() -> ImageRef.parse(reference))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void rejectsOverlongNamesAndTags() {
    String longName = "ghcr.io/" + "a".repeat(250);
    assertThatThrownBy(() -> ImageRef.parse(longName))
        .hasMessage("image reference '" + longName + "' has a name longer than 255 characters: use a shorter repository name");
    assertThatThrownBy(() -> ImageRef.parse("app:" + "t".repeat(129)))
        .hasMessageContaining("has an invalid tag");
  }

  @org.junit.jupiter.api.Test
  void withTagAndDigest() {
    ImageRef ref = ImageRef.parse("ghcr.io/org/app:1.0");
    assertThat(ref.withTag("2.0")).hasToString("ghcr.io/org/app:2.0");
    assertThat(ref.withDigest(Digest.parse(D))).hasToString("ghcr.io/org/app@" + D);
    assertThat(ref.name()).isEqualTo("ghcr.io/org/app");
  }
}
