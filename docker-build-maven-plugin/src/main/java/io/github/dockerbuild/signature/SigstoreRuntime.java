package io.github.dockerbuild.signature;

import java.util.Objects;

/**
 * Where keyless work asks for sigstore-java before it first uses it. The library and its tail
 * (gRPC, protobuf, TUF, HTTP clients) are not in the class realm Maven makes at start-up; the
 * Maven layer installs a {@link Loader} that resolves them and adds them to the realm.
 *
 * <p>The classes that name sigstore-java's types ("the sigstore side": trust roots, the keyless
 * verifier, transparency-log checks, Fulcio signing) are entered only through a few entry points,
 * each of which calls {@link #require} first; a JVM links a class when it is first used, so none of
 * them is linked before the library is there. Key-based signing, and key-based verification that
 * ignores the log, never ask. SigstoreBoundaryTest checks the boundary on the compiled classes.
 */
public final class SigstoreRuntime {
  /** Makes sigstore-java loadable; called again after success, it returns at once. */
  @FunctionalInterface
  public interface Loader {
    /**
     * @param why what needs it, for the one progress line and for errors
     * @throws Exception with a one-line message saying what could not be resolved and how to fix it
     */
    void load(String why) throws Exception;
  }

  /** Without a Maven layer (tests, embedding), the library is expected on the class path. */
  private static volatile Loader loader = why -> { };

  private SigstoreRuntime() {}

  public static void install(Loader newLoader) {
    loader = Objects.requireNonNull(newLoader);
  }

  /**
   * @throws IllegalStateException with the loader's one-line message when the library cannot be had
   */
  public static void require(String why) {
    try {
      loader.load(why);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
