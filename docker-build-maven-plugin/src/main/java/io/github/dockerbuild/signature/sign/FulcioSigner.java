package io.github.dockerbuild.signature.sign;

import dev.sigstore.KeylessSigner;
import dev.sigstore.KeylessSignerException;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.rekor.client.RekorEntry;
import io.github.dockerbuild.registry.RetryPolicy;
import io.github.dockerbuild.registry.Sleeper;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.signature.Dsse;
import io.github.dockerbuild.signature.keyless.CertificateClaims;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Signs keyless, as {@code cosign sign} without a key. Legacy signatures go through sigstore-java's
 * {@link KeylessSigner}: it trades the OIDC token for a short-lived Fulcio certificate over an
 * ephemeral P-256 key, signs, and logs a {@code hashedrekord} entry in Rekor; before it returns, it
 * has checked the certificate's chain and embedded SCT and the entry's SET, inclusion proof and
 * checkpoint against the trust root. The layer carries cosign's certificate annotation and the Rekor
 * bundle (SET and entry) that {@code cosign verify} checks offline.
 *
 * <p>Bundles carry a DSSE envelope, which sigstore-java's signer logs only in Rekor v2; a {@link
 * DsseLogSession} makes them from sigstore-java's Fulcio and Rekor parts with the same checks, and
 * its own certificate (so a run writing both formats asks Fulcio twice).
 *
 * <p>The first signature of each kind is made alone, so one certificate serves every signature of
 * the run; the rest may run in parallel. Transient Sigstore errors (connection errors, gRPC
 * UNAVAILABLE, HTTP 429 and 5xx) are retried with backoff; a refused token or a failed check is not.
 */
public final class FulcioSigner implements Signer {
  /** sigstore-java's runtime classes, known by name: the plugin does not compile against its transports. */
  private static final String GRPC_STATUS_EXCEPTION = "io.grpc.StatusRuntimeException";
  private static final String HTTP_RESPONSE_EXCEPTION = "com.google.api.client.http.HttpResponseException";
  private static final Set<String> RETRYABLE_GRPC = Set.of("UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED");
  private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([A-Z_]+)\\b.*", Pattern.DOTALL);

  private final KeylessSigner signer;
  private final DsseLogSession bundles;
  private final String description;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Consumer<String> onRetry;
  private final Object first = new Object();
  private final Object firstBundle = new Object();
  private volatile boolean legacySigned;
  private volatile boolean bundled;
  private volatile String identity;

  /**
   * @param signer sigstore-java's signer, pointed at Fulcio, Rekor, the trust root and the token
   * @param bundles makes the bundle format's signatures, with the same Sigstore, trust root and token
   * @param description what signs, for the log, e.g. the Fulcio and Rekor URLs and the token source
   * @param onRetry told about each retry, in one line
   */
  FulcioSigner(KeylessSigner signer, DsseLogSession bundles, String description, RetryPolicy retry,
      Sleeper sleeper, Consumer<String> onRetry) {
    this.signer = signer;
    this.bundles = bundles;
    this.description = description;
    this.retry = retry;
    this.sleeper = sleeper;
    this.onRetry = onRetry;
  }

  @Override
  public String identity() {
    String known = identity;
    return known == null ? "keyless" : known;
  }

  @Override
  public LegacySignature signLegacy(byte[] payload) {
    Bundle bundle;
    if (!legacySigned) {
      synchronized (first) {
        bundle = signWithRetries(payload);
      }
    } else {
      bundle = signWithRetries(payload);
    }
    legacySigned = true;
    X509Certificate leaf = (X509Certificate) bundle.getCertPath().getCertificates().get(0);
    identity = describe(leaf);
    byte[] signature = bundle.getMessageSignature()
        .orElseThrow(() -> new SignException("the keyless signer returned no message signature"))
        .getSignature();
    if (bundle.getEntries().isEmpty()) {
      throw new SignException("the keyless signer returned no Rekor entry");
    }
    return new LegacySignature(signature, annotations(bundle.getCertPath().getCertificates(),
        bundle.getEntries().get(0)));
  }

