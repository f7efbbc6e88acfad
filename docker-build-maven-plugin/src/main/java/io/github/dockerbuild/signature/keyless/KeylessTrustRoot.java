package io.github.dockerbuild.signature.keyless;

import dev.sigstore.TrustedRootProvider;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.SigstoreTufClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where keyless verification gets its trust material (Fulcio CAs, CT logs, Rekor logs): a
 * {@code trusted_root.json} file (offline, or a private Sigstore), or Sigstore's public-good
 * instance through its TUF repository, cached in a directory.
 *
 * <p>Offline never hangs: before the TUF client runs, the mirror is probed with a short connect
 * timeout (name resolution included). When it is out of reach, a {@code trusted_root.json} that an
 * earlier online run cached is used; with nothing cached this fails at once, saying to give a
 * {@code trusted_root.json}.
 */
public final class KeylessTrustRoot {
  /** Sigstore's public-good TUF repository. */
  public static final URI PUBLIC_GOOD_MIRROR = URI.create("https://tuf-repo-cdn.sigstore.dev/");
  /** How long the reachability probe of the mirror may take. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The POM element naming a trusted root file, for messages. */
  public static final String TRUSTED_ROOT_PARAMETER = "<trustedRoot> (-Ddocker.verify.trustedRoot)";

  static final String TRUSTED_ROOT_FILE = "trusted_root.json";
  private static String fix(String parameter) {
    return "give a trusted_root.json with " + parameter + " to work offline or against a private Sigstore";
  }

  private KeylessTrustRoot() {}

  /**
   * Reads a {@code trusted_root.json} (the Sigstore TrustedRoot format, as {@code cosign verify
   * --trusted-root} takes it) for keyless verification: it must have a certificate authority and a
   * transparency log.
   *
   * @throws TrustRootException when it is missing, not a valid trust root, or lacks either
   */
  public static SigstoreTrustedRoot fromFile(Path file) throws TrustRootException {
    return fromFile(file, TRUSTED_ROOT_PARAMETER);
  }

  /** {@link #fromFile(Path)}, naming {@code parameter} as where the file was given. */
  public static SigstoreTrustedRoot fromFile(Path file, String parameter) throws TrustRootException {
    SigstoreTrustedRoot root = read(file, parameter);
    requireFor(root, parameter + " '" + file + "'", true);
    return root;
  }

  /**
   * Reads a {@code trusted_root.json} whatever it holds: what a use needs is checked by
   * {@link #requireFor}.
   *
   * @throws TrustRootException when it is missing or not a valid trust root
   */
  public static SigstoreTrustedRoot read(Path file) throws TrustRootException {
    return read(file, TRUSTED_ROOT_PARAMETER);
  }

