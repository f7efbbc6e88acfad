package io.github.dockerbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange over the JDK's {@link HttpURLConnection}, which keeps idle connections for
 * reuse. Chosen over {@code java.net.http.HttpClient} for start-up: on a cold JVM the latter's first
 * client costs about 0.4 s (its selector thread, and the default TLS context with the JDK's CA
 * store, even for plain HTTP), where this transport sends five plain-HTTP requests in under 0.1 s
 * and builds TLS only for an HTTPS registry. No redirect is followed and no cache is used; a proxy
 * is used as {@link Proxies} says, never the JVM's default selector; and the JVM's default
 * authenticator is never asked: the client handles all of that itself.
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

  /** The JDK's list of schemes it does not answer an HTTPS tunnel's 407 with; Basic by default. */
  static final String TUNNELING_DISABLED = "jdk.http.auth.tunneling.disabledSchemes";

  private final Duration connectTimeout;
  private final SSLContext ssl;
  private final Proxies proxies;
  private volatile SSLSocketFactory sslFactory;

  /**
   * @param ssl the TLS context of HTTPS registries, or null for the JDK's default
   * @param proxies which requests go through which proxy
   */
  HttpTransport(Duration connectTimeout, SSLContext ssl, Proxies proxies) {
    this.connectTimeout = connectTimeout;
    this.ssl = ssl;
    this.proxies = proxies;
    if (proxies.tunnelsWithCredentials() && System.getProperty(TUNNELING_DISABLED) == null) {
      // the JDK refuses Basic for CONNECT unless told otherwise, and reads this once, at its first
      // HTTP connection: a proxy the user gave credentials for is to be answered with them
      System.setProperty(TUNNELING_DISABLED, "");
    }
  }

  /** The proxy a request to this URI goes through, or empty for a direct connection. */
  Optional<Proxies.Proxy> route(URI uri) {
    return proxies.forRegistry(uri.getScheme(), uri.getRawAuthority());
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
    Optional<Proxies.Proxy> route = route(uri);
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(route
        .map(proxy -> new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())))
        .orElse(Proxy.NO_PROXY));
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setAuthenticator(route.filter(proxy -> proxy.credentials() != null)
        .<java.net.Authenticator>map(ProxyAuthenticator::new).orElse(NO_AUTHENTICATOR));
    connection.setConnectTimeout(millis(connectTimeout));
    connection.setReadTimeout(timeout == null ? 0 : millis(timeout));
    if (ssl != null && connection instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(sslFactory());
    }
    connection.setRequestMethod(method);
    headers.forEach(connection::setRequestProperty);
    if (route.isPresent() && route.get().credentials() != null && uri.getScheme().equals("http")) {
      // sent at once: a streamed body could not be sent again after a 407
      connection.setRequestProperty("Proxy-Authorization", basic(route.get().credentials()));
    }
    try {
      return answer(connection, method, body, resendable, route);
    } catch (ProxyFailure e) {
      connection.disconnect();
      throw e;
    } catch (IOException e) {
      connection.disconnect();
      throw route.isEmpty() ? e : ProxyFailure.about(route.get(), e);
    } catch (RuntimeException e) {
      connection.disconnect();
      throw e;
    }
  }

  private static Answer answer(HttpURLConnection connection, String method, RequestBody body, boolean resendable,
      Optional<Proxies.Proxy> route) throws IOException {
    try {
      if (body != null) {
        send(connection, body, resendable);
      } else if (method.equals("POST") || method.equals("PUT")) {
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(0L);
        connection.getOutputStream().close();
      }
      int status = connection.getResponseCode();
      if (status == 407 && route.isPresent()) {
        throw new ProxyFailure(route.get(), 407, "answered 407 Proxy Authentication Required", null);
      }
      InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      return new Answer(status, headers(connection), stream == null ? InputStream.nullInputStream() : stream);
    } catch (HttpRetryException e) {
      // a streamed body answered 401 or 407: the connection refuses to read further, the status stands
      connection.disconnect();
      if (e.responseCode() == 407 && route.isPresent()) {
        throw new ProxyFailure(route.get(), 407, "answered 407 Proxy Authentication Required", e);
      }
      return new Answer(e.responseCode(), headers(connection), InputStream.nullInputStream());
    }
  }

  private static String basic(Credentials credentials) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(
        (credentials.username() + ":" + credentials.secret()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Answers the one proxy a connection goes through with its credentials, and nothing else. */
  private static final class ProxyAuthenticator extends java.net.Authenticator {
    private final Proxies.Proxy proxy;

    ProxyAuthenticator(Proxies.Proxy proxy) {
      this.proxy = proxy;
    }

    @Override
    protected PasswordAuthentication getPasswordAuthentication() {
      if (getRequestorType() != RequestorType.PROXY || getRequestingPort() != proxy.port()
          || getRequestingHost() == null || !getRequestingHost().equalsIgnoreCase(proxy.host())) {
        return null;
      }
      return new PasswordAuthentication(proxy.credentials().username(), proxy.credentials().secret().toCharArray());
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