  /** cosign's annotations of a keyless legacy layer: certificate, chain (when there is one) and Rekor bundle. */
  static Map<String, String> annotations(List<? extends Certificate> path, RekorEntry entry) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(CosignLayout.CERTIFICATE_ANNOTATION, pem(path.subList(0, 1)));
    if (path.size() > 1) {
      annotations.put(CosignLayout.CHAIN_ANNOTATION, pem(path.subList(1, path.size())));
    }
    annotations.put(CosignLayout.REKOR_BUNDLE_ANNOTATION, rekorBundle(entry));
    return annotations;
  }

  /** {@code {"SignedEntryTimestamp":...,"Payload":{"body","integratedTime","logIndex","logID"}}}, as cosign writes it. */
  static String rekorBundle(RekorEntry entry) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("body", entry.getBody());
    payload.put("integratedTime", entry.getIntegratedTime());
    payload.put("logIndex", entry.getLogIndex());
    payload.put("logID", entry.getLogID());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("SignedEntryTimestamp", entry.getVerification().getSignedEntryTimestamp());
    root.put("Payload", payload);
    return io.github.dockerbuild.json.Json.write(root, io.github.dockerbuild.json.Json.Style.COMPACT);
  }

  static String pem(List<? extends Certificate> certificates) {
    StringBuilder out = new StringBuilder();
    Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    for (Certificate cert : certificates) {
      try {
        out.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(cert.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out.toString();
  }

  /** The certificate's identity and OIDC issuer as verification names them: {@code dev@example.com (issuer https://issuer.example)}. */
  static String describe(X509Certificate leaf) {
    List<String> names = CertificateClaims.identities(leaf);
    String name = names.isEmpty() ? leaf.getSubjectX500Principal().getName() : String.join(", ", names);
    return name + CertificateClaims.issuer(leaf).map(i -> " (issuer " + i + ")").orElse("");
  }

  @Override
  public BundleSignature signBundle(Dsse.Envelope unsigned) {
    BundleSignature signature;
    if (!bundled) {
      synchronized (firstBundle) {
        signature = withRetries(() -> bundles.sign(unsigned));
      }
    } else {
      signature = withRetries(() -> bundles.sign(unsigned));
    }
    bundled = true;
    try {
      identity = describe(bundles.certificate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return signature;
  }

  private Bundle signWithRetries(byte[] payload) {
    byte[] digest = sha256(payload);
    return withRetries(() -> signer.sign(digest));
  }

  private <T> T withRetries(java.util.concurrent.Callable<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.call();
      } catch (Exception e) {
        Optional<String> transientProblem = transientProblem(e);
        if (transientProblem.isEmpty() || n >= retry.maxAttempts()) {
          String attempts = transientProblem.isPresent() ? " (gave up after " + n + " attempts)"
              : n > 1 ? " (on attempt " + n + ")" : "";
          throw new SignException("keyless signing failed" + attempts + ": " + reason(e));
        }
        Duration delay = retry.delay(n, Optional.empty(), ThreadLocalRandom.current().nextDouble());
        onRetry.accept("keyless signing: " + transientProblem.get() + "; " + retry.nextAttempt(n, delay));
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new SignException("keyless signing: interrupted while waiting to retry");
        }
      }
    }
  }

  /** What makes this failure worth another attempt, or empty when it is not transient. */
  static Optional<String> transientProblem(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (isA(t, GRPC_STATUS_EXCEPTION)) {
        String code = leadingCode(t).orElse("");
        return RETRYABLE_GRPC.contains(code) ? Optional.of("Fulcio: " + code) : Optional.empty();
      }
      if (t instanceof DsseLogSession.RekorStatusException rekor) {
        return RetryPolicy.isRetryable(rekor.status) ? Optional.of("Rekor: HTTP " + rekor.status) : Optional.empty();
      }
      if (isA(t, HTTP_RESPONSE_EXCEPTION)) {
        int status = httpStatus(t);
        return RetryPolicy.isRetryable(status) ? Optional.of("Rekor: HTTP " + status) : Optional.empty();
      }
      if (t instanceof IOException io) {
        return Optional.of(io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + io.getMessage()));
      }
    }
    return Optional.empty();
  }

  /** The failure and its causes in one line, without stack traces. */
  static String reason(Throwable failure) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = failure; t != null && out.length() < 600; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (isA(t, GRPC_STATUS_EXCEPTION)) {
        message = "Fulcio: " + message;
      } else if (isA(t, HTTP_RESPONSE_EXCEPTION)) {
        String status = String.valueOf(httpStatus(t));
        String detail = t.getMessage() == null ? "" : t.getMessage().trim();
        message = "Rekor: HTTP " + status + (detail.startsWith(status) ? detail.substring(status.length())
            : detail.isEmpty() ? "" : " " + detail);
      }
      message = message.replaceAll("\\s+", " ").trim();
      if (out.indexOf(message) < 0) {
        out.append(out.length() == 0 ? "" : ": ").append(message);
      }
    }
    return out.toString();
  }

  private static boolean isA(Throwable t, String className) {
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  /** The status of google-http-client's {@code HttpResponseException}, 0 when it cannot be read. */
  private static int httpStatus(Throwable t) {
    try {
      return (Integer) t.getClass().getMethod("getStatusCode").invoke(t);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return 0;
    }
  }

  /** gRPC's status code, which leads its exception's message ({@code UNAVAILABLE: ...}). */
  private static Optional<String> leadingCode(Throwable t) {
    java.util.regex.Matcher m = LEADING_CODE.matcher(t.getMessage() == null ? "" : t.getMessage());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An ephemeral key signs each run anew, so no earlier signature is this signer's: a re-run appends
   * a signature, as {@code cosign sign} does.
   */
  @Override
  public boolean verifies(byte[] data, byte[] signature) {
    return false;
  }

  @Override
  public String toString() {
    return description;
  }
}
