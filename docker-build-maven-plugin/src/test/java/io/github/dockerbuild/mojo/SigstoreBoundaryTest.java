package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sigstore-java is not in the realm Maven makes at start-up ({@link SigstoreStack}). The classes
 * that name its types, or those of the libraries that come with it, form "the sigstore side"; other
 * classes may name a class of that side only in the few entry points that first ask for the library
 * ({@code SigstoreRuntime.require}). Checked on the compiled classes' constant pools: a new path into
 * the side that skipped the entry points would fail with NoClassDefFoundError in a real build.
 */
class SigstoreBoundaryTest {
  /** Where the types that come with sigstore-java live (class-file form). */
  private static final List<String> STACK = List.of("dev/sigstore/", "io/grpc/", "com/google/protobuf/",
      "com/google/gson/", "com/google/api/client/", "org/apache/http/", "io/opencensus/");
  private static final String PLUGIN = "io/github/dockerbuild/";
  private static final String RUNTIME = PLUGIN + "signature/SigstoreRuntime";

  /** class name → the class names and descriptors of its constant pool. */
  private static Map<String, Set<String>> pools;
  private static Set<String> side;

  @BeforeAll
  static void readClasses() throws Exception {
    pools = classes();
    side = pools.entrySet().stream()
        .filter(e -> !e.getKey().equals(PLUGIN + "mojo/SigstoreStack")) // names a class file of it, to find it
        .filter(e -> e.getValue().stream().anyMatch(s -> STACK.stream().anyMatch(s::contains)))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(java.util.TreeSet::new));
    // a nested class belongs to its outer class's side: it is reached through it
    Set<String> outers = Set.copyOf(side);
    pools.keySet().stream().filter(n -> outers.stream().anyMatch(o -> n.startsWith(o + "$"))).forEach(side::add);
  }

  @Test
  void keyBasedSigningAndVerificationWithoutTheLogStayOffTheSigstoreSide() {
    assertThat(side).isNotEmpty().contains(PLUGIN + "signature/keyless/TrustRootLogs",
        PLUGIN + "signature/keyless/KeylessVerifier", PLUGIN + "signature/sign/KeylessSigners");
    assertThat(side).doesNotContain(PLUGIN + "signature/VerificationPipeline", PLUGIN + "signature/KeyVerifier",
        PLUGIN + "signature/SignatureMaterial", PLUGIN + "signature/PublicKeys", PLUGIN + "signature/LogEntry",
        PLUGIN + "signature/sign/KeySigner", PLUGIN + "signature/sign/LegacySignatureWriter",
        PLUGIN + "signature/sign/BundleSignatureWriter", PLUGIN + "signature/sign/SignService",
        PLUGIN + "signature/sign/SignerFactory", PLUGIN + "verify/VerifyService", PLUGIN + "verify/VerifySpecFactory",
        PLUGIN + "verify/KeylessVerifiers");
  }

  @Test
  void theSigstoreSideIsEnteredOnlyWhereTheLibraryIsAskedForFirst() {
    Set<String> entries = new HashSet<>();
    pools.forEach((name, pool) -> {
      if (!side.contains(name) && side.stream().anyMatch(s -> names(pool, s))) {
        entries.add(name);
      }
    });
    assertThat(entries).containsExactlyInAnyOrder(PLUGIN + "verify/KeylessVerifiers",
        PLUGIN + "signature/sign/SignerFactory");
    assertThat(entries).allSatisfy(entry -> assertThat(names(pools.get(entry), RUNTIME)).as(entry).isTrue());
  }

  @Test
  void theVersionToResolveIsTheOneTestedWith() throws Exception {
    Path tested = Path.of(dev.sigstore.KeylessSigner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(tested.getFileName().toString()).isEqualTo("sigstore-java-" + SigstoreStack.version() + ".jar");
  }

  /** Whether a constant pool names {@code type}, as a class or inside a descriptor or signature. */
  private static boolean names(Set<String> pool, String type) {
    return pool.stream().anyMatch(s -> s.equals(type) || s.contains("L" + type + ";") || s.contains("L" + type + "<")
        || s.startsWith(type + "$") || s.contains("L" + type + "$"));
  }

  private static Map<String, Set<String>> classes() throws URISyntaxException, IOException {
    Path root = Path.of(SigstoreStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Map<String, Set<String>> result = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name = root.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
        result.put(name, utf8Constants(file));
      }
    }
    return result;
  }

  /** The Utf8 entries of a class file's constant pool (JVMS 4.4). */
  private static Set<String> utf8Constants(Path file) throws IOException {
    Set<String> strings = new HashSet<>();
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      in.readInt(); // magic
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> strings.add(in.readUTF());
          case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
          case 15 -> in.skipNBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
          case 5, 6 -> {
            in.skipNBytes(8);
            i++;
          }
          default -> throw new IOException(file + ": constant pool tag " + tag);
        }
      }
    }
    return strings;
  }
}
