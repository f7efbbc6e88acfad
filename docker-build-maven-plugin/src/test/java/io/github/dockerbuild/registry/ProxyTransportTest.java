package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side of a proxy, against a stand-in proxy on loopback that records each request's
 * head and gives one canned answer. The registry's name is never resolved: only the proxy is
 * connected to. (The real proxy, with a registry reachable only through it, is the proxy IT's.)
 */
class ProxyTransportTest {
  static final String DIGEST = "sha256:" + "a".repeat(64);
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60));

  final List<String> lines = new CopyOnWriteArrayList<>();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  StandIn proxy;

  /** Answers every connection's first request with {@code answer} and records the request's head. */
  final class StandIn implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final List<List<String>> heads = new CopyOnWriteArrayList<>();
    final Thread thread;

    StandIn(String answer) throws IOException {
      thread = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> head = new ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
              head.add(line);
            }
            heads.add(head);
            OutputStream out = socket.getOutputStream();
            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
          } catch (IOException e) {
            // closed
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  @AfterEach
  void stop() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
  }

  RegistryClient client(Map<String, String> env) {
    return RegistryClient.builder()
        .tlsProbe(false)
        .insecureRegistries(Set.of("registry.test:5000"))
        .proxies(Proxies.resolve(List.of(), env))
        .onProxy(lines::add)
        .retryPolicy(FAST)
        .sleeper(sleeps::add)
        .random(() -> 0.5)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void aPlainHttpRegistryIsAskedThroughTheProxyWithItsCredentialsAtOnce() throws Exception {
    proxy = new StandIn("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    RegistryClient client = client(Map.of("HTTP_PROXY", "http://ci:pr0xy@127.0.0.1:" + proxy.port()));

    assertThat(client.checkBlob(ImageRef.parse("registry.test:5000/app:1"), Digest.parse(DIGEST))).isEmpty();
    assertThat(client.checkBlob(ImageRef.parse("registry.test:5000/app:1"), Digest.parse(DIGEST))).isEmpty();

    List<String> head = proxy.heads.get(0);
    assertThat(head.get(0)).isEqualTo("HEAD http://registry.test:5000/v2/app/blobs/" + DIGEST + " HTTP/1.1");
    assertThat(head).contains("Proxy-Authorization: Basic " + java.util.Base64.getEncoder()
        .encodeToString("ci:pr0xy".getBytes(StandardCharsets.UTF_8)));
    // said once per registry, naming the proxy and where it was configured, never its password
    assertThat(lines).containsExactly("registry.test:5000 through the proxy 127.0.0.1:" + proxy.port() + " (HTTP_PROXY)");
  }

  @Test
  void aProxyAskingForCredentialsFailsAtOnceSayingWhatToGive() throws Exception {
    proxy = new StandIn("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
        + "Content-Length: 0\r\n\r\n");
    RegistryClient client = client(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));

    assertThatThrownBy(() -> client.checkBlob(ImageRef.parse("registry.test:5000/app:1"), Digest.parse(DIGEST)))
        .isInstanceOf(RegistryException.class)
        .hasMessage("check blob registry.test:5000/app@" + DIGEST + ": the proxy 127.0.0.1:" + proxy.port()
            + " (HTTP_PROXY) answered 407 Proxy Authentication Required (registry registry.test:5000): give the "
            + "proxy's credentials as the user:password@ part of HTTP_PROXY");
    assertThat(proxy.heads).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aRefusedTunnelToAnHttpsRegistryIsTheProxysAndNotRetried() throws Exception {
    proxy = new StandIn("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
    RegistryClient client = client(Map.of("HTTPS_PROXY", "127.0.0.1:" + proxy.port()));

    assertThatThrownBy(() -> client.checkBlob(ImageRef.parse("registry.example:8443/app:1"), Digest.parse(DIGEST)))
        .hasMessageContaining("the proxy 127.0.0.1:" + proxy.port() + " (HTTPS_PROXY) refused the tunnel: "
            + "HTTP/1.1 403 Forbidden (registry registry.example:8443)")
        .hasMessageEndingWith("list the registry in NO_PROXY if it is reachable directly");
    assertThat(proxy.heads).hasSize(1);
    assertThat(proxy.heads.get(0).get(0)).isEqualTo("CONNECT registry.example:8443 HTTP/1.1");
  }

  @Test
  void aProxyThatIsNotThereIsRetriedThenNamed() throws Exception {
    try (ClosedPort closed = new ClosedPort()) {
      RegistryClient client = client(Map.of("HTTPS_PROXY", "http://127.0.0.1:" + closed.port()));
      assertThatThrownBy(() -> client.checkBlob(ImageRef.parse("ghcr.io/app:1"), Digest.parse(DIGEST)))
          .hasMessageContaining("the proxy 127.0.0.1:" + closed.port() + " (HTTPS_PROXY) cannot be reached")
          .hasMessageContaining("3 attempts")
          .hasMessageEndingWith("check the host and port of HTTPS_PROXY, and that the proxy runs");
      assertThat(sleeps).hasSize(2);
    }
  }

  @Test
  void aNameThatDoesNotResolveFailsAtOnce_directlyTheRegistrys_throughAProxyTheProxys() {
    RegistryClient direct = client(Map.of());
    assertThatThrownBy(() -> direct.checkBlob(ImageRef.parse("registry.example.invalid/app:1"), Digest.parse(DIGEST)))
        .hasMessage("check blob registry.example.invalid/app@" + DIGEST + ": the name registry.example.invalid does "
            + "not resolve here: check the registry host, or give the proxy that reaches it (a settings.xml <proxy>, "
            + "or HTTPS_PROXY)");
    assertThat(sleeps).isEmpty();

    RegistryClient proxied = client(Map.of("HTTPS_PROXY", "http://proxy.example.invalid:3128"));
    assertThatThrownBy(() -> proxied.checkBlob(ImageRef.parse("ghcr.io/app:1"), Digest.parse(DIGEST)))
        .hasMessageContaining("the proxy proxy.example.invalid:3128 (HTTPS_PROXY) cannot be reached (its name does "
            + "not resolve)")
        .hasMessageEndingWith("check the host and port of HTTPS_PROXY, and that the proxy runs");
  }

  @Test
  void noProxyAndLoopbackGoDirect() throws Exception {
    FakeRegistry registry = new FakeRegistry();
    try (registry) {
      proxy = new StandIn("HTTP/1.1 500 Nope\r\nContent-Length: 0\r\n\r\n");
      RegistryClient client = client(Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));
      assertThat(client.checkBlob(registry.ref("app:1"), Digest.parse(DIGEST))).isEmpty();
      assertThat(proxy.heads).isEmpty();
      assertThat(lines).isEmpty();
    }
  }
}
