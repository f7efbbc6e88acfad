package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * sigstore-java is not in the realm Maven makes at start-up ({@link SigstoreStack}): only classes the
 * verify and sign goals reach after loading it may name its types, or the libraries that come with
 * it. A class outside those packages that did would fail with NoClassDefFoundError in a build that
 * neither verifies nor signs.
 */
class SigstoreBoundaryTest {
  /** Where the types that come with sigstore-java live (class-file form). */
  private static final List<String> STACK = List.of("dev/sigstore/", "io/grpc/", "com/google/protobuf/",
      "com/google/gson/", "com/google/api/client/", "org/apache/http/", "io/opencensus/");
  /** The packages entered only after {@link SigstoreStack#require}. */
  private static final List<String> BEHIND = List.of("io/github/dockerbuild/signature/",
      "io/github/dockerbuild/verify/");

  @Test
  void onlyTheVerifyAndSignPackagesNameTheSigstoreStack() throws Exception {
    List<String> naming = classes().filter(c -> STACK.stream().anyMatch(c.text::contains)).map(c -> c.name)
        .filter(name -> !name.equals("io/github/dockerbuild/mojo/SigstoreStack.class")) // names it to resolve it
        .toList();
    assertThat(naming).as("classes that name sigstore-java's types").isNotEmpty()
        .allSatisfy(name -> assertThat(BEHIND).anySatisfy(p -> assertThat(name).startsWith(p)));
  }

  @Test
  void onlyMojosEnterTheVerifyAndSignPackages() throws Exception {
    List<String> entering = classes().filter(c -> BEHIND.stream().noneMatch(c.name::startsWith))
        .filter(c -> BEHIND.stream().anyMatch(c.text::contains)).map(c -> c.name).toList();
    assertThat(entering).as("classes outside signature and verify that use them")
        .allSatisfy(name -> assertThat(name).startsWith("io/github/dockerbuild/mojo/"));
  }

  @Test
  void theVersionToResolveIsTheOneTestedWith() throws Exception {
    Path tested = Path.of(dev.sigstore.KeylessSigner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(tested.getFileName().toString()).isEqualTo("sigstore-java-" + SigstoreStack.version() + ".jar");
  }

  private record ClassFile(String name, String text) {}

  private static Stream<ClassFile> classes() throws URISyntaxException, IOException {
    Path root = Path.of(SigstoreStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }
    return files.stream().map(p -> {
      try {
        // class names sit in the constant pool as modified UTF-8, readable as Latin-1 text
        return new ClassFile(root.relativize(p).toString().replace('\\', '/'),
            new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
