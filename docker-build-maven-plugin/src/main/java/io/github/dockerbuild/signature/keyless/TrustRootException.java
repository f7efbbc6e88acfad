package io.github.dockerbuild.signature.keyless;

/**
 * The trust root could not be had: a bad {@code trusted_root.json}, or the TUF mirror out of reach
 * with nothing cached. A configuration or transport problem, not a verification failure. The
 * message is one line that says what to do.
 */
public final class TrustRootException extends Exception {
  private static final long serialVersionUID = 1L;

  public TrustRootException(String message, Throwable cause) {
    super(message, cause);
  }

  public TrustRootException(String message) {
    super(message);
  }
}
