package io.github.dockerbuild.engine;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * docker-java's transport, on the JDK alone: HTTP/1.1 over the engine's Unix socket (a JDK 16+
 * {@link UnixDomainSocketAddress}) or a plain TCP address, one connection per request. It stands
 * in for docker-java's own transports, whose shaded HTTP client and native socket library cost
 * more to load than the two questions the plugin asks take to answer.
 */
final class SocketDockerHttpClient implements DockerHttpClient {
  private final URI host;
  private final Duration connectTimeout;
  private final Duration responseTimeout;

  /**
   * @param host {@code unix:///path} or {@code tcp://host:port} (no TLS)
   * @throws IllegalArgumentException for any other scheme
   */
  SocketDockerHttpClient(URI host, Duration connectTimeout, Duration responseTimeout) {
    if (!"unix".equals(host.getScheme()) && !"tcp".equals(host.getScheme())) {
      throw new IllegalArgumentException("not a unix:// or tcp:// engine address: " + host);
    }
    this.host = host;
    this.connectTimeout = connectTimeout;
    this.responseTimeout = responseTimeout;
  }


  @Override
  public Response execute(Request request) {
    Connection connection;
    try {
      connection = connect();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + host + ": " + e.getMessage(), e);
    }
    // a stuck engine cannot hold the build: the connection is closed when the answer is late
    CompletableFuture.delayedExecutor(responseTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(connection::close);
    try {
      write(connection.out(), request);
      return read(connection);
    } catch (IOException e) {
      connection.close();
      throw new UncheckedIOException(request.method() + " " + request.path() + " at " + host + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // one connection per request: nothing stays open
  }

  private record Connection(InputStream in, OutputStream out, AutoCloseable socket) {
    void close() {
      try {
        socket.close();
      } catch (Exception e) {
        // closing is all that is left to do
      }
    }
  }

  private Connection connect() throws IOException {
    if ("unix".equals(host.getScheme())) {
      SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(host.getPath()));
      return new Connection(new BufferedInputStream(Channels.newInputStream(channel)),
          Channels.newOutputStream(channel), channel);
    }
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host.getHost(), host.getPort() < 0 ? 2375 : host.getPort()),
        (int) connectTimeout.toMillis());
    socket.setSoTimeout((int) responseTimeout.toMillis());
    return new Connection(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream(), socket);
  }

  private static void write(OutputStream out, Request request) throws IOException {
    byte[] body = request.bodyBytes();
    if (body == null && request.body() != null) {
      body = request.body().readAllBytes();
    }
    StringBuilder head = new StringBuilder()
        .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
        .append("Host: docker\r\nConnection: close\r\n");
    request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  private static Response read(Connection connection) throws IOException {
    InputStream in = connection.in();
    String status = line(in);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP answer: " + status);
    }
    int code = Integer.parseInt(parts[1]);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon > 0) {
        headers.computeIfAbsent(header.substring(0, colon).trim(), k -> new ArrayList<>())
            .add(header.substring(colon + 1).trim());
      }
    }
    InputStream body = in;
    String encoding = first(headers, "Transfer-Encoding");
    String length = first(headers, "Content-Length");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = new Chunked(in);
    } else if (length != null) {
      body = new Limited(in, Long.parseLong(length));
    }
    InputStream answer = body;
    return new Response() {
      @Override
      public int getStatusCode() {
        return code;
      }

      @Override
      public Map<String, List<String>> getHeaders() {
        return headers;
      }

      @Override
      public InputStream getBody() {
        return answer;
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** One CRLF-ended line, without the CRLF. */
  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the engine closed the connection mid-answer");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** A body of a known length. */
  private static final class Limited extends FilterInputStream {
    private long left;

    Limited(InputStream in, long length) {
      super(in);
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  /** A chunked body (RFC 9112 7.1), trailers skipped. */
  static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    private boolean next() throws IOException {
      if (done) {
        return false;
      }
      if (left == 0) {
        String size = line(in);
        int semicolon = size.indexOf(';');
        left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (left == 0) {
          for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
            // trailers are not used
          }
          done = true;
          return false;
        }
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (!next()) {
        return -1;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n < 0) {
        throw new IOException("the engine closed the connection mid-chunk");
      }
      left -= n;
      if (left == 0) {
        line(in); // the CRLF after the chunk
      }
      return n;
    }
  }
}
