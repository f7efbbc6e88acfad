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
 * sigstore-java, docker-java and Bouncy Castle are not in the realm Maven makes at start-up ({@link RealmLibrary}).
 * The classes that name a library's types, or those of the libraries that come with it, form "its
 * side"; other classes may name a class of that side only in the few entry points that first ask for
 * the library ({@code LazyLibrary.require}). Checked on the compiled classes' constant pools: a new
 * path into a side that skipped the entry points would fail with NoClassDefFoundError in a real build.
 */
class LibraryBoundaryTest {
  private static final String PLUGIN = "io/github/dockerbuild/";
  private static final String LAZY = PLUGIN + "config/LazyLibrary";

  /** class name → the class names and descriptors of its constant pool. */
  private static Map<String, Set<String>> pools;

  @BeforeAll
  static void readClasses() throws Exception {
    pools = classes();
  }

  /** The classes naming any of {@code stack}, with their nested classes (reached through them). */
  private static Set<String> side(List<String> stack) {
    Set<String> side = pools.entrySet().stream()
        .filter(e -> !e.getKey().equals(PLUGIN + "mojo/RealmLibrary")) // names a class file of each, to find it
        .filter(e -> e.getValue().stream().anyMatch(s -> stack.stream().anyMatch(s::contains)))
        .map(Map.Entry::getKey).collect(Collectors.toCollection(java.util.TreeSet::new));
    Set<String> outers = Set.copyOf(side);
    pools.keySet().stream().filter(n -> outers.stream().anyMatch(o -> n.startsWith(o + "$"))).forEach(side::add);
    return side;
  }

  /** The classes outside {@code side} that name a class of it. */
  private static Set<String> entries(Set<String> side) {
    Set<String> entries = new HashSet<>();
    pools.forEach((name, pool) -> {
      if (!side.contains(name) && side.stream().anyMatch(s -> names(pool, s))) {
        entries.add(name);
      }
    });
    return entries;
  }

  /** Whether an entry asks for {@code library} ({@code LazyLibrary.FIELD}) before it enters the side. */
  private static boolean asksFor(String entry, String field) {
    Set<String> pool = pools.get(entry);
    return names(pool, LAZY) && pool.contains(field);
  }

  private static final List<String> SIGSTORE = List.of("dev/sigstore/", "io/grpc/", "com/google/protobuf/",
      "com/google/gson/", "com/google/api/client/", "org/apache/http/", "io/opencensus/");
  private static final List<String> DOCKER_JAVA = List.of("com/github/dockerjava/", "com/sun/jna/");

  @Test
  void keyBasedSigningAndVerificationWithoutTheLogStayOffTheSigstoreSide() {
    Set<String> side = side(SIGSTORE);
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
    Set<String> entries = entries(side(SIGSTORE));
    assertThat(entries).containsExactlyInAnyOrder(PLUGIN + "verify/KeylessVerifiers",
        PLUGIN + "signature/sign/SignerFactory");
    assertThat(entries).allSatisfy(entry -> assertThat(asksFor(entry, "SIGSTORE")).as(entry).isTrue());
  }

  @Test
  void docker_javaIsNamedOnlyByTheEngineQueries_enteredOnlyByTheProbeAfterAskingForIt() {
    Set<String> side = side(DOCKER_JAVA);
    assertThat(side).contains(PLUGIN + "engine/DockerJavaQueries", PLUGIN + "engine/SocketDockerHttpClient",
            PLUGIN + "engine/EngineTls")
        .doesNotContain(PLUGIN + "engine/EngineProbe", PLUGIN + "engine/EngineFacts",
            PLUGIN + "engine/PreflightChecks", PLUGIN + "engine/BuilderFacts")
        .allSatisfy(name -> assertThat(name).startsWith(PLUGIN + "engine/"));
    Set<String> entries = entries(side);
    assertThat(entries).containsExactly(PLUGIN + "engine/EngineProbe");
    assertThat(asksFor(PLUGIN + "engine/EngineProbe", "DOCKER_JAVA")).isTrue();
  }

  private static final List<String> BOUNCY_CASTLE = List.of("org/bouncycastle/");

  @Test
  void bouncyCastleIsEnteredAfterAskingForIt_orFromTheSigstoreSide_whichBringsIt() {
    Set<String> side = side(BOUNCY_CASTLE);
    assertThat(side).contains(PLUGIN + "engine/EngineTls", PLUGIN + "signature/sign/PrivateKeys",
        PLUGIN + "signature/keyless/CertificateClaims");
    Set<String> sigstore = side(SIGSTORE);
    Set<String> dockerJava = side(DOCKER_JAVA);
    Set<String> entries = entries(side);
    assertThat(entries).contains(PLUGIN + "signature/sign/SignerFactory", PLUGIN + "engine/DockerJavaQueries");
    assertThat(entries).allSatisfy(entry -> assertThat(asksFor(entry, "BOUNCY_CASTLE")
        || sigstore.contains(entry) || dockerJava.contains(entry)).as(entry).isTrue());
    // the docker-java side is entered by the probe only, which asks for Bouncy Castle too (for TLS)
    assertThat(asksFor(PLUGIN + "engine/EngineProbe", "BOUNCY_CASTLE")).isTrue();
  }

  @Test
  void theVersionsToResolveAreTheOnesTestedWith() throws Exception {
    assertThat(jarOf(dev.sigstore.KeylessSigner.class))
        .isEqualTo("sigstore-java-" + RealmLibrary.SIGSTORE.version() + ".jar");
    assertThat(jarOf(com.github.dockerjava.zerodep.ZerodepDockerHttpClient.class))
        .isEqualTo("docker-java-transport-zerodep-" + RealmLibrary.DOCKER_JAVA.version() + ".jar");
    assertThat(jarOf(org.bouncycastle.openssl.PEMParser.class))
        .isEqualTo("bcpkix-jdk18on-" + RealmLibrary.BOUNCY_CASTLE.version() + ".jar");
  }

  private static String jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
  }

  /** Whether a constant pool names {@code type}, as a class or inside a descriptor or signature. */
  private static boolean names(Set<String> pool, String type) {
    return pool.stream().anyMatch(s -> s.equals(type) || s.contains("L" + type + ";") || s.contains("L" + type + "<")
        || s.startsWith(type + "$") || s.contains("L" + type + "$"));
  }

  private static Map<String, Set<String>> classes() throws URISyntaxException, IOException {
    Path root = Path.of(RealmLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
