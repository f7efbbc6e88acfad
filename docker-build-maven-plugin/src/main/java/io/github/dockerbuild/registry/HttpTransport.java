package io.github.dockerbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange over the JDK's {@link HttpURLConnection}, which keeps idle connections for
 * reuse. Chosen over {@code java.net.http.HttpClient} for start-up: on a cold JVM the latter's first
 * client costs about 0.4 s (its selector thread, and the default TLS context with the JDK's CA
 * store, even for plain HTTP), where this transport sends five plain-HTTP requests in under 0.1 s
 * and builds TLS only for an HTTPS registry. No redirect is followed, no cache or proxy is used, and
 * the JVM's default authenticator is never asked: the client handles all of that itself.
 */
final class HttpTransport {
  /** Answers every authentication request with nothing, so a JVM-wide default is never consulted. */
  private static final java.net.Authenticator NO_AUTHENTICATOR = new java.net.Authenticator() {
    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
      return null;
    }
  };
  private static final int CHUNK = 64 * 1024;
  /** The largest body a resendable request sends buffered. */
  private static final long BUFFERED = 1024 * 1024;

  private final Duration connectTimeout;
  private final SSLContext ssl;
  private volatile SSLSocketFactory sslFactory;

  /** @param ssl the TLS context of HTTPS registries, or null for the JDK's default */
  HttpTransport(Duration connectTimeout, SSLContext ssl) {
    this.connectTimeout = connectTimeout;
    this.ssl = ssl;
  }

  /** What came back: status, headers (names in any case), and the body to read and close. */
  record Answer(int status, Map<String, List<String>> headers, InputStream body) {}

  /**
   * Sends one request and reads the answer's status and headers. A body is streamed, so it is sent
   * once: a failure is the caller's to retry, and counted. Only a {@code resendable} request (the
   * token form, which asking twice cannot harm) is buffered, which keeps the body of a 401 answer
   * readable, and which the JDK sends once more when its connection drops before any answer, as it
   * does for a GET or HEAD (a kept-alive connection the server had closed).
   *
   * @param timeout how long each read may wait, or null for no limit
   */
  Answer exchange(String method, URI uri, Map<String, String> headers, RequestBody body, Duration timeout,
      boolean resendable) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setAuthenticator(NO_AUTHENTICATOR);
    connection.setConnectTimeout(millis(connectTimeout));
    connection.setReadTimeout(timeout == null ? 0 : millis(timeout));
    if (ssl != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(sslFactory());
    }
    connection.setRequestMethod(method);
    headers.forEach(connection::setRequestProperty);
    try {
      if (body != null) {
        send(connection, body, resendable);
      } else if (method.equals("POST") || method.equals("PUT")) {
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(0L);
        connection.getOutputStream().close();
      }
      int status = connection.getResponseCode();
      InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      return new Answer(status, headers(connection), stream == null ? InputStream.nullInputStream() : stream);
    } catch (HttpRetryException e) {
      // a streamed body answered 401 or 407: the connection refuses to read further, the status stands
      connection.disconnect();
      return new Answer(e.responseCode(), headers(connection), InputStream.nullInputStream());
    } catch (IOException | RuntimeException e) {
      connection.disconnect();
      throw e;
    }
  }

  private static void send(HttpURLConnection connection, RequestBody body, boolean resendable) throws IOException {
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", body.contentType());
    if (resendable && body.repeatable() && body.length() >= 0 && body.length() <= BUFFERED) {
      // buffered, not streamed: a 401 answer keeps its body (the token server's reason) readable
    } else if (body.length() >= 0) {
      connection.setFixedLengthStreamingMode(body.length());
    } else {
      connection.setChunkedStreamingMode(CHUNK);
    }
    try (InputStream in = body.content().open(); OutputStream out = connection.getOutputStream()) {
      in.transferTo(out);
    }
  }

  private static Map<String, List<String>> headers(HttpURLConnection connection) {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    connection.getHeaderFields().forEach((name, values) -> {
      if (name != null) {
        headers.merge(name, List.copyOf(values), (a, b) -> {
          List<String> all = new java.util.ArrayList<>(a);
          all.addAll(b);
          return List.copyOf(all);
        });
      }
    });
    return headers;
  }

  private SSLSocketFactory sslFactory() {
    SSLSocketFactory factory = sslFactory;
    if (factory == null) {
      factory = ssl.getSocketFactory();
      sslFactory = factory;
    }
    return factory;
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }
}
