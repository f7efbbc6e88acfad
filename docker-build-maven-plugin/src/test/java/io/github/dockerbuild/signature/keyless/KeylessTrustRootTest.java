package io.github.dockerbuild.signature.keyless;

import io.github.dockerbuild.registry.ClosedPort;
import io.github.dockerbuild.signature.SigstoreFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeylessTrustRootTest {
  @TempDir Path temp;
  private ClosedPort closedPort;

  @BeforeEach
  void holdAClosedPort() throws IOException {
    closedPort = new ClosedPort();
  }

  @AfterEach
  void releaseThePort() throws IOException {
    closedPort.close();
  }

  @Test
  void fromFile_readsCasCtLogsAndTlogs() throws Exception {
    SigstoreTrustedRoot root = KeylessTrustRoot.fromFile(SigstoreFixtures.trustedRootFile());

    assertThat(root.getCAs()).hasSize(1);
    assertThat(root.getTLogs()).hasSize(1);
    assertThat(root.getCTLogs()).hasSize(1);
    assertThat(root.getTLogs().get(0).getBaseUrl()).hasHost("rekor.sigstore.mock");
  }

  @Test
  void fromFile_missing_saysPointItAtATrustedRoot() {
    TrustRootException e = catchThrowableOfType(TrustRootException.class,
        () -> KeylessTrustRoot.fromFile(temp.resolve("nope.json")));

    assertThat(e).hasMessage(KeylessTrustRoot.TRUSTED_ROOT_PARAMETER + " '" + temp.resolve("nope.json")
        + "' does not exist: point it at a trusted_root.json (e.g. from the TUF repository of your Sigstore)");
  }

  @Test
  void fromFile_notATrustRoot_saysSo() throws IOException {
    Path file = Files.writeString(temp.resolve("trusted_root.json"), "{\"mediaType\": 42, \"tlogs\": \"x\"}");

    TrustRootException e = catchThrowableOfType(TrustRootException.class, () -> KeylessTrustRoot.fromFile(file));

    assertThat(e.getMessage()).startsWith(KeylessTrustRoot.TRUSTED_ROOT_PARAMETER + " '" + file
        + "' is JSON but not a Sigstore trusted root (no valid certificateAuthorities, tlogs and ctlogs): point it at a"
        + " trusted_root.json (e.g. from the TUF repository of your Sigstore)");
  }

  @Test
  void fromFile_notJson_saysSoInOnePlainLine() throws IOException {
    Path file = Files.writeString(temp.resolve("trusted_root.json"), "-----BEGIN CERTIFICATE-----\nMIIB\n");

    TrustRootException e = catchThrowableOfType(TrustRootException.class, () -> KeylessTrustRoot.fromFile(file));

    assertThat(e).hasMessage(KeylessTrustRoot.TRUSTED_ROOT_PARAMETER + " '" + file + "' is not JSON (line 1, column 1):"
        + " point it at a trusted_root.json (e.g. from the TUF repository of your Sigstore)");
  }

  @Test
  void fromFile_withoutLogs_saysKeylessNeedsThem() throws IOException {
    Path file = Files.writeString(temp.resolve("trusted_root.json"),
        "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}");

    TrustRootException e = catchThrowableOfType(TrustRootException.class, () -> KeylessTrustRoot.fromFile(file));

    assertThat(e).hasMessageContaining("has 0 certificate authorities and 0 transparency logs");
  }

  @Test
  void fromTuf_mirrorUnreachable_nothingCached_failsFastSayingGiveATrustedRoot() throws IOException {
    URI closed = mirror(closedPort);
    Path cache = temp.resolve("tuf");

    TrustRootException e = catchThrowableOfType(TrustRootException.class, () -> KeylessTrustRoot.fromTuf(closed,
        RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE), cache, Duration.ofSeconds(2)));

    assertThat(e.getMessage())
        .startsWith("cannot reach the Sigstore TUF mirror " + closed + " (")
        .contains("and " + cache + " holds no cached trust root")
        .endsWith(": give a trusted_root.json with " + KeylessTrustRoot.TRUSTED_ROOT_PARAMETER
            + " to work offline or against a private Sigstore")
        .doesNotContain("\n");
  }

  @Test
  void fromTuf_mirrorUnreachable_usesTheCachedTrustRoot() throws Exception {
    Path cache = temp.resolve("tuf");
    Path cached = KeylessTrustRoot.cachedTrustedRoot(cache);
    Files.createDirectories(cached.getParent());
    Files.copy(SigstoreFixtures.trustedRootFile(), cached);

    SigstoreTrustedRoot root = KeylessTrustRoot.fromTuf(mirror(closedPort),
        RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE), cache, Duration.ofSeconds(2));

    assertThat(root.getTLogs().get(0).getBaseUrl()).hasHost("rekor.sigstore.mock");
  }

  @Test
  void probe_reachableLoopbackServer_isEmpty() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");

      assertThat(KeylessTrustRoot.probe(uri, Duration.ofSeconds(2))).isEmpty();
    }
  }

  @Test
  void publicGood_sigstoreJavaEmbedsOnlyTheTufRoot() throws Exception {
    // the TUF root.json is embedded; the trusted_root.json (keys and CAs) only comes from the mirror
    String tufRoot = RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE).get();

    assertThat(tufRoot).contains("\"_type\"", "\"root\"");
    assertThat(SigstoreTufClient.class.getClassLoader().getResource("dev/sigstore/tuf/sigstore-tuf-root/"
        + KeylessTrustRoot.TRUSTED_ROOT_FILE)).isNull();
  }

  /** A mirror address that refuses connections while the test runs. */
  private static URI mirror(ClosedPort port) {
    return URI.create("http://127.0.0.1:" + port.port() + "/");
  }
}
