package io.github.dockerbuild.signature.sign.standin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;

/**
 * A local Sigstore for keyless signing tests, offline: a Fulcio (gRPC over TLS), a Rekor (HTTP),
 * and GitHub Actions' ID token service, issuing from test keys that its {@code trusted_root.json}
 * names. sigstore-java's keyless signer accepts what it issues (chain, embedded SCT, SET, inclusion
 * proof, checkpoint), and so do cosign and the verify goal given that trust root.
 *
 * <p>The JVM that talks to Fulcio must trust its TLS certificate: point {@code
 * javax.net.ssl.trustStore} at {@link #trustStore()} (password {@link #trustStorePassword()}),
 * which holds the JDK's CAs too.
 *
 * <p>Its directory also gets the CA and the log keys as PEM files ({@code fulcio-root.pem},
 * {@code rekor.pub}, {@code ctlog.pub}). Run as a process ({@link #main}) it writes {@code
 * standin.properties} into its directory once it serves, and stops when its standard input ends.
 */
public final class SigstoreStandIn implements AutoCloseable {
  public static final String ISSUER = "https://oidc.standin.example";
  public static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final StandInPki pki = new StandInPki();
  private final FulcioStandIn fulcio;
  private final RekorStandIn rekor;
  private final HttpServer http;
  private final String githubBearer = UUID.randomUUID().toString();

