package io.github.dockerbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process OCI registry on 127.0.0.1 for unit tests: manifests and blobs in maps, optional
 * bearer (token endpoint on the same server) or basic auth, scripted faults (429 with Retry-After,
 * 503, anything), refused mounts (202) and a switch for the referrers API.
 */
public final class FakeRegistry implements AutoCloseable {
  enum Auth { NONE, BEARER, BASIC }

  /** A request as the registry saw it. */
  record Request(String method, String path, String authorization, String contentType, int bodyLength) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  record Stored(byte[] bytes, String mediaType) {}

  /** The status of a fault that closes the connection without an answer. */
  private static final int DROP = -1;

  private record Fault(String method, Pattern path, int status, Map<String, String> headers, String body) {}

  private static final Pattern MANIFEST = Pattern.compile("/v2/(.+)/manifests/([^/]+)");
  private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[a-f0-9]{64})");
  private static final Pattern UPLOADS = Pattern.compile("/v2/(.+)/blobs/uploads/");
  private static final Pattern UPLOAD = Pattern.compile("/v2/(.+)/blobs/uploads/([0-9a-f-]+)");
  private static final Pattern REFERRERS = Pattern.compile("/v2/(.+)/referrers/(sha256:[a-f0-9]{64})");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final Map<String, Map<String, Stored>> manifests = new ConcurrentHashMap<>();
  final Map<String, Map<String, byte[]>> blobs = new ConcurrentHashMap<>();
  final Map<String, String> uploads = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final List<String> tokenScopes = new CopyOnWriteArrayList<>();
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final AtomicInteger tokenCounter = new AtomicInteger();

  volatile Auth auth = Auth.NONE;
  volatile String username;
  volatile String password;
  volatile boolean refuseMounts;
  volatile boolean referrersApi = true;
  volatile boolean immutableTags;
  volatile boolean sendDigestHeader = true;
  volatile String tokenField = "token";
  volatile String realmOverride;

  public FakeRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A client as unit tests use one: no HTTPS probe (this registry never answers one), no real waits. */
  public static RegistryClient.Builder client() {
    return RegistryClient.builder().tlsProbe(false).sleeper(d -> { }).requestTimeout(java.time.Duration.ofSeconds(10));
  }

  /** {@code 127.0.0.1:<port>}. */
  public String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public ImageRef ref(String repositoryAndReference) {
    return ImageRef.parse(host() + "/" + repositoryAndReference);
  }

  /** Requires this login (token endpoint for bearer; every request for basic). */
  FakeRegistry login(Auth mode, String user, String secret) {
    this.auth = mode;
    this.username = user;
    this.password = secret;
    return this;
  }

  /** Tokens issued so far stop working, as when they expire. */
  void expireTokens() {
    validTokens.clear();
  }

  /** The next request with this method whose path matches answers with this status instead. */
  public synchronized FakeRegistry fail(String method, String pathRegex, int status, Map<String, String> headers, String body) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), status, headers, body));
    return this;
  }

  public FakeRegistry fail(String method, String pathRegex, int status) {
    return fail(method, pathRegex, status, Map.of(), "");
  }

  /** The next request with this method whose path matches is read, then its connection closed unanswered. */
  public FakeRegistry drop(String method, String pathRegex) {
    return fail(method, pathRegex, DROP, Map.of(), "");
  }

  private final Map<String, Runnable> afterTagPut = new ConcurrentHashMap<>();

  /**
   * Runs {@code writer} once, right after the next PUT of {@code repository:tag} is stored: another
   * writer (a concurrent publish) moving the tag between this client's push and its read-back.
   */
  public FakeRegistry afterTagPut(String repository, String tag, Runnable writer) {
    afterTagPut.put(repository + ":" + tag, writer);
    return this;
  }

  /** Whether the registry answers the referrers API (true) or 404 like distribution 2.8 (false). */
  public FakeRegistry referrersApi(boolean on) {
    this.referrersApi = on;
    return this;
  }

  public Digest putBlob(String repository, byte[] bytes) {
    Digest digest = Digest.of(bytes);
    blobs.computeIfAbsent(repository, r -> new ConcurrentHashMap<>()).put(digest.value(), bytes);
    return digest;
  }

  public Digest putManifest(String repository, String tag, byte[] bytes, String mediaType) {
    Digest digest = Digest.of(bytes);
    Map<String, Stored> repo = manifests.computeIfAbsent(repository, r -> new ConcurrentHashMap<>());
    repo.put(digest.value(), new Stored(bytes, mediaType));
    if (tag != null) {
      repo.put(tag, new Stored(bytes, mediaType));
    }
    return digest;
  }

  /** The requests other than token requests, as "METHOD path". */
  public List<String> registryRequests() {
    return requests.stream().filter(r -> !r.path().startsWith("/token")).map(Request::toString).toList();
  }

  public long count(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
  }

  private synchronized Fault takeFault(String method, String path) {
    for (Fault fault : faults) {
      if (fault.method().equals(method) && fault.path().matcher(path).find()) {
        faults.remove(fault);
        return fault;
      }
    }
    return null;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String full = path + (query == null ? "" : "?" + query);
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      requests.add(new Request(method, full, exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestHeaders().getFirst("Content-Type"), body.length));
      if (path.equals("/token")) {
        if (method.equals("POST")) {
          oauthToken(exchange, new String(body, StandardCharsets.UTF_8));
        } else {
          token(exchange, query);
        }
        return;
      }
      Fault fault = takeFault(method, full);
      if (fault != null && fault.status() == DROP) {
        // closing an exchange before its response headers closes the connection
        return;
      }
      if (fault != null) {
        fault.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        send(exchange, fault.status(), fault.body().getBytes(StandardCharsets.UTF_8), "application/json");
        return;
      }
      if (!authorized(exchange)) {
        return;
      }
      route(exchange, method, path, query, body);
    }
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    switch (auth) {
      case NONE:
        return true;
      case BASIC:
        if (header != null && header.equals(basic(username, password))) {
          return true;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
        error(exchange, 401, "UNAUTHORIZED", "authentication required");
        return false;
      default:
        if (header != null && header.startsWith("Bearer ") && validTokens.contains(header.substring(7))) {
          return true;
        }
        String realm = realmOverride != null ? realmOverride : "http://" + host() + "/token";
        exchange.getResponseHeaders().add("WWW-Authenticate",
            "Bearer realm=\"" + realm + "\",service=\"fake-registry\",scope=\"repository:x:pull\"");
        error(exchange, 401, "UNAUTHORIZED", "authentication required");
        return false;
    }
  }

  static String basic(String user, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private void token(HttpExchange exchange, String query) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (username != null && !basic(username, password).equals(header)) {
      send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid username or password\"}]}"
          .getBytes(StandardCharsets.UTF_8), "application/json");
      return;
    }
    for (String part : (query == null ? "" : query).split("&")) {
      if (part.startsWith("scope=")) {
        tokenScopes.add(java.net.URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8));
      }
    }
    String token = "tok-" + tokenCounter.incrementAndGet();
    validTokens.add(token);
    send(exchange, 200, ("{\"" + tokenField + "\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  /** The OAuth2 refresh-token grant: {@code password} is the identity token it accepts. */
  private void oauthToken(HttpExchange exchange, String form) throws IOException {
    Map<String, String> fields = new java.util.HashMap<>();
    for (String part : form.split("&")) {
      String[] pair = part.split("=", 2);
      fields.put(pair[0], pair.length < 2 ? "" : java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
    }
    if (!"refresh_token".equals(fields.get("grant_type")) || !Credentials.IDENTITY_TOKEN_USER.equals(username)
        || !password.equals(fields.get("refresh_token"))) {
      send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid refresh token\"}]}"
          .getBytes(StandardCharsets.UTF_8), "application/json");
      return;
    }
    tokenScopes.add(fields.get("scope") + " client_id=" + fields.get("client_id"));
    String token = "tok-" + tokenCounter.incrementAndGet();
    validTokens.add(token);
    send(exchange, 200, ("{\"access_token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  private void route(HttpExchange exchange, String method, String path, String query, byte[] body) throws IOException {
    Matcher m;
    if ((m = REFERRERS.matcher(path)).matches()) {
      if (!referrersApi) {
        send(exchange, 404, "404 page not found\n".getBytes(StandardCharsets.UTF_8), "text/plain");
        return;
      }
      referrers(exchange, m.group(1), m.group(2));
    } else if ((m = UPLOAD.matcher(path)).matches()) {
      upload(exchange, method, m.group(1), m.group(2), query, body);
    } else if ((m = UPLOADS.matcher(path)).matches() && method.equals("POST")) {
      startUpload(exchange, m.group(1), query);
    } else if ((m = BLOB.matcher(path)).matches()) {
      byte[] blob = blobs.getOrDefault(m.group(1), Map.of()).get(m.group(2));
      if (blob == null) {
        error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry");
        return;
      }
      exchange.getResponseHeaders().add("Docker-Content-Digest", m.group(2));
      send(exchange, 200, blob, "application/octet-stream");
    } else if ((m = MANIFEST.matcher(path)).matches()) {
      manifest(exchange, method, m.group(1), m.group(2), body);
    } else {
      error(exchange, 404, "NAME_UNKNOWN", "no route " + path);
    }
  }

  private void manifest(HttpExchange exchange, String method, String repository, String reference, byte[] body)
      throws IOException {
    Map<String, Stored> repo = manifests.computeIfAbsent(repository, r -> new ConcurrentHashMap<>());
    if (method.equals("PUT")) {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (immutableTags && !reference.startsWith("sha256:") && repo.containsKey(reference)) {
        error(exchange, 400, "TAG_INVALID", "The image tag '" + reference + "' already exists in the '" + repository
            + "' repository and cannot be overwritten because the repository is immutable.");
        return;
      }
      Digest digest = putManifest(repository, reference.startsWith("sha256:") ? null : reference, body, contentType);
      Runnable writer = afterTagPut.remove(repository + ":" + reference);
      if (writer != null) {
        writer.run();
      }
      exchange.getResponseHeaders().add("Docker-Content-Digest", digest.value());
      exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/manifests/" + digest);
      send(exchange, 201, new byte[0], null);
      return;
    }
    Stored stored = repo.get(reference);
    if (stored == null) {
      error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
      return;
    }
    if (sendDigestHeader) {
      exchange.getResponseHeaders().add("Docker-Content-Digest", Digest.of(stored.bytes()).value());
    }
    send(exchange, 200, stored.bytes(), stored.mediaType());
  }

  private void startUpload(HttpExchange exchange, String repository, String query) throws IOException {
    if (query != null && query.startsWith("mount=")) {
      Matcher m = Pattern.compile("mount=([^&]+)&from=(.+)").matcher(query);
      if (m.matches() && !refuseMounts) {
        byte[] blob = blobs.getOrDefault(m.group(2), Map.of()).get(m.group(1));
        if (blob != null) {
          blobs.computeIfAbsent(repository, r -> new ConcurrentHashMap<>()).put(m.group(1), blob);
          exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/" + m.group(1));
          exchange.getResponseHeaders().add("Docker-Content-Digest", m.group(1));
          send(exchange, 201, new byte[0], null);
          return;
        }
      }
    }
    String id = UUID.randomUUID().toString();
    uploads.put(id, repository);
    exchange.getResponseHeaders().add("Location", "/v2/" + repository + "/blobs/uploads/" + id + "?_state=abc");
    exchange.getResponseHeaders().add("Docker-Upload-UUID", id);
    send(exchange, 202, new byte[0], null);
  }

  private void upload(HttpExchange exchange, String method, String repository, String id, String query, byte[] body)
      throws IOException {
    if (!uploads.containsKey(id)) {
      error(exchange, 404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
      return;
    }
    if (method.equals("DELETE")) {
      uploads.remove(id);
      send(exchange, 204, new byte[0], null);
      return;
    }
    Matcher m = Pattern.compile("(?:^|&)digest=([^&]+)").matcher(query == null ? "" : query);
    if (!method.equals("PUT") || !m.find()) {
      error(exchange, 400, "UNSUPPORTED", "only monolithic PUT uploads");
      return;
    }
    String digest = java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    if (!Digest.of(body).value().equals(digest)) {
      error(exchange, 400, "DIGEST_INVALID", "provided digest did not match uploaded content");
      return;
    }
    uploads.remove(id);
    putBlob(repository, body);
    exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
    send(exchange, 201, new byte[0], null);
  }

  private void referrers(HttpExchange exchange, String repository, String subject) throws IOException {
    List<DescriptorTemplate> found = new ArrayList<>();
    for (Map.Entry<String, Stored> entry : manifests.getOrDefault(repository, Map.of()).entrySet()) {
      if (!entry.getKey().startsWith("sha256:")) {
        continue;
      }
      JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(entry.getValue().bytes());
      if (json.path("subject").path("digest").asText("").equals(subject)) {
        found.add(new DescriptorTemplate(entry.getValue().mediaType(), entry.getKey(), entry.getValue().bytes().length,
            null, json.path("artifactType").asText(null), null));
      }
    }
    found.sort(java.util.Comparator.comparing(DescriptorTemplate::digest));
    send(exchange, 200, OciIndexTemplate.of(found, null).toBytes(), MediaTypes.OCI_INDEX);
  }

  private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    send(exchange, status, ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}")
        .getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
    }
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
