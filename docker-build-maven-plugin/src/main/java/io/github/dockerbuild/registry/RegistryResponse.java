package io.github.dockerbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An answer from the registry as an endpoint sees it. The body is read at most once: either as
 * bytes ({@link #bytes()}) or taken over as a stream ({@link #takeStream()}), which the caller then
 * closes.
 */
public final class RegistryResponse {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final int status;
  private final Map<String, List<String>> headers;
  private final int attempts;
  private InputStream body;
  private byte[] bytes;

  /** @param headers by name, in any case (a map ordered by {@link String#CASE_INSENSITIVE_ORDER}) */
  RegistryResponse(int status, Map<String, List<String>> headers, InputStream body, int attempts) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.attempts = attempts;
  }

  public int status() {
    return status;
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  /** The media type of the body, without parameters such as {@code charset}. */
  public Optional<String> contentType() {
    return header("Content-Type").map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
        .filter(value -> !value.isEmpty());
  }

  public Optional<Long> contentLength() {
    return header("Content-Length").flatMap(value -> {
      try {
        return Optional.of(Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  /** The whole body. */
  public synchronized byte[] bytes() throws IOException {
    if (bytes == null) {
      if (body == null) {
        throw new IllegalStateException("the body was taken as a stream");
      }
      try (InputStream in = body) {
        bytes = in.readAllBytes();
      }
      body = null;
    }
    return bytes;
  }

  /** The body as a stream the caller must close; the response no longer closes it. */
  public synchronized InputStream takeStream() {
    if (body == null) {
      throw new IllegalStateException("the body was already read");
    }
    InputStream stream = body;
    body = null;
    return stream;
  }

  /**
   * The error this answer means, decoded from the distribution error body when there is one; a
   * retryable status that survived several attempts names how many.
   */
  public RegistryException error(String action) {
    // a retryable status that is still there after every attempt says so: the registry was asked again
    return decode(action,
        RetryPolicy.isRetryable(status) && attempts > 1 ? "gave up after " + attempts + " attempts" : null);
  }

  /** The error decoded from the body, with an optional hint in parentheses. */
  RegistryException decode(String action, String hint) {
    List<String> codes = List.of();
    String message = null;
    try {
      byte[] text = body == null && bytes == null ? new byte[0] : limitedBytes();
      if (text.length > 0) {
        ErrorTemplate errors = Json.read(text, ErrorTemplate.class);
        if (!errors.errors().isEmpty()) {
          codes = errors.errors().stream().map(ErrorTemplate.Entry::code).filter(java.util.Objects::nonNull).toList();
          message = errors.errors().get(0).message();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not a distribution error body (an HTML page from a proxy): status only
    }
    return RegistryException.answered(action, status, codes, message, hint);
  }

  private byte[] limitedBytes() throws IOException {
    if (bytes == null) {
      try (InputStream in = body) {
        bytes = in.readNBytes(MAX_ERROR_BODY);
      }
      body = null;
    }
    return bytes;
  }

  /** Closes what is left of the body (an unread blob is not downloaded). */
  void close() {
    InputStream in = body;
    body = null;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // nothing to do: the connection is dropped
      }
    }
  }
}