  private SigstoreStandIn(Path dir) throws IOException {
    this.dir = dir;
    this.fulcio = new FulcioStandIn(pki);
    this.rekor = new RekorStandIn(pki, "127.0.0.1");
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    http.createContext("/api/v1/log/entries", rekor::handle);
    http.createContext("/github-token", this::githubToken);
    http.createContext("/stats", exchange -> respond(exchange, 200, JSON.writeValueAsString(JSON.createObjectNode()
        .put("certificates", certificatesIssued()).put("entries", entriesLogged()))));
    http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "rekor-standin");
      t.setDaemon(true);
      return t;
    }));
    http.start();
    Files.createDirectories(dir);
    pki.writeTrustedRoot(trustedRoot(), fulcioUrl(), rekorUrl());
    pki.writeTrustStore(trustStore());
    // the same keys as PEM files, for cosign 2.x's legacy verification (SIGSTORE_ROOT_FILE,
    // SIGSTORE_REKOR_PUBLIC_KEY, SIGSTORE_CT_LOG_PUBLIC_KEY_FILE), which otherwise asks TUF
    Files.writeString(dir.resolve("fulcio-root.pem"), StandInPki.pem(pki.fulcioCa));
    Files.writeString(dir.resolve("rekor.pub"), StandInPki.pem("PUBLIC KEY", pki.rekorKeys.getPublic().getEncoded()));
    Files.writeString(dir.resolve("ctlog.pub"), StandInPki.pem("PUBLIC KEY", pki.ctLogKeys.getPublic().getEncoded()));
  }

  /** Starts Fulcio, Rekor and the token service; writes the trust root and trust store into {@code dir}. */
  public static SigstoreStandIn start(Path dir) throws IOException {
    return new SigstoreStandIn(dir);
  }

  public URI fulcioUrl() {
    return fulcio.url();
  }

  public URI rekorUrl() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  public Path trustedRoot() {
    return dir.resolve("trusted_root.json");
  }

  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  public String trustStorePassword() {
    return StandInPki.TRUST_STORE_PASSWORD;
  }

  /** GitHub's {@code ACTIONS_ID_TOKEN_REQUEST_URL}: the client appends {@code &audience=...}. */
  public String githubRequestUrl() {
    return rekorUrl() + "/github-token?api-version=2.0";
  }

  /** GitHub's {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, the bearer the token service requires. */
  public String githubRequestToken() {
    return githubBearer;
  }

  public int certificatesIssued() {
    return fulcio.issued.get();
  }

  public int certificatesRefused() {
    return fulcio.refused.get();
  }

  public int entriesLogged() {
    return rekor.entries();
  }

  /** The next {@code count} Fulcio requests fail with UNAVAILABLE. */
  public void failFulcio(int count) {
    fulcio.unavailable.set(count);
  }

  /** The next {@code count} Rekor requests fail with 503. */
  public void failRekor(int count) {
    rekor.unavailable.set(count);
  }

  /** Failures still to serve, Fulcio's plus Rekor's: 0 once every requested failure was answered. */
  public int failuresLeft() {
    return fulcio.unavailable.get() + rekor.unavailable.get();
  }

  /** An identity token for {@code email} from this stand-in's issuer, audience {@code sigstore}. */
  public static String emailToken(String email) {
    ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", email).put("email", email)
        .put("email_verified", true).put("aud", "sigstore");
    return jwt(claims);
  }

  /** A token as GitHub Actions issues one for a push to main of {@code owner/repo}'s release workflow. */
  public static String githubToken(String repository, String audience) {
    String workflowRef = repository + "/.github/workflows/release.yml@refs/heads/main";
    ObjectNode claims = JSON.createObjectNode().put("iss", GITHUB_ISSUER)
        .put("sub", "repo:" + repository + ":ref:refs/heads/main").put("aud", audience)
        .put("repository", repository).put("ref", "refs/heads/main")
        .put("sha", "0123456789abcdef0123456789abcdef01234567").put("event_name", "push").put("workflow", "release")
        .put("job_workflow_ref", workflowRef);
    return jwt(claims);
  }

  /** A JWT whose signature nobody checks: the stand-in's Fulcio reads the claims only. */
  public static String jwt(ObjectNode claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    try {
      return b64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
          + b64.encodeToString(JSON.writeValueAsBytes(claims.put("iat", System.currentTimeMillis() / 1000)
              .put("exp", System.currentTimeMillis() / 1000 + 600))) + "."
          + b64.encodeToString("not-checked".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void githubToken(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + githubBearer).equals(auth)) {
      respond(exchange, 401, "{\"message\":\"bad bearer\"}");
      return;
    }
    String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
    String audience = null;
    for (String pair : query.split("&")) {
      if (pair.startsWith("audience=")) {
        audience = java.net.URLDecoder.decode(pair.substring("audience=".length()), StandardCharsets.UTF_8);
      }
    }
    if (audience == null) {
      respond(exchange, 400, "{\"message\":\"no audience\"}");
      return;
    }
    respond(exchange, 200, JSON.writeValueAsString(JSON.createObjectNode()
        .put("value", githubToken("octo-org/app", audience))));
  }

  static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() throws InterruptedException {
    http.stop(0);
    fulcio.close();
  }

  /**
   * Runs the stand-in in {@code args[0]} until standard input ends: writes the identity token for
   * {@code ci@standin.example} to {@code token.jwt}, then {@code standin.properties} (atomically).
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (SigstoreStandIn standIn = start(dir)) {
      String email = "ci@standin.example";
      Files.writeString(dir.resolve("token.jwt"), emailToken(email) + "\n");
      Properties p = new Properties();
      p.setProperty("fulcioUrl", standIn.fulcioUrl().toString());
      p.setProperty("rekorUrl", standIn.rekorUrl().toString());
      p.setProperty("trustedRoot", standIn.trustedRoot().toAbsolutePath().toString());
      p.setProperty("trustStore", standIn.trustStore().toAbsolutePath().toString());
      p.setProperty("trustStorePassword", standIn.trustStorePassword());
      p.setProperty("githubRequestUrl", standIn.githubRequestUrl());
      p.setProperty("githubRequestToken", standIn.githubRequestToken());
      p.setProperty("email", email);
      p.setProperty("issuer", ISSUER);
      Path temp = dir.resolve("standin.properties.tmp");
      try (Writer out = Files.newBufferedWriter(temp)) {
        p.store(out, "local Sigstore stand-in");
      }
      Files.move(temp, dir.resolve("standin.properties"), StandardCopyOption.ATOMIC_MOVE);
      System.out.println("Sigstore stand-in: Fulcio " + standIn.fulcioUrl() + ", Rekor " + standIn.rekorUrl());
      while (System.in.read() >= 0) {
        // until the parent closes the pipe or goes away
      }
    }
  }
}
