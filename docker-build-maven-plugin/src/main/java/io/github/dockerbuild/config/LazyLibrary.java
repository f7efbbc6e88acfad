package io.github.dockerbuild.config;

import java.util.Objects;

/**
 * A library the plugin's realm does not hold at start-up, asked for where it is first needed. The
 * Maven layer installs a {@link Loader} that resolves the library and adds it to the realm; without
 * one (tests, embedding) it is expected on the class path.
 *
 * <p>The classes that name a lazy library's types ("its side") are entered only through a few entry
 * points, each of which calls {@link #require} first; a JVM links a class when it is first used, so
 * none of them is linked before the library is there. LibraryBoundaryTest checks the boundaries
 * on the compiled classes.
 */
public final class LazyLibrary {
  /** sigstore-java and its tail (gRPC, protobuf, TUF): keyless work and transparency-log checks. */
  public static final LazyLibrary SIGSTORE = new LazyLibrary("sigstore-java");
  /** docker-java's transport: the engine's version and info. */
  public static final LazyLibrary DOCKER_JAVA = new LazyLibrary("docker-java");
  /** Bouncy Castle: a signing key's PEM, and an engine's TLS client key (keyless work has it from sigstore-java). */
  public static final LazyLibrary BOUNCY_CASTLE = new LazyLibrary("bouncycastle");

  /** Makes the library loadable; called again after success, it returns at once. */
  @FunctionalInterface
  public interface Loader {
    /**
     * @param why what needs it, for the one progress line and for errors
     * @throws Exception with a one-line message saying what could not be resolved and how to fix it
     */
    void load(String why) throws Exception;
  }

  private final String name;
  private volatile Loader loader = why -> { };

  private LazyLibrary(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  public void install(Loader newLoader) {
    loader = Objects.requireNonNull(newLoader);
  }

  /**
   * @throws IllegalStateException with the loader's one-line message when the library cannot be had
   */
  public void require(String why) {
    try {
      loader.load(why);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
