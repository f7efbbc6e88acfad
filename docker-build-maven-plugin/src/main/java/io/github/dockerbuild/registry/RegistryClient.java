package io.github.dockerbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLContext;

/**
 * The OCI distribution client: one generic {@link #call(Endpoint)} that authenticates (bearer token
 * flow with a token cache and one refresh on 401, or basic), retries 429, 5xx and connection errors
 * with exponential backoff and jitter (honouring {@code Retry-After}), decodes error bodies into a
 * {@link RegistryException}, and counts requests; plus the operations publish needs, each a small
 * endpoint object. Thread-safe; one client serves any number of registries.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md">distribution spec</a>
 */
public final class RegistryClient {
  private static final int MAX_REDIRECTS = 5;
  /**
   * How long the plain-HTTP question waits for an answer: a plain-HTTP server answers at once and a
   * TLS server answers plain text at once too (Go's and nginx's with a 400, others by closing), so
   * only a server that does not answer at all waits this long. No answer in the first period is
   * asked again with the longer one (a loaded machine can be slow) before the host is taken for
   * HTTPS, whose own error then names the problem.
   */
  static final List<Duration> TLS_PROBE_TIMEOUTS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10));

  private final HttpTransport http;
  private final TransportSecurity security;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final RequestCounter counter;
  private final Duration requestTimeout;
  private final String userAgent;
  private final Authenticator auth;
  private final Map<String, String> schemes = new java.util.concurrent.ConcurrentHashMap<>();
  private final boolean tlsProbe;
  private final Consumer<String> onRetry;
  private final Consumer<String> onProxy;
  private final Set<String> proxiedRegistries = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private RegistryClient(Builder builder) {
    this.http = new HttpTransport(builder.connectTimeout, builder.sslContext, builder.proxies);
    this.onProxy = builder.onProxy;
    this.security = new TransportSecurity(builder.insecureRegistries);
    this.tlsProbe = builder.tlsProbe;
    this.retry = builder.retry;
    this.sleeper = builder.sleeper;
    this.random = builder.random;
    this.counter = builder.counter;
    this.requestTimeout = builder.requestTimeout;
    this.userAgent = builder.userAgent;
    this.onRetry = builder.onRetry;
    this.auth = new Authenticator(builder.credentials, security,
        (method, uri, authorization, body, action, registry) -> send(RequestKind.TOKEN, method, uri, List.of(),
            authorization, body, action, registry), builder.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The requests sent so far, per kind. */
  public RequestCounter counter() {
    return counter;
  }

  // ---- operations ----

  /** The manifest or index exactly as stored; its digest checked against what was asked or announced. */
  public RawManifest pullManifest(ImageRef ref) {
    return call(new ManifestPuller(ref));
  }

  /** Digest, size and media type of a manifest, or empty when the registry has none under that reference. */
  public Optional<ManifestInfo> checkManifest(ImageRef ref) {
    return call(new ManifestChecker(ref));
  }

  /**
   * Pushes these exact bytes under the target's tag (or digest, when it has no tag). "Already
   * exists" is success.
   *
   * @return the digest the registry stored, which is the digest of the bytes
   */
  public Digest pushManifest(ImageRef target, RawManifest manifest) {
    try {
      return call(new ManifestPusher(target, manifest));
    } catch (RegistryException e) {
      if (!layersCommittedSince(target, manifest, e)) {
        throw e;
      }
      onRetry.accept(e.getMessage() + "; every blob it names is there now (another push of a shared layer was"
          + " committing it), so it is pushed once more");
      return call(new ManifestPusher(target, manifest));
    }
  }

  /**
   * Whether a manifest PUT failed on the race between two pushes of one layer into one repository:
   * the registry answered 400 {@code MANIFEST_BLOB_UNKNOWN} while the other push's commit rewrote
   * the layer's link (distribution 2.8's filesystem storage rewrites it in place), and now has every
   * blob the manifest names. A blob still missing is a real error, never pushed again.
   */
  private boolean layersCommittedSince(ImageRef target, RawManifest manifest, RegistryException e) {
    if (e.status() != 400 || !e.codes().contains("MANIFEST_BLOB_UNKNOWN") || manifest.isIndex()) {
      return false;
    }
    ManifestTemplate parsed = manifest.toManifest();
    List<DescriptorTemplate> blobs = new ArrayList<>(parsed.layers());
    if (parsed.config() != null) {
      blobs.add(parsed.config());
    }
    ImageRef repository = new ImageRef(target.registry(), target.repository(), null, null);
    return blobs.stream().allMatch(blob -> checkBlob(repository, blob.toDigest()).isPresent());
  }

  /** The size of a blob in the target's repository, or empty when it is not there. */
  public Optional<Long> checkBlob(ImageRef repository, Digest digest) {
    return call(new BlobChecker(repository, digest));
  }

  /**
   * Asks the registry to mount a blob from another repository of the same registry.
   *
   * @return true when mounted (201); false when the registry refused and opened an upload instead
   *     (202), which is cancelled here: the caller copies the blob
   */
  public boolean mountBlob(ImageRef target, Digest digest, String fromRepository) {
    BlobMounter.Answer answer = call(new BlobMounter(target, digest, fromRepository));
    if (!answer.mounted() && answer.uploadLocation() != null) {
      call(new UploadCanceller(target, resolve(target.registry(), answer.uploadLocation())));
    }
    return answer.mounted();
  }

  /** Copies a blob by streaming it from the source repository into a monolithic upload to the target. */
  public void copyBlob(ImageRef from, ImageRef to, Digest digest) {
    URI location = resolve(to.registry(), call(new UploadStarter(to)));
    try (BlobPuller.Blob blob = call(new BlobPuller(from, digest))) {
      call(new UploadCompleter(to, location, digest, blob));
    } catch (IOException e) {
      throw RegistryException.unreachable("copy blob " + digest + " from " + from.name() + " to " + to.name(),
          from.registry(), e, 1);
    } catch (RuntimeException e) {
      // leave no half-open upload behind; the registry would expire it, but later
      try {
        call(new UploadCanceller(to, location));
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Uploads small bytes (a signature payload, a config) as a blob unless the repository has it.
   *
   * @return the digest of the bytes
   */
  public Digest pushBlob(ImageRef repository, byte[] bytes) {
    Digest digest = Digest.of(bytes);
    if (checkBlob(repository, digest).isPresent()) {
      return digest;
    }
    URI location = resolve(repository.registry(), call(new UploadStarter(repository)));
    return call(new UploadCompleter(repository, location, digest, RequestBody.of("application/octet-stream", bytes)));
  }

  /**
   * Uploads a file as the blob {@code digest} unless the repository has it (a layer of an OCI
   * layout); the file is streamed, and read again when the upload is retried.
   */
  public void pushBlob(ImageRef repository, Digest digest, java.nio.file.Path file) throws java.io.IOException {
    if (checkBlob(repository, digest).isPresent()) {
      return;
    }
    RequestBody body = RequestBody.file("application/octet-stream", file);
    URI location = resolve(repository.registry(), call(new UploadStarter(repository)));
    call(new UploadCompleter(repository, location, digest, body));
  }

  /**
   * A small blob (a signature payload, a bundle, a config) read whole; its digest checked.
   *
   * @param limit the most bytes accepted; a larger blob is an error, not a truncated read
   */
  public byte[] pullBlob(ImageRef repository, Digest digest, int limit) {
    String action = "pull blob " + repository.name() + "@" + digest;
    byte[] bytes;
    try (BlobPuller.Blob blob = call(new BlobPuller(repository, digest))) {
      if (blob.length() > limit) {
        throw RegistryException.invalid(action, 200, "the blob has " + blob.length() + " bytes, more than the "
            + limit + " accepted here");
      }
      bytes = blob.stream().readNBytes(limit + 1);
    } catch (IOException e) {
      throw RegistryException.unreachable(action, repository.registry(), e, 1);
    }
    if (bytes.length > limit) {
      throw RegistryException.invalid(action, 200, "the blob has more than the " + limit + " bytes accepted here");
    }
    Digest actual = Digest.of(bytes);
    if (!actual.equals(digest)) {
      throw RegistryException.invalid(action, 200, "the registry sent bytes whose digest is " + actual);
    }
    return bytes;
  }

  /** How a blob got into the target repository. */
  public enum BlobTransfer {
    EXISTED,
    MOUNTED,
    COPIED
  }

  /**
   * Makes sure the target repository has a blob: already there, else mounted (same registry), else
   * copied.
   */
  public BlobTransfer ensureBlob(ImageRef from, ImageRef to, Digest digest) {
    if (checkBlob(to, digest).isPresent()) {
      return BlobTransfer.EXISTED;
    }
    if (from.registry().equals(to.registry()) && mountBlob(to, digest, from.repository())) {
      return BlobTransfer.MOUNTED;
    }
    copyBlob(from, to, digest);
    return BlobTransfer.COPIED;
  }

  /**
   * The manifests that refer to a subject: from the referrers API, or, where the registry has none
   * (404), from the index tagged {@code sha256-<hex>} (the tag schema); an empty index when neither
   * exists.
   *
   * @param subject the subject, with a digest
   * @param artifactType only referrers of this artifact type, or null for all
   */
  public Referrers referrers(ImageRef subject, String artifactType) {
    if (subject.digest() == null) {
      throw new IllegalArgumentException("referrers need a subject digest, not " + subject);
    }
    Optional<OciIndexTemplate> api = call(new ReferrersFetcher(subject, artifactType));
    if (api.isPresent()) {
      return new Referrers(api.get(), false);
    }
    ImageRef tag = subject.withTag(subject.digest().referrersTag());
    RawManifest tagged;
    try {
      tagged = pullManifest(tag);
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return new Referrers(OciIndexTemplate.of(List.of(), null), true);
      }
      throw e;
    }
    return new Referrers(ReferrersFetcher.filter(tagged.toIndex(), artifactType), true);
  }

  // ---- the one caller ----

  /** Sends one endpoint's request with auth, retries and error decoding, and returns what it reads. */
  public <T> T call(Endpoint<T> endpoint) {
    String action = endpoint.actionDescription();
    String registry = endpoint.registry();
    URI uri = resolve(registry, endpoint.path());
    List<String> scopes = scopes(endpoint);
    RequestBody body = endpoint.body();
    boolean refreshed = false;
    while (true) {
      Optional<String> authorization = auth.authorization(registry, scopes);
      RegistryResponse response = send(endpoint.kind(), endpoint.method(), uri, endpoint.accept(), authorization,
          body, action, registry);
      try {
        int status = response.status();
        if (status == 401 && !refreshed && (body == null || body.repeatable())
            && auth.onUnauthorized(registry, scopes, response.header("WWW-Authenticate"))) {
          refreshed = true;
          continue;
        }
        if (status >= 200 && status < 300) {
          return endpoint.handleResponse(response);
        }
        if (status == 401 || status == 403) {
          throw withAuthHint(response.error(action), registry);
        }
        return endpoint.handleError(response);
      } catch (IOException e) {
        throw RegistryException.unreachable(action, registry, e, 1);
      } finally {
        response.close();
      }
    }
  }

  private RegistryException withAuthHint(RegistryException error, String registry) {
    Optional<Credentials> credentials = auth.credentials(registry);
    String hint;
    if (credentials.isEmpty()) {
      hint = "no credentials for " + registry;
    } else if (credentials.get().isIdentityToken()) {
      hint = error.status() == 403 ? "the identity token for " + registry + " is not allowed to do this"
          : "the registry refused the identity token for " + registry;
    } else if (error.status() == 403) {
      hint = "user " + credentials.get().username() + " is not allowed to do this";
    } else {
      hint = "the registry refused the credentials of user " + credentials.get().username();
    }
    return RegistryException.answered(error.action(), error.status(), error.codes(), error.registryMessage(), hint);
  }

  private static List<String> scopes(Endpoint<?> endpoint) {
    List<String> scopes = new ArrayList<>();
    scopes.add("repository:" + endpoint.repository() + (endpoint.writes() ? ":pull,push" : ":pull"));
    if (endpoint.pullsFrom() != null && !endpoint.pullsFrom().equals(endpoint.repository())) {
      scopes.add("repository:" + endpoint.pullsFrom() + ":pull");
    }
    return List.copyOf(scopes);
  }

  URI resolve(String registry, String pathOrUrl) {
    URI base = URI.create(scheme(registry) + "://" + registry + "/");
    return base.resolve(pathOrUrl);
  }

  /**
   * HTTPS, except for a host that may use plain HTTP (loopback, or listed as insecure) and is a
   * plain-HTTP server: such a host is asked once, as docker does, which of the two it speaks.
   */
  private String scheme(String registry) {
    if (security.scheme(registry).equals("https")) {
      return "https";
    }
    if (!tlsProbe) {
      return "http";
    }
    return schemes.computeIfAbsent(registry, r -> speaksTls(r) ? "https" : "http");
  }

  /**
   * Asks {@code GET /v2/} in plain HTTP. A plain-HTTP registry answers it (200, 401, or any status
   * but 400); a TLS server answers plain HTTP with 400 (Go's and nginx's) or closes the connection.
   * Asking this way round keeps a plain-HTTP registry from costing a TLS context on a cold JVM.
   */
  private boolean speaksTls(String registry) {
    URI v2 = URI.create("http://" + registry + "/v2/");
    for (Duration timeout : TLS_PROBE_TIMEOUTS) {
      counter.record(RequestKind.SCHEME_CHECK, 0);
      try {
        HttpTransport.Answer answer = http.exchange("GET", v2, Map.of("User-Agent", userAgent), null, timeout, true);
        try (InputStream body = answer.body()) {
          body.readNBytes(4096);
        }
        return answer.status() == 400;
      } catch (java.net.SocketTimeoutException e) {
        // no answer yet: ask again with more time, then take it for HTTPS, whose error then says more
      } catch (java.net.ConnectException e) {
        // nothing listens (yet): loopback and insecure hosts are plain HTTP unless they say otherwise
        return false;
      } catch (IOException e) {
        // not an HTTP answer: a TLS server dropping the plain-text request
        return true;
      }
    }
    return true;
  }

  /**
   * Sends one request, retrying 429, 5xx and connection errors while attempts remain (not after a
   * streamed body was sent), and following redirects of GET and HEAD (without credentials when the
   * host changes, as blob storage on another host must not see them).
   */
  private RegistryResponse send(RequestKind kind, String method, URI uri, List<String> accept,
      Optional<String> authorization, RequestBody body, String action, String registry) {
    boolean repeatable = body == null || body.repeatable();
    int attempt = 1;
    int redirects = 0;
    URI target = uri;
    Optional<String> sentAuthorization = authorization;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new RegistryException(action, RegistryException.NO_RESPONSE, null, null, action + ": interrupted", null);
      }
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      headers.put("User-Agent", userAgent);
      if (!accept.isEmpty()) {
        headers.put("Accept", String.join(", ", accept));
      }
      sentAuthorization.ifPresent(value -> headers.put("Authorization", value));
      counter.record(kind, body == null ? 0 : body.counted());
      announceProxy(target);
      HttpTransport.Answer answer;
      try {
        answer = http.exchange(method, target, headers, body, body == null || body.repeatable() ? requestTimeout : null,
            kind == RequestKind.TOKEN);
      } catch (IOException e) {
        if (RegistryException.untrustedCertificate(e)) {
          throw RegistryException.untrusted(action, registry, e);
        }
        if (e instanceof ProxyFailure failure && (!failure.transientFailure() || attempt >= retry.maxAttempts()
            || !repeatable)) {
          throw RegistryException.throughProxy(action, registry, failure, attempt);
        }
        if (e instanceof java.net.UnknownHostException) {
          // a name that does not resolve is a mistake or a missing proxy, not a passing fault
          throw RegistryException.unknownHost(action, target.getHost(), e);
        }
        if (attempt >= retry.maxAttempts() || !repeatable) {
          throw RegistryException.unreachable(action, registry, e, attempt);
        }
        Duration delay = retry.delay(attempt, Optional.empty(), random.getAsDouble());
        retrying(action + ": cannot reach " + registry + " (" + RegistryException.reason(e) + ")", attempt, delay);
        pause(delay, action);
        attempt++;
        continue;
      }
      RegistryResponse response = new RegistryResponse(answer.status(), answer.headers(), answer.body(), attempt);
      int status = answer.status();
      if (RetryPolicy.isRetryable(status) && attempt < retry.maxAttempts() && repeatable) {
        Optional<String> retryAfter = response.header("Retry-After");
        Duration delay = retry.delay(attempt, RetryPolicy.parseRetryAfter(retryAfter), random.getAsDouble());
        String problem = response.decode(action, null).getMessage()
            + retryAfter.map(value -> " (Retry-After: " + value.trim() + ")").orElse("");
        response.close();
        retrying(problem, attempt, delay);
        pause(delay, action);
        attempt++;
        continue;
      }
      Optional<String> location = response.header("Location");
      if (isRedirect(status) && location.isPresent() && (method.equals("GET") || method.equals("HEAD"))
          && redirects < MAX_REDIRECTS) {
        response.close();
        URI next = target.resolve(location.get());
        if (!sameOrigin(next, target)) {
          sentAuthorization = Optional.empty();
        }
        target = next;
        redirects++;
        continue;
      }
      return response;
    }
  }

  /** One line per registry (or token or blob host) reached through a proxy, at its first request. */
  private void announceProxy(URI target) {
    http.route(target).ifPresent(proxy -> {
      if (proxiedRegistries.add(target.getRawAuthority())) {
        onProxy.accept(target.getRawAuthority() + " through the proxy " + proxy.describe());
      }
    });
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  /** Tells the listener what failed and when the next attempt goes out. */
  private void retrying(String problem, int failedAttempt, Duration delay) {
    onRetry.accept(problem + "; " + retry.nextAttempt(failedAttempt, delay));
  }

  private void pause(Duration delay, String action) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(action, RegistryException.NO_RESPONSE, null, null,
          action + ": interrupted while waiting to retry", e);
    }
  }

  /** Settings of a client; defaults suit CI. */
  public static final class Builder {
    private CredentialSource credentials = CredentialSource.none();
    private Set<String> insecureRegistries = Set.of();
    private boolean tlsProbe = true;
    private SSLContext sslContext;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.REAL;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private RequestCounter counter = new RequestCounter();
    private Duration connectTimeout = Duration.ofSeconds(20);
    private Duration requestTimeout = Duration.ofMinutes(2);
    private String userAgent = "docker-build-maven-plugin";
    private Clock clock = Clock.systemUTC();
    private Consumer<String> onRetry = message -> { };
    private Consumer<String> onProxy = message -> { };
    private Proxies proxies = Proxies.none();

    private Builder() {}

    /**
     * Told about every retry in one line: the action, what went wrong, which attempt follows and
     * when, e.g. {@code push manifest r/app:1: the registry answered 503; attempt 2 of 5 in 0.4 s}.
     */
    public Builder onRetry(Consumer<String> value) {
      this.onRetry = value;
      return this;
    }

    /** Which requests go through which proxy (default: none). */
    public Builder proxies(Proxies value) {
      this.proxies = value;
      return this;
    }

    /** Told once per registry that its requests go through a proxy, e.g. {@code ghcr.io through proxy ...}. */
    public Builder onProxy(Consumer<String> value) {
      this.onProxy = value;
      return this;
    }

    /** The clock token lifetimes are measured with. */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public Builder credentials(CredentialSource value) {
      this.credentials = value;
      return this;
    }

    /** Registries (host or host:port) that may be spoken to over plain HTTP besides loopback ones. */
    /**
     * Whether loopback and insecure hosts are first asked if they speak HTTPS (default true); false
     * talks plain HTTP to them at once, for servers known to be plain HTTP.
     */
    public Builder tlsProbe(boolean value) {
      this.tlsProbe = value;
      return this;
    }

    public Builder insecureRegistries(Set<String> value) {
      this.insecureRegistries = Set.copyOf(value);
      return this;
    }

    public Builder sslContext(SSLContext value) {
      this.sslContext = value;
      return this;
    }

    /** Trust the CA certificates in this PEM file in addition to the JDK's. */
    public Builder caCertificates(Path pemFile) {
      this.sslContext = TransportSecurity.trusting(pemFile);
      return this;
    }

    public Builder retryPolicy(RetryPolicy value) {
      this.retry = value;
      return this;
    }

    public Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    /** Source of jitter, numbers in [0, 1). */
    public Builder random(DoubleSupplier value) {
      this.random = value;
      return this;
    }

    public Builder counter(RequestCounter value) {
      this.counter = value;
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /** How long a request with a repeatable body may wait for response headers. */
    public Builder requestTimeout(Duration value) {
      this.requestTimeout = value;
      return this;
    }

    public Builder userAgent(String value) {
      this.userAgent = value;
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
