package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryClientTest {
  static final String SECRET = "hunter2-top-secret";
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60));

  FakeRegistry registry;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<String> retries = new CopyOnWriteArrayList<>();
  final MutableClock clock = new MutableClock();

  /** A clock the test moves. */
  static final class MutableClock extends java.time.Clock {
    volatile java.time.Instant now = java.time.Instant.parse("2026-11-28T00:00:00Z");

    @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
    @Override public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public java.time.Instant instant() { return now; }
  }

  @BeforeEach
  void start() throws IOException {
    registry = new FakeRegistry();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  RegistryClient client() {
    return client(CredentialSource.none(), FAST);
  }

  RegistryClient client(CredentialSource credentials, RetryPolicy retry) {
    return RegistryClient.builder()
        .tlsProbe(false)
        .credentials(credentials)
        .retryPolicy(retry)
        .sleeper(sleeps::add)
        .onRetry(retries::add)
        .random(() -> 0.5)
        .requestTimeout(Duration.ofSeconds(10))
        .clock(clock)
        .build();
  }

  static CredentialSource login(String host) {
    return new StaticCredentialSource(Map.of(host, new Credentials("ci", SECRET)));
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void plainLoopbackRegistry_isAskedOnceInPlainHttpThenSpokenToOverHttp() throws Exception {
    Digest digest = registry.putManifest("app", "1.0", Golden.bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST);
    RegistryClient probing = RegistryClient.builder().sleeper(d -> { }).requestTimeout(Duration.ofSeconds(10)).build();

    assertThat(probing.pullManifest(registry.ref("app:1.0")).digest()).isEqualTo(digest);
    assertThat(probing.pullManifest(registry.ref("app:1.0")).digest()).isEqualTo(digest);
    assertThat(registry.requests).extracting(FakeRegistry.Request::toString)
        .containsExactly("GET /v2/", "GET /v2/app/manifests/1.0", "GET /v2/app/manifests/1.0");
    assertThat(probing.counter().requests(RequestKind.MANIFEST_GET)).isEqualTo(2);
    assertThat(probing.counter().requests(RequestKind.SCHEME_CHECK)).isEqualTo(1);
  }

  @Test
  void loopbackServerThatAnswersPlainHttpWith400_isSpokenToOverHttps() throws Exception {
    // what Go's and nginx's TLS servers answer a plain-text request; the next connection must be TLS
    try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.CompletableFuture<Integer> secondFirstByte = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          try (java.net.Socket plain = server.accept()) {
            plain.getInputStream().read(new byte[1024]);
            plain.getOutputStream().write(utf8("HTTP/1.0 400 Bad Request\r\n\r\n"
                + "Client sent an HTTP request to an HTTPS server.\n"));
          }
          try (java.net.Socket next = server.accept()) {
            return next.getInputStream().read();
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      RegistryClient probing = RegistryClient.builder().sleeper(d -> { })
          .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)))
          .requestTimeout(Duration.ofSeconds(10)).build();

      assertThatThrownBy(() -> probing.pullManifest(ImageRef.parse("127.0.0.1:" + server.getLocalPort() + "/app:1.0")))
          .isInstanceOf(RegistryException.class);
      assertThat(secondFirstByte.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(0x16); // a TLS handshake record
    }
  }

  @Test
  void loopbackRegistryNotListeningYet_isTakenForPlainHttp_asBefore() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    java.util.concurrent.atomic.AtomicReference<java.net.ServerSocket> late = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CompletableFuture<Integer> firstByte = new java.util.concurrent.CompletableFuture<>();
    int listenOn = port;
    // the registry comes up while the client waits to retry: the retry must speak plain HTTP
    RegistryClient client = RegistryClient.builder().requestTimeout(Duration.ofSeconds(5))
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)))
        .sleeper(d -> {
          try {
            java.net.ServerSocket server = new java.net.ServerSocket(listenOn, 5, java.net.InetAddress.getLoopbackAddress());
            late.set(server);
            java.util.concurrent.CompletableFuture.runAsync(() -> {
              // one connection, then nothing listens: the JDK's own resend of the GET is refused at once
              try (server; java.net.Socket s = server.accept()) {
                firstByte.complete(s.getInputStream().read());
              } catch (IOException e) {
                firstByte.completeExceptionally(e);
              }
            });
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }).build();
    try {
      assertThatThrownBy(() -> client.pullManifest(ImageRef.parse("127.0.0.1:" + port + "/app:1.0")))
          .isInstanceOf(RegistryException.class);
      assertThat(firstByte.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo((int) 'G');
    } finally {
      if (late.get() != null) {
        late.get().close();
      }
    }
  }

  @Nested
  class Manifests {
    @Test
    void pullReturnsTheExactBytesMediaTypeAndDigest() {
      byte[] pretty = Golden.bytes("docker-manifest-list.json");
      Digest digest = registry.putManifest("app", "1.0", pretty, MediaTypes.DOCKER_MANIFEST_LIST);
      RegistryClient client = client();

      RawManifest byTag = client.pullManifest(registry.ref("app:1.0"));
      RawManifest byDigest = client.pullManifest(registry.ref("app@" + digest));

      assertThat(byTag.bytes()).isEqualTo(pretty);
      assertThat(byTag.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
      assertThat(byTag.digest()).isEqualTo(digest);
      assertThat(byDigest).isEqualTo(byTag);
      assertThat(registry.requests.get(0).path()).isEqualTo("/v2/app/manifests/1.0");
      assertThat(client.counter().requests(RequestKind.MANIFEST_GET)).isEqualTo(2);
    }

    @Test
    void mediaTypeFallsBackToTheJsonFieldWhenContentTypeIsGeneric() {
      byte[] index = Golden.bytes("oci-index.json");
      registry.putManifest("app", "1.0", index, "application/json");
      assertThat(client().pullManifest(registry.ref("app:1.0")).mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    }

    @Test
    void pullByDigestRejectsBytesOfAnotherDigest() {
      byte[] real = Golden.bytes("oci-index.json");
      Digest asked = Digest.of(utf8("something else"));
      registry.manifests.computeIfAbsent("app", r -> new java.util.concurrent.ConcurrentHashMap<>())
          .put(asked.value(), new FakeRegistry.Stored(real, MediaTypes.OCI_INDEX));
      ImageRef ref = registry.ref("app@" + asked);

      assertThatThrownBy(() -> client().pullManifest(ref))
          .isInstanceOf(RegistryException.class)
          .hasMessage("pull manifest " + ref + ": the registry sent bytes with digest " + Digest.of(real)
              + " instead of the requested " + asked);
    }

    @Test
    void pullByTagRejectsBytesThatDoNotMatchDockerContentDigest() {
      byte[] real = Golden.bytes("oci-index.json");
      registry.putManifest("app", "1.0", real, MediaTypes.OCI_INDEX);
      registry.fail("GET", "/manifests/1.0", 200, Map.of("Docker-Content-Digest", Golden.A,
          "Content-Type", MediaTypes.OCI_INDEX), new String(real, StandardCharsets.UTF_8) + " ");

      assertThatThrownBy(() -> client().pullManifest(registry.ref("app:1.0")))
          .hasMessage("pull manifest " + registry.host() + "/app:1.0: the registry sent bytes with digest "
              + Digest.of(utf8(new String(real, StandardCharsets.UTF_8) + " ")) + " but announced " + Golden.A
              + " in Docker-Content-Digest");
    }

    @Test
    void missingManifestIsDecodedFromTheErrorBody() {
      RegistryException e = catchThrowableOfType(RegistryException.class,
          () -> client().pullManifest(registry.ref("app:nope")));
      assertThat(e).hasMessage("pull manifest " + registry.host() + "/app:nope: the registry answered 404 MANIFEST_UNKNOWN: manifest unknown");
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.code()).isEqualTo("MANIFEST_UNKNOWN");
      assertThat(e.registryMessage()).isEqualTo("manifest unknown");
      assertThat(e.action()).isEqualTo("pull manifest " + registry.host() + "/app:nope");
      assertThat(sleeps).isEmpty();
    }

    @Test
    void errorWithoutDistributionBodyKeepsTheStatus() {
      registry.fail("GET", "/manifests/", 400, Map.of(), "<html>bad request</html>");
      assertThatThrownBy(() -> client().pullManifest(registry.ref("app:1")))
          .hasMessage("pull manifest " + registry.host() + "/app:1: the registry answered 400");
      assertThat(registry.requests).hasSize(1);
    }

    @Test
    void checkTellsDigestSizeAndMediaTypeOrEmpty() {
      byte[] bytes = Golden.bytes("oci-manifest.json");
      Digest digest = registry.putManifest("app", "1.0", bytes, MediaTypes.OCI_MANIFEST);
      RegistryClient client = client();

      assertThat(client.checkManifest(registry.ref("app:1.0")))
          .contains(new ManifestInfo(digest, bytes.length, MediaTypes.OCI_MANIFEST));
      assertThat(client.checkManifest(registry.ref("app:2.0"))).isEmpty();
      assertThat(registry.registryRequests()).containsExactly("HEAD /v2/app/manifests/1.0", "HEAD /v2/app/manifests/2.0");
    }

    @Test
    void checkByTagNeedsADigestHeader() {
      registry.putManifest("app", "1.0", Golden.bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST);
      registry.sendDigestHeader = false;
      assertThatThrownBy(() -> client().checkManifest(registry.ref("app:1.0")))
          .hasMessage("check manifest " + registry.host() + "/app:1.0: the registry answered without a sha256 "
              + "Docker-Content-Digest; pull the manifest to learn its digest");
      Digest digest = Digest.of(Golden.bytes("oci-manifest.json"));
      assertThat(client().checkManifest(registry.ref("app@" + digest)).map(ManifestInfo::digest)).contains(digest);
    }

    @Test
    void pushSendsTheBytesAsGivenWithTheirMediaType() {
      byte[] index = Golden.bytes("oci-index.json");
      RawManifest manifest = RawManifest.of(index, MediaTypes.OCI_INDEX);
      RegistryClient client = client();

      Digest pushed = client.pushManifest(registry.ref("app:1.0"), manifest);

      assertThat(pushed).isEqualTo(Digest.of(index));
      assertThat(registry.manifests.get("app").get("1.0").bytes()).isEqualTo(index);
      FakeRegistry.Request put = registry.requests.get(0);
      assertThat(put.toString()).isEqualTo("PUT /v2/app/manifests/1.0");
      assertThat(put.contentType()).isEqualTo(MediaTypes.OCI_INDEX);
      assertThat(client.counter().get(RequestKind.MANIFEST_PUT)).isEqualTo(new RequestCounter.Count(1, index.length));
    }

    @Test
    void pushWithoutTagGoesByDigestNotLatest() {
      RawManifest manifest = RawManifest.of(Golden.bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST);
      client().pushManifest(registry.ref("app"), manifest);
      client().pushManifest(registry.ref("app@" + manifest.digest()), manifest);
      assertThat(registry.registryRequests()).containsExactly(
          "PUT /v2/app/manifests/" + manifest.digest(), "PUT /v2/app/manifests/" + manifest.digest());
    }

    @Test
    void alreadyExistsIsSuccess() {
      registry.immutableTags = true;
      RawManifest manifest = RawManifest.of(Golden.bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST);
      RegistryClient client = client();
      client.pushManifest(registry.ref("app:1.0"), manifest);

      assertThat(client.pushManifest(registry.ref("app:1.0"), manifest)).isEqualTo(manifest.digest());
      assertThat(registry.requests).hasSize(2);
    }

    @Test
    void pushFailsWhenTheRegistryStoresAnotherDigest() {
      RawManifest manifest = RawManifest.of(Golden.bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST);
      registry.fail("PUT", "/manifests/1.0", 201, Map.of("Docker-Content-Digest", Golden.B), "");
      assertThatThrownBy(() -> client().pushManifest(registry.ref("app:1.0"), manifest))
          .hasMessage("push manifest " + registry.host() + "/app:1.0: the registry stored digest " + Golden.B
              + " for bytes whose digest is " + manifest.digest());
    }

    @Test
    void pushRefusesATargetDigestOfOtherBytes() {
      RawManifest manifest = RawManifest.of(Golden.bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST);
      assertThatThrownBy(() -> client().pushManifest(registry.ref("app@" + Golden.A), manifest))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot push manifest " + manifest.digest() + " as " + registry.host() + "/app@" + Golden.A);
    }
  }

  @Nested
  class Blobs {
    final byte[] layer = utf8("layer bytes ".repeat(1000));

    @Test
    void checkTellsSizeOrEmpty() {
      Digest digest = registry.putBlob("app", layer);
      assertThat(client().checkBlob(registry.ref("app"), digest)).contains((long) layer.length);
      assertThat(client().checkBlob(registry.ref("other"), digest)).isEmpty();
    }

    @Test
    void mountFromAnotherRepository() {
      Digest digest = registry.putBlob("base", layer);
      RegistryClient client = client();

      assertThat(client.mountBlob(registry.ref("app"), digest, "base")).isTrue();
      assertThat(registry.blobs.get("app")).containsKey(digest.value());
      assertThat(registry.registryRequests()).containsExactly(
          "POST /v2/app/blobs/uploads/?mount=" + digest + "&from=base");
    }

    @Test
    void refusedMountIsReportedAndTheOpenedUploadCancelled() {
      Digest digest = registry.putBlob("base", layer);
      registry.refuseMounts = true;
      RegistryClient client = client();

      assertThat(client.mountBlob(registry.ref("app"), digest, "base")).isFalse();
      assertThat(registry.registryRequests()).hasSize(2);
      assertThat(registry.registryRequests().get(1)).startsWith("DELETE /v2/app/blobs/uploads/");
      assertThat(registry.uploads).isEmpty();
      assertThat(client.counter().requests(RequestKind.BLOB_UPLOAD_CANCEL)).isEqualTo(1);
    }

    @Test
    void ensureBlobExistsMountsOrCopies() {
      Digest digest = registry.putBlob("base", layer);
      RegistryClient client = client();

      assertThat(client.ensureBlob(registry.ref("base"), registry.ref("app"), digest))
          .isEqualTo(RegistryClient.BlobTransfer.MOUNTED);
      assertThat(client.ensureBlob(registry.ref("base"), registry.ref("app"), digest))
          .isEqualTo(RegistryClient.BlobTransfer.EXISTED);
      registry.refuseMounts = true;
      assertThat(client.ensureBlob(registry.ref("base"), registry.ref("copy"), digest))
          .isEqualTo(RegistryClient.BlobTransfer.COPIED);
      assertThat(registry.blobs.get("copy").get(digest.value())).isEqualTo(layer);
      assertThat(client.counter().get(RequestKind.BLOB_UPLOAD_PUT)).isEqualTo(new RequestCounter.Count(1, layer.length));
    }

    @Test
    void copyStreamsAcrossRegistriesWithMonolithicUpload() throws IOException {
      Digest digest = registry.putBlob("base", layer);
      try (FakeRegistry target = new FakeRegistry()) {
        RegistryClient client = client();
        assertThat(client.ensureBlob(registry.ref("base"), target.ref("app"), digest))
            .isEqualTo(RegistryClient.BlobTransfer.COPIED);
        assertThat(target.blobs.get("app").get(digest.value())).isEqualTo(layer);
        assertThat(target.registryRequests()).hasSize(3);
        assertThat(target.registryRequests().get(0)).isEqualTo("HEAD /v2/app/blobs/" + digest);
        assertThat(target.registryRequests().get(1)).isEqualTo("POST /v2/app/blobs/uploads/");
        assertThat(target.registryRequests().get(2)).matches("PUT /v2/app/blobs/uploads/[0-9a-f-]+\\?_state=abc&digest=" + digest);
        assertThat(registry.registryRequests()).containsExactly("GET /v2/base/blobs/" + digest);
      }
    }

    @Test
    void failedCopyCancelsTheUploadItOpened() {
      Digest digest = Digest.of(layer);
      RegistryException e = catchThrowableOfType(RegistryException.class,
          () -> client().copyBlob(registry.ref("base"), registry.ref("app"), digest));

      assertThat(e).hasMessage("pull blob " + registry.host() + "/base@" + digest
          + ": the registry answered 404 BLOB_UNKNOWN: blob unknown to registry");
      assertThat(registry.registryRequests()).hasSize(3);
      assertThat(registry.registryRequests().get(2)).startsWith("DELETE /v2/app/blobs/uploads/");
      assertThat(registry.uploads).isEmpty();
    }

    @Test
    void redirectedBlobDownloadDoesNotCarryCredentialsToAnotherHost() throws IOException {
      registry.login(FakeRegistry.Auth.BASIC, "ci", SECRET);
      Digest digest = Digest.of(layer);
      try (FakeRegistry storage = new FakeRegistry(); FakeRegistry target = new FakeRegistry()) {
        storage.putBlob("bucket", layer);
        // the first GET learns the basic challenge, the second is redirected to blob storage
        registry.fail("GET", "/v2/base/blobs/", 401, Map.of("WWW-Authenticate", "Basic realm=\"fake\""), "");
        registry.fail("GET", "/v2/base/blobs/", 307,
            Map.of("Location", "http://" + storage.host() + "/v2/bucket/blobs/" + digest), "");
        RegistryClient client = client(login(registry.host()), FAST);
        client.copyBlob(registry.ref("base"), target.ref("app"), digest);

        assertThat(target.blobs.get("app").get(digest.value())).isEqualTo(layer);
        assertThat(storage.requests).singleElement().satisfies(r -> assertThat(r.authorization()).isNull());
        assertThat(registry.requests.get(registry.requests.size() - 1).authorization())
            .isEqualTo(FakeRegistry.basic("ci", SECRET));
      }
    }
  }

  @Nested
  class Referrers {
    final byte[] subjectBytes = Golden.bytes("oci-index.json");

    private io.github.dockerbuild.registry.Referrers referrers(String artifactType) {
      Digest subject = registry.putManifest("app", "1.0", subjectBytes, MediaTypes.OCI_INDEX);
      return client().referrers(registry.ref("app@" + subject), artifactType);
    }

    private byte[] artifact(String artifactType) {
      ManifestTemplate manifest = new ManifestTemplate(2, MediaTypes.OCI_MANIFEST, artifactType,
          DescriptorTemplate.of(MediaTypes.OCI_EMPTY, utf8("{}")), List.of(),
          DescriptorTemplate.of(MediaTypes.OCI_INDEX, subjectBytes), null);
      return manifest.toBytes();
    }

    @Test
    void fromTheReferrersApi() {
      byte[] sig = artifact("application/vnd.dev.cosign.artifact.sig.v1+json");
      byte[] sbom = artifact("application/spdx+json");
      registry.putManifest("app", null, sig, MediaTypes.OCI_MANIFEST);
      registry.putManifest("app", null, sbom, MediaTypes.OCI_MANIFEST);

      io.github.dockerbuild.registry.Referrers all = referrers(null);
      assertThat(all.fromTagSchema()).isFalse();
      assertThat(all.index().manifests()).extracting(DescriptorTemplate::digest)
          .containsExactlyInAnyOrder(Digest.of(sig).value(), Digest.of(sbom).value());

      io.github.dockerbuild.registry.Referrers sigs = client().referrers(
          registry.ref("app@" + Digest.of(subjectBytes)), "application/spdx+json");
      assertThat(sigs.index().manifests()).extracting(DescriptorTemplate::artifactType)
          .containsExactly("application/spdx+json");
    }

    @Test
    void fallsBackToTheTagSchemaWhenTheApiAnswers404() {
      registry.referrersApi = false;
      Digest subject = Digest.of(subjectBytes);
      OciIndexTemplate tagIndex = OciIndexTemplate.of(List.of(
          new DescriptorTemplate(MediaTypes.OCI_MANIFEST, Golden.A, 10, null, "application/a", null),
          new DescriptorTemplate(MediaTypes.OCI_MANIFEST, Golden.B, 11, null, "application/b", null)), null);
      registry.putManifest("app", subject.referrersTag(), tagIndex.toBytes(), MediaTypes.OCI_INDEX);

      io.github.dockerbuild.registry.Referrers found = referrers("application/b");

      assertThat(found.fromTagSchema()).isTrue();
      assertThat(found.index().manifests()).extracting(DescriptorTemplate::digest).containsExactly(Golden.B);
      assertThat(registry.registryRequests()).containsExactly(
          "GET /v2/app/referrers/" + subject + "?artifactType=application%2Fb",
          "GET /v2/app/manifests/" + subject.referrersTag());
    }

    @Test
    void noApiAndNoTagMeansNoReferrers() {
      registry.referrersApi = false;
      io.github.dockerbuild.registry.Referrers found = referrers(null);
      assertThat(found.fromTagSchema()).isTrue();
      assertThat(found.index().manifests()).isEmpty();
      assertThat(found.index().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    }

    @Test
    void needsASubjectDigest() {
      assertThatThrownBy(() -> client().referrers(registry.ref("app:1.0"), null))
          .hasMessage("referrers need a subject digest, not " + registry.host() + "/app:1.0");
    }
  }

  @Nested
  class Auth {
    @Test
    void bearerTokenIsFetchedOnceForTwoCallsWithTheRepositoryScope() {
      registry.login(FakeRegistry.Auth.BEARER, "ci", SECRET);
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      RegistryClient client = client(login(registry.host()), FAST);

      client.pullManifest(registry.ref("app:1.0"));
      client.pullManifest(registry.ref("app:1.0"));

      assertThat(client.counter().requests(RequestKind.TOKEN)).isEqualTo(1);
      assertThat(registry.tokenScopes).containsExactly("repository:app:pull");
      assertThat(registry.requests.stream().map(FakeRegistry.Request::toString).toList()).containsExactly(
          "GET /v2/app/manifests/1.0",
          "GET /token?service=fake-registry&scope=repository%3Aapp%3Apull",
          "GET /v2/app/manifests/1.0",
          "GET /v2/app/manifests/1.0");
      assertThat(registry.requests.get(1).authorization()).isEqualTo(FakeRegistry.basic("ci", SECRET));
      assertThat(registry.requests.get(3).authorization()).isEqualTo("Bearer tok-1");
      assertThat(sleeps).isEmpty();
    }

    @Test
    void anonymousTokenAndAccessTokenField() {
      registry.auth = FakeRegistry.Auth.BEARER;
      registry.tokenField = "access_token";
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      RegistryClient client = client();

      client.checkManifest(registry.ref("app:1.0"));

      assertThat(registry.requests.get(1).authorization()).isNull();
      assertThat(registry.requests.get(2).authorization()).isEqualTo("Bearer tok-1");
    }

    @Test
    void writesAskForPushAndMountsForTheSourceRepository() {
      registry.login(FakeRegistry.Auth.BEARER, "ci", SECRET);
      Digest digest = registry.putBlob("base", utf8("layer"));
      RegistryClient client = client(login(registry.host()), FAST);

      client.mountBlob(registry.ref("app"), digest, "base");
      client.pushManifest(registry.ref("app:1"), RawManifest.of(Golden.bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST));

      assertThat(registry.tokenScopes).containsExactly(
          "repository:app:pull,push", "repository:base:pull", "repository:app:pull,push");
      assertThat(client.counter().requests(RequestKind.TOKEN)).isEqualTo(2);
    }

    @Test
    void tokenIsNotUsedPastItsExpiresIn() {
      registry.login(FakeRegistry.Auth.BEARER, "ci", SECRET);
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      RegistryClient client = client(login(registry.host()), FAST);
      client.pullManifest(registry.ref("app:1.0"));

      clock.now = clock.now.plusSeconds(269); // expires_in 300, used until 30 s before
      client.pullManifest(registry.ref("app:1.0"));
      assertThat(client.counter().requests(RequestKind.TOKEN)).isEqualTo(1);

      clock.now = clock.now.plusSeconds(1);
      client.pullManifest(registry.ref("app:1.0"));
      assertThat(client.counter().requests(RequestKind.TOKEN)).isEqualTo(2);
      assertThat(registry.count("GET", "/v2/app/manifests/")).isEqualTo(4);
    }

    @Test
    void parallelCallsShareOneToken() throws Exception {
      registry.login(FakeRegistry.Auth.BEARER, "ci", SECRET);
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      RegistryClient client = client(login(registry.host()), FAST);
      client.checkManifest(registry.ref("app:1.0")); // learn the challenge

      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<RawManifest>> pulls = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
          pulls.add(pool.submit(() -> client.pullManifest(registry.ref("app:1.0"))));
        }
        for (java.util.concurrent.Future<RawManifest> pull : pulls) {
          assertThat(pull.get().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(client.counter().requests(RequestKind.TOKEN)).isEqualTo(1);
      assertThat(client.counter().requests(RequestKind.MANIFEST_GET)).isEqualTo(16);
    }

    @Test
    void expiredTokenIsRefreshedOnce() {
      registry.login(FakeRegistry.Auth.BEARER, "ci", SECRET);
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      RegistryClient client = client(login(registry.host()), FAST);
      client.pullManifest(registry.ref("app:1.0"));
      registry.expireTokens();

      client.pullManifest(registry.ref("app:1.0"));

      assertThat(client.counter().requests(RequestKind.TOKEN)).isEqualTo(2);
      assertThat(registry.requests.get(registry.requests.size() - 1).authorization()).isEqualTo("Bearer tok-2");
    }

    @Test
    void expiredTokenOnAPushWithABodyIsRefreshedAndTheBodySentAgain() {
      registry.login(FakeRegistry.Auth.BEARER, "ci", SECRET);
      RawManifest index = RawManifest.of(Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      RegistryClient client = client(login(registry.host()), FAST);
      Digest digest = client.pushManifest(registry.ref("app:1.0"), index);
      registry.expireTokens();

      // a body is streamed: the 401 comes back without its body, its challenge is enough
      assertThat(client.pushManifest(registry.ref("app:1.1"), index)).isEqualTo(digest);

      assertThat(client.counter().requests(RequestKind.TOKEN)).isEqualTo(2);
      assertThat(registry.count("PUT", "/v2/app/manifests/1.1")).isEqualTo(2);
      assertThat(registry.requests.get(registry.requests.size() - 1).authorization()).isEqualTo("Bearer tok-2");
      assertThat(registry.manifests.get("app")).containsKey("1.1");
    }

    @Test
    void tokenRefusedTwiceFailsWithoutLooping() {
      registry.login(FakeRegistry.Auth.BEARER, "ci", SECRET);
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      registry.fail("GET", "/manifests/1.0", 401, Map.of("WWW-Authenticate",
          "Bearer realm=\"http://" + registry.host() + "/token\",service=\"fake-registry\""),
          "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token expired\"}]}");
      registry.fail("GET", "/manifests/1.0", 401, Map.of(),
          "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token expired\"}]}");
      RegistryClient client = client(login(registry.host()), FAST);

      RegistryException e = catchThrowableOfType(RegistryException.class,
          () -> client.pullManifest(registry.ref("app:1.0")));

      assertThat(e).hasMessage("pull manifest " + registry.host() + "/app:1.0: the registry answered 401 UNAUTHORIZED: "
          + "token expired (the registry refused the credentials of user ci)");
      assertThat(registry.count("GET", "/v2/app/manifests")).isEqualTo(2);
      assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void wrongPasswordAtTheTokenServerNamesTheUserNotTheSecret() {
      registry.login(FakeRegistry.Auth.BEARER, "ci", "the-real-password");
      RegistryClient client = client(login(registry.host()), FAST);

      RegistryException e = catchThrowableOfType(RegistryException.class,
          () -> client.pullManifest(registry.ref("app:1.0")));

      assertThat(e).hasMessage("get a bearer token for repository:app:pull from http://" + registry.host()
          + "/token: the registry answered 401 UNAUTHORIZED: invalid username or password"
          + " (the token server refused the credentials of user ci)");
      assertThat(e.getMessage()).doesNotContain(SECRET);
      assertThat(sleeps).isEmpty();
    }

    @Test
    void identityTokenUsesTheOAuth2RefreshTokenGrant() {
      registry.login(FakeRegistry.Auth.BEARER, Credentials.IDENTITY_TOKEN_USER, SECRET);
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      RegistryClient client = client(new StaticCredentialSource(Map.of(registry.host(), Credentials.identityToken(SECRET))), FAST);

      client.pullManifest(registry.ref("app:1.0"));

      assertThat(registry.requests).extracting(FakeRegistry.Request::toString)
          .containsExactly("GET /v2/app/manifests/1.0", "POST /token", "GET /v2/app/manifests/1.0");
      assertThat(registry.requests.get(1).authorization()).isNull();
      assertThat(registry.requests.get(1).contentType()).isEqualTo("application/x-www-form-urlencoded");
      assertThat(registry.tokenScopes).containsExactly("repository:app:pull client_id=docker-build-maven-plugin");
    }

    @Test
    void refusedIdentityTokenIsNamedButNotShown() {
      registry.login(FakeRegistry.Auth.BEARER, Credentials.IDENTITY_TOKEN_USER, "another-token");
      RegistryClient client = client(new StaticCredentialSource(Map.of(registry.host(), Credentials.identityToken(SECRET))), FAST);

      RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.pullManifest(registry.ref("app:1.0")));

      assertThat(e).hasMessage("get a bearer token for repository:app:pull from http://" + registry.host()
          + "/token: the registry answered 401 UNAUTHORIZED: invalid refresh token"
          + " (the token server refused the identity token for " + registry.host() + ")");
    }

    @Test
    void basicAuth() {
      registry.login(FakeRegistry.Auth.BASIC, "ci", SECRET);
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      RegistryClient client = client(login(registry.host()), FAST);

      client.pullManifest(registry.ref("app:1.0"));
      client.pullManifest(registry.ref("app:1.0"));

      assertThat(registry.requests).extracting(FakeRegistry.Request::authorization)
          .containsExactly(null, FakeRegistry.basic("ci", SECRET), FakeRegistry.basic("ci", SECRET));
      assertThat(client.counter().requests(RequestKind.TOKEN)).isZero();
    }

    @Test
    void noCredentialsForABasicRegistry() {
      registry.login(FakeRegistry.Auth.BASIC, "ci", SECRET);
      assertThatThrownBy(() -> client().pullManifest(registry.ref("app:1.0")))
          .hasMessage("pull manifest " + registry.host() + "/app:1.0: the registry answered 401 UNAUTHORIZED: "
              + "authentication required (no credentials for " + registry.host() + ")");
      assertThat(registry.requests).hasSize(1);
    }

    @Test
    void forbiddenNamesTheUser() {
      registry.fail("PUT", "/manifests/", 403, Map.of(),
          "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");
      RegistryClient client = client(login(registry.host()), FAST);
      RegistryException e = catchThrowableOfType(RegistryException.class, () -> client.pushManifest(
          registry.ref("app:1"), RawManifest.of(Golden.bytes("oci-manifest.json"), MediaTypes.OCI_MANIFEST)));
      assertThat(e).hasMessage("push manifest " + registry.host() + "/app:1: the registry answered 403 DENIED: "
          + "requested access to the resource is denied (user ci is not allowed to do this)");
      assertThat(e.status()).isEqualTo(403);
    }

    @Test
    void credentialsAreNotSentToAPlainHttpRealmOfARemoteHost() {
      registry.login(FakeRegistry.Auth.BEARER, "ci", SECRET);
      registry.realmOverride = "http://auth.example.com/token";
      RegistryClient client = client(login(registry.host()), FAST);

      assertThatThrownBy(() -> client.pullManifest(registry.ref("app:1.0")))
          .hasMessage("get a bearer token for repository:app:pull from http://auth.example.com/token: "
              + "refusing to send credentials over plain HTTP to http://auth.example.com/token; the token realm must be HTTPS");
      assertThat(client.counter().requests(RequestKind.TOKEN)).isZero();
    }
  }

  @Nested
  class Retries {
    @Test
    void serverErrorsAreRetriedWithExponentialBackoffAndJitter() {
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      registry.fail("GET", "/manifests/", 503).fail("GET", "/manifests/", 502);
      RegistryClient client = client();

      assertThat(client.pullManifest(registry.ref("app:1.0")).bytes()).isEqualTo(Golden.bytes("oci-index.json"));
      // random 0.5: half fixed plus half of the other half
      assertThat(sleeps).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
      assertThat(client.counter().requests(RequestKind.MANIFEST_GET)).isEqualTo(3);
    }

    @Test
    void retryAfterSecondsIsHonoured() {
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      registry.fail("HEAD", "/manifests/", 429, Map.of("Retry-After", "7"), "");
      client().checkManifest(registry.ref("app:1.0"));
      assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retriesStopAfterTheConfiguredMaximum() {
      for (int i = 0; i < 5; i++) {
        registry.fail("GET", "/manifests/", 503, Map.of(),
            "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]}");
      }
      RegistryClient client = client();
      RegistryException e = catchThrowableOfType(RegistryException.class,
          () -> client.pullManifest(registry.ref("app:1.0")));

      assertThat(e).hasMessage("pull manifest " + registry.host() + "/app:1.0: the registry answered 503 UNAVAILABLE: "
          + "try later (gave up after 3 attempts)");
      assertThat(e.code()).isEqualTo("UNAVAILABLE");
      assertThat(registry.requests).hasSize(3);
      assertThat(sleeps).hasSize(2);
      assertThat(retries).hasSize(2);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "503 | '' | {\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]} "
            + "| the registry answered 503 UNAVAILABLE: try later; attempt 2 of 3 in 0.1 s",
        "502 | '' | <html>bad gateway</html> | the registry answered 502; attempt 2 of 3 in 0.1 s",
        "429 | 7 | '' | the registry answered 429 (Retry-After: 7); attempt 2 of 3 in 7.0 s",
        "500 | 1 | {\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"boom\"}]} "
            + "| the registry answered 500 UNKNOWN: boom (Retry-After: 1); attempt 2 of 3 in 1.0 s",
    })
    void eachRetryIsReportedInOneLineWithTheReasonAndTheWait(int status, String retryAfter, String body, String line) {
      Digest digest = registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      registry.fail("PUT", "/manifests/", status, retryAfter.isEmpty() ? Map.of() : Map.of("Retry-After", retryAfter),
          body);
      RegistryClient client = client();

      assertThat(client.pushManifest(registry.ref("app:1.1"), RawManifest.of(Golden.bytes("oci-index.json"),
          MediaTypes.OCI_INDEX))).isEqualTo(digest);
      assertThat(retries).containsExactly("push manifest " + registry.host() + "/app:1.1: " + line);
      assertThat(client.counter().requests(RequestKind.MANIFEST_PUT)).isEqualTo(2);
    }

    @Test
    void droppedConnectionIsRetriedAndReported() {
      Digest digest = registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      registry.drop("PUT", "/manifests/1.1");

      assertThat(client().pushManifest(registry.ref("app:1.1"), RawManifest.of(Golden.bytes("oci-index.json"),
          MediaTypes.OCI_INDEX))).isEqualTo(digest);
      assertThat(retries).singleElement().asString()
          .startsWith("push manifest " + registry.host() + "/app:1.1: cannot reach " + registry.host() + " (")
          .endsWith("); attempt 2 of 3 in 0.1 s");
      assertThat(registry.count("PUT", "/v2/app/manifests/1.1")).isEqualTo(2);
      assertThat(registry.manifests.get("app")).containsKey("1.1");
    }

    @ParameterizedTest(name = "{0} {1} fails at once")
    @CsvSource(delimiter = '|', value = {
        "400 | MANIFEST_INVALID | manifest invalid",
        "404 | NAME_UNKNOWN | repository name not known to registry",
        "409 | DENIED | tag is immutable",
        "413 | SIZE_INVALID | manifest too big",
    })
    void clientErrorsFailAtOnceWithTheRegistrysCodeAndMessage(int status, String code, String message) {
      registry.fail("PUT", "/manifests/", status, Map.of("Retry-After", "3"),
          "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}");
      RegistryException e = catchThrowableOfType(RegistryException.class, () -> client().pushManifest(
          registry.ref("app:1"), RawManifest.of(utf8("{}"), MediaTypes.OCI_MANIFEST)));

      assertThat(e).hasMessage("push manifest " + registry.host() + "/app:1: the registry answered " + status + " "
          + code + ": " + message);
      assertThat(e.status()).isEqualTo(status);
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.registryMessage()).isEqualTo(message);
      assertThat(registry.requests).hasSize(1);
      assertThat(sleeps).isEmpty();
      assertThat(retries).isEmpty();
    }

    @Test
    void clientErrorsFailAtOnce() {
      registry.fail("PUT", "/manifests/", 400, Map.of(),
          "{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\"}]}");
      RegistryException e = catchThrowableOfType(RegistryException.class, () -> client().pushManifest(
          registry.ref("app:1"), RawManifest.of(utf8("{}"), MediaTypes.OCI_MANIFEST)));
      assertThat(e.code()).isEqualTo("MANIFEST_INVALID");
      assertThat(registry.requests).hasSize(1);
      assertThat(sleeps).isEmpty();
    }

    @Test
    void connectionErrorsAreRetriedThenReported() throws IOException {
      try (ClosedPort closed = new ClosedPort()) {
        int port = closed.port();
        RegistryClient client = client(login("127.0.0.1:" + port), FAST);
        RegistryException e = catchThrowableOfType(RegistryException.class,
            () -> client.checkBlob(ImageRef.parse("127.0.0.1:" + port + "/app"), Digest.of(new byte[0])));

        assertThat(e.getMessage()).startsWith("check blob 127.0.0.1:" + port + "/app@" + Digest.of(new byte[0])
            + ": cannot reach 127.0.0.1:" + port + " (ConnectException").endsWith(") after 3 attempts");
        assertThat(e.status()).isEqualTo(RegistryException.NO_RESPONSE);
        assertThat(e.getMessage()).doesNotContain(SECRET);
        assertThat(sleeps).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
        assertThat(retries).hasSize(2).allSatisfy(line -> assertThat(line)
            .startsWith("check blob 127.0.0.1:" + port + "/app@" + Digest.of(new byte[0]) + ": cannot reach 127.0.0.1:"
                + port + " (ConnectException"));
        assertThat(retries.get(1)).endsWith("; attempt 3 of 3 in 0.2 s");
        assertThat(client.counter().requests(RequestKind.BLOB_HEAD)).isEqualTo(3);
      }
    }

    @Test
    void tokenRequestsAreRetriedToo() {
      registry.auth = FakeRegistry.Auth.BEARER;
      registry.putManifest("app", "1.0", Golden.bytes("oci-index.json"), MediaTypes.OCI_INDEX);
      // faults match only registry paths, so make the token server fail via a custom realm path
      registry.realmOverride = "http://" + registry.host() + "/v2/token-proxy";
      registry.fail("GET", "/v2/token-proxy", 503);
      registry.fail("GET", "/v2/token-proxy", 200, Map.of(), "{\"token\":\"abc\"}");
      RegistryClient client = client();

      assertThatThrownBy(() -> client.pullManifest(registry.ref("app:1.0")))
          .hasMessage("pull manifest " + registry.host() + "/app:1.0: the registry answered 401 UNAUTHORIZED: "
              + "authentication required (no credentials for " + registry.host() + ")");
      assertThat(client.counter().requests(RequestKind.TOKEN)).isEqualTo(2);
      assertThat(sleeps).hasSize(1);
    }
  }

  @Test
  void secretsAppearInNoExceptionMessage() throws IOException {
    CredentialSource credentials = login(registry.host());
    registry.login(FakeRegistry.Auth.BEARER, "ci", "other");
    Optional<Throwable> tokenFailure = failure(() -> client(credentials, FAST).pullManifest(registry.ref("app:1")));
    registry.login(FakeRegistry.Auth.BASIC, "ci", "other");
    Optional<Throwable> basicFailure = failure(() -> client(credentials, FAST).pullManifest(registry.ref("app:1")));
    registry.auth = FakeRegistry.Auth.NONE;
    Optional<Throwable> notFound = failure(() -> client(credentials, FAST).pullManifest(registry.ref("app:1")));

    for (Optional<Throwable> failure : List.of(tokenFailure, basicFailure, notFound)) {
      assertThat(failure).isPresent();
      Throwable t = failure.get();
      while (t != null) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET);
        assertThat(t.toString()).doesNotContain(SECRET);
        t = t.getCause();
      }
    }
    assertThat(credentials.find(registry.host()).orElseThrow().toString()).doesNotContain(SECRET);
  }

  private static Optional<Throwable> failure(Runnable action) {
    try {
      action.run();
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(e);
    }
  }
}
