package io.github.dockerbuild.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The JDK-only transport against a stand-in engine on a real Unix socket. */
@Timeout(30)
class SocketDockerHttpClientTest {
  @TempDir Path dir;

  private ServerSocketChannel server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /** Answers every connection with {@code answer}, after reading the request head. */
  private Path engine(String answer) throws IOException {
    return engine(head -> answer);
  }

  /** Answers each connection with what {@code answer} makes of its request head; null: never answers. */
  private Path engine(java.util.function.Function<String, String> answer) throws IOException {
    Path socket = dir.resolve("docker.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread t = new Thread(() -> {
      while (server.isOpen()) {
        try (SocketChannel c = server.accept()) {
          String head = head(c);
          requests.add(head);
          String reply = answer.apply(head);
          if (reply != null) {
            c.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.ISO_8859_1)));
          } else {
            Thread.sleep(120_000); // an engine that never answers (longer than the test may take)
          }
        } catch (IOException | InterruptedException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return socket;
  }

  private static String head(SocketChannel c) throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (!in.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n") && c.read(one) > 0) {
      in.write(one.array()[0]);
      one.clear();
    }
    return in.toString(StandardCharsets.ISO_8859_1);
  }

  private static SocketDockerHttpClient client(Path socket, Duration timeout) {
    return new SocketDockerHttpClient(java.net.URI.create("unix://" + socket), Duration.ofSeconds(2), timeout);
  }

  private static String body(DockerHttpClient.Response r) throws IOException {
    try (InputStream in = r.getBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** What a GET of {@code path} answered: status, one header, body; the connection is closed. */
  private record Answer(int status, String contentType, String body) {}

  private static Answer get(Path socket, Duration timeout, String path) throws IOException {
    try (DockerHttpClient.Response r = client(socket, timeout).execute(request(path))) {
      return new Answer(r.getStatusCode(), r.getHeader("content-type"), body(r));
    }
  }

  private static DockerHttpClient.Request request(String path) {
    return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build();
  }

  @Test
  void lengthDelimitedAnswer() throws Exception {
    Path socket = engine("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n"
        + "{\"a\":\"b\"}\r\nxx-not-read");

    assertThat(get(socket, Duration.ofSeconds(5), "/version"))
        .isEqualTo(new Answer(200, "application/json", "{\"a\":\"b\"}\r\nxx"));
    assertThat(requests).singleElement().asString()
        .startsWith("GET /version HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n");
  }

  @Test
  void chunkedAnswer_isDecoded() throws Exception {
    Path socket = engine("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "4\r\n{\"a\"\r\n6;ext=1\r\n:\"bc\"}\r\n0\r\nX-Trailer: t\r\n\r\n");

    assertThat(get(socket, Duration.ofSeconds(5), "/info").body()).isEqualTo("{\"a\":\"bc\"}");
  }

  @Test
  void answerUntilClose_andErrorStatus() throws Exception {
    Path socket = engine("HTTP/1.0 404 Not Found\r\n\r\n{\"message\":\"page not found\"}");

    assertThat(get(socket, Duration.ofSeconds(5), "/nope"))
        .isEqualTo(new Answer(404, null, "{\"message\":\"page not found\"}"));
  }

  @Test
  void noEngine_failsNamingTheAddress() {
    UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class,
        () -> get(dir.resolve("none.sock"), Duration.ofSeconds(5), "/version"));

    assertThat(e).hasMessageStartingWith("cannot connect to unix://" + dir.resolve("none.sock"));
  }

  @Test
  void silentEngine_isGivenUpOnAfterTheTimeout() throws Exception {
    Path socket = engine((String) null);

    UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class,
        () -> get(socket, Duration.ofMillis(300), "/version"));

    // without the timeout the engine would hold the call past the test's own limit
    assertThat(e).hasMessageContaining("GET /version at unix://" + socket);
  }

  @Test
  void theEngineQueries_overThisTransport_readVersionAndInfo() throws Exception {
    String version = "{\"Version\":\"26.1.5\",\"ApiVersion\":\"1.45\",\"Os\":\"linux\",\"Arch\":\"arm64\"}";
    String info = "{\"Architecture\":\"aarch64\",\"DriverStatus\":[[\"driver-type\",\"io.containerd.snapshotter.v1\"]]}";
    Path socket = engine(head -> {
      String json = head.contains("/version") ? version : info;
      return "HTTP/1.1 200 OK\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
    });
    DockerEndpoint endpoint = new DockerEndpoint("unix://" + socket, "test");

    EngineFacts facts = DockerJavaQueries.engine(endpoint, "app");

    assertThat(facts).isEqualTo(new EngineFacts(endpoint, "26.1.5", "1.45", "linux/arm64", true));
    assertThat(requests).extracting(r -> r.lines().findFirst().orElse(""))
        .containsExactly("GET /version HTTP/1.1", "GET /info HTTP/1.1");
  }
}
