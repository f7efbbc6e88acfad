package io.github.dockerbuild.registry;

import java.util.List;

/**
 * A registry call failed: the registry answered with an error (status, the distribution error code
 * and message decoded from its error body), could not be reached, or sent content that does not
 * match its digest. The message starts with the action, e.g. {@code push manifest
 * 127.0.0.1:5000/app@sha256:...}, and never contains credentials.
 */
public class RegistryException extends RuntimeException {
  /** {@link #status()} when no HTTP answer arrived (connection refused, reset, timeout). */
  public static final int NO_RESPONSE = 0;

  private final String action;
  private final int status;
  private final List<String> codes;
  private final String registryMessage;

  public RegistryException(String action, int status, String code, String registryMessage, String message, Throwable cause) {
    this(action, status, registryMessage, message, cause, code == null ? List.of() : List.of(code));
  }

  private RegistryException(String action, int status, String registryMessage, String message, Throwable cause,
      List<String> codes) {
    super(message, cause);
    this.action = action;
    this.status = status;
    this.codes = List.copyOf(codes);
    this.registryMessage = registryMessage;
  }

  /** The registry answered with an error status. */
  static RegistryException answered(String action, int status, String code, String registryMessage, String hint) {
    return answered(action, status, code == null ? List.of() : List.of(code), registryMessage, hint);
  }

  /** The registry answered with an error status and these codes, the first one shown. */
  static RegistryException answered(String action, int status, List<String> codes, String registryMessage,
      String hint) {
    String code = codes.isEmpty() ? null : codes.get(0);
    StringBuilder text = new StringBuilder(action).append(": the registry answered ").append(status);
    if (code != null) {
      text.append(' ').append(code);
    }
    if (registryMessage != null && !registryMessage.isBlank()) {
      text.append(": ").append(registryMessage);
    }
    if (hint != null) {
      text.append(" (").append(hint).append(')');
    }
    return new RegistryException(action, status, registryMessage, text.toString(), null, codes);
  }

  /** Content that does not match its digest, or another protocol violation by the registry. */
  static RegistryException invalid(String action, int status, String problem) {
    return new RegistryException(action, status, null, null, action + ": " + problem, null);
  }

  /** No answer after every attempt. */
  /** A request its proxy failed, with what to do. */
  static RegistryException throughProxy(String action, String registry, ProxyFailure failure, int attempts) {
    return new RegistryException(action, NO_RESPONSE, null, null, action + ": " + failure.getMessage() + " (registry "
        + registry + (attempts == 1 ? "" : ", " + attempts + " attempts") + "): " + failure.hint(), failure);
  }

  /** A host whose name does not resolve here (asked directly: through a proxy the proxy resolves it). */
  static RegistryException unknownHost(String action, String host, Exception cause) {
    return new RegistryException(action, NO_RESPONSE, null, null, action + ": the name " + host
        + " does not resolve here: check the registry host, or give the proxy that reaches it (a settings.xml "
        + "<proxy>, or HTTPS_PROXY)", cause);
  }

  static RegistryException unreachable(String action, String registry, Exception cause, int attempts) {
    String reason = reason(cause);
    return new RegistryException(action, NO_RESPONSE, null, null,
        action + ": cannot reach " + registry + " (" + reason + ") after " + attempts
            + (attempts == 1 ? " attempt" : " attempts"), cause);
  }

  /**
   * True when the connection failed because the registry's TLS certificate is not trusted: no
   * retry changes that, and the fix is a CA, not patience.
   */
  static boolean untrustedCertificate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException
          || t instanceof java.security.cert.CertPathBuilderException
          || t instanceof java.security.cert.CertPathValidatorException
          || String.valueOf(t.getMessage()).contains("PKIX path")) {
        return true;
      }
    }
    return false;
  }

  /** The untrusted-certificate failure in one line, with the fix. */
  static RegistryException untrusted(String action, String registry, Exception cause) {
    return new RegistryException(action, NO_RESPONSE, null, null, action + ": the TLS certificate of " + registry
        + " is not trusted (no path to a trusted CA): set <caCertificate> (-Ddocker.caCertificate) to the PEM file of"
        + " its CA, or add that CA to the JVM's trust store", cause);
  }

  /** The exception's type and message, e.g. {@code ConnectException: Connection refused}. */
  static String reason(Exception cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  /** What was being done, e.g. {@code pull manifest ghcr.io/org/app:1.0}. */
  public String action() {
    return action;
  }

  /** The HTTP status, or {@link #NO_RESPONSE}. */
  public int status() {
    return status;
  }

  /** The distribution error code such as {@code MANIFEST_UNKNOWN}, or null: the first of the answer's. */
  public String code() {
    return codes.isEmpty() ? null : codes.get(0);
  }

  /**
   * Every code of the answer, in its order: a registry can give several, the telling one not first
   * (distribution answers a manifest whose layer it could not read with {@code DIGEST_INVALID}, then
   * {@code MANIFEST_BLOB_UNKNOWN}).
   */
  public List<String> codes() {
    return codes;
  }

  /** The registry's own error message, or null. */
  public String registryMessage() {
    return registryMessage;
  }
}
