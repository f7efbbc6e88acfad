package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealmLibraryTest {
  @TempDir
  Path repo;

  @Test
  void artifactsOfTheRealm_areReadFromTheLocalRepositoryLayout() throws Exception {
    URL[] urls = {
        repo.resolve("com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar").toUri().toURL(),
        repo.resolve("org/bouncycastle/bcpkix-jdk18on/1.82/bcpkix-jdk18on-1.82.jar").toUri().toURL(),
        // the plugin's own classes in a reactor, and a jar outside the repository: not artifacts of it
        repo.resolveSibling("project/target/classes/").toUri().toURL(),
        Path.of("/opt/lib/extra.jar").toUri().toURL(),
        // too short to be group/artifact/version/file
        repo.resolve("a/b.jar").toUri().toURL(),
    };

    assertThat(RealmLibrary.artifactsOf(urls, repo))
        .containsExactlyInAnyOrder("com.fasterxml.jackson.core:jackson-databind", "org.bouncycastle:bcpkix-jdk18on");
  }

  @Test
  void aRelativeOrUnnormalizedRepositoryPathStillMatches() throws Exception {
    URL[] urls = {repo.resolve("g/a/1/a-1.jar").toUri().toURL()};

    assertThat(RealmLibrary.artifactsOf(urls, repo.resolve("x/..")))
        .containsExactly("g:a");
  }
}