  /** {@link #read(Path)}, naming {@code parameter} as where the file was given. */
  public static SigstoreTrustedRoot read(Path file, String parameter) throws TrustRootException {
    if (!Files.isRegularFile(file)) {
      throw new TrustRootException(parameter + " '" + file + "' does not exist: point it at a "
          + "trusted_root.json (e.g. from the TUF repository of your Sigstore)");
    }
    String plain = parameter + " '" + file + "' ";
    String fix = ": point it at a trusted_root.json (e.g. from the TUF repository of your Sigstore)";
    try {
      io.github.dockerbuild.json.Json.parse(file);
    } catch (io.github.dockerbuild.json.JsonException e) {
      throw new TrustRootException(plain + "is not JSON" + (e.position() == null ? "" : " (" + e.position() + ")") + fix, e);
    } catch (IOException e) {
      throw new TrustRootException(plain + "cannot be read" + fix, e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return SigstoreTrustedRoot.from(in);
    } catch (IOException | SigstoreConfigurationException | RuntimeException e) {
      throw new TrustRootException(plain + "is JSON but not a Sigstore trusted root (no valid certificateAuthorities,"
          + " tlogs and ctlogs)" + fix, e);
    }
  }

  /**
   * Whether a trust root holds what a use needs: keyless verification a certificate authority and a
   * transparency log; checking the log entries of key-based signatures a transparency log.
   *
   * @param source what the root is, for the message, e.g. {@code <trustedRoot> 'file'}
   * @param keyless whether certificate authorities are needed too
   * @throws TrustRootException saying what is missing
   */
  public static void requireFor(SigstoreTrustedRoot root, String source, boolean keyless) throws TrustRootException {
    if (keyless && (root.getCAs().isEmpty() || root.getTLogs().isEmpty())) {
      throw new TrustRootException(source + " has " + root.getCAs().size() + " certificate authorities and "
          + root.getTLogs().size() + " transparency logs: keyless verification needs at least one of each");
    }
    if (root.getTLogs().isEmpty()) {
      throw new TrustRootException(source + " has no transparency log: checking the log entries of key-based "
          + "signatures needs the log's key");
    }
  }

  /** The public-good trust root through TUF, cached in {@code cacheDir}. */
  public static SigstoreTrustedRoot publicGood(Path cacheDir) throws TrustRootException {
    return publicGood(cacheDir, TRUSTED_ROOT_PARAMETER);
  }

  /** {@link #publicGood(Path)}, naming {@code parameter} as where to give a trust root instead. */
  public static SigstoreTrustedRoot publicGood(Path cacheDir, String parameter) throws TrustRootException {
    return fromTuf(PUBLIC_GOOD_MIRROR, RootProvider.fromResource(SigstoreTufClient.PUBLIC_GOOD_ROOT_RESOURCE),
        cacheDir, DEFAULT_CONNECT_TIMEOUT, parameter);
  }

  /**
   * The trust root of a TUF repository: updated from {@code mirror} when it can be reached, else the
   * copy cached in {@code cacheDir} by an earlier update.
   *
   * @param mirror the TUF repository
   * @param tufRoot the initial TUF root.json the repository's metadata chains to
   * @param cacheDir where TUF metadata and targets are cached (sigstore-java's layout)
   * @param connectTimeout the longest the reachability probe may take
   * @throws TrustRootException when the mirror is out of reach and nothing is cached, or the update fails
   */
  public static SigstoreTrustedRoot fromTuf(URI mirror, RootProvider tufRoot, Path cacheDir, Duration connectTimeout)
      throws TrustRootException {
    return fromTuf(mirror, tufRoot, cacheDir, connectTimeout, TRUSTED_ROOT_PARAMETER);
  }

  private static SigstoreTrustedRoot fromTuf(URI mirror, RootProvider tufRoot, Path cacheDir, Duration connectTimeout,
      String parameter) throws TrustRootException {
    Optional<String> unreachable = probe(mirror, connectTimeout);
    if (unreachable.isPresent()) {
      Path cached = cachedTrustedRoot(cacheDir);
      if (Files.isRegularFile(cached)) {
        SigstoreTrustedRoot root = read(cached, parameter);
        requireFor(root, "the cached trust root '" + cached + "'", true);
        return root;
      }
      throw new TrustRootException("cannot reach the Sigstore TUF mirror " + mirror + " (" + unreachable.get()
          + ") and " + cacheDir + " holds no cached trust root: " + fix(parameter));
    }
    SigstoreTufClient.Builder tuf = SigstoreTufClient.builder().tufMirror(mirror, tufRoot).tufCacheLocation(cacheDir);
    try {
      return TrustedRootProvider.from(tuf).get();
    } catch (SigstoreConfigurationException | RuntimeException e) {
      throw new TrustRootException("updating the trust root from the Sigstore TUF mirror " + mirror + " failed ("
          + firstLine(e) + "): " + fix(parameter), e);
    }
  }

  /** Where sigstore-java's TUF client keeps the trusted root target under its cache directory. */
  static Path cachedTrustedRoot(Path cacheDir) {
    return cacheDir.resolve("targets").resolve(TRUSTED_ROOT_FILE);
  }

  /** Empty when a TCP connection to the mirror opens within the timeout; else why not. */
  static Optional<String> probe(URI mirror, Duration timeout) {
    String host = mirror.getHost();
    if (host == null) {
      return Optional.of("no host in the URI");
    }
    int port = mirror.getPort() != -1 ? mirror.getPort() : "http".equalsIgnoreCase(mirror.getScheme()) ? 80 : 443;
    int millis = (int) Math.max(1, timeout.toMillis());
    FutureTask<Optional<String>> connect = new FutureTask<>(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), millis);
        return Optional.empty();
      } catch (IOException e) {
        return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
    });
    Thread thread = new Thread(connect, "sigstore-tuf-probe");
    thread.setDaemon(true); // name resolution cannot be interrupted; never keep the JVM alive for it
    thread.start();
    try {
      return connect.get(millis + 500L, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      connect.cancel(true);
      return Optional.of("no connection within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Optional.of(firstLine(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  private static String firstLine(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        text.append(text.length() == 0 ? "" : ": ").append(m.lines().findFirst().orElse(m));
      }
    }
    return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
  }
}
