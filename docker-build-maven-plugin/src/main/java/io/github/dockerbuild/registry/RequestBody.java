package io.github.dockerbuild.registry;

import java.net.http.HttpRequest;
import java.util.function.Supplier;

/**
 * A request body: content type, length and a publisher. A repeatable body (bytes) can be sent
 * again on a retry; a streamed one cannot, so the client does not retry after sending it.
 * A stream of unknown length (-1) is sent chunked; its counted length is 0.
 */
public record RequestBody(String contentType, long length, Supplier<HttpRequest.BodyPublisher> publisher, boolean repeatable) {

  public static RequestBody of(String contentType, byte[] bytes) {
    byte[] copy = bytes.clone();
    return new RequestBody(contentType, copy.length, () -> HttpRequest.BodyPublishers.ofByteArray(copy), true);
  }

  /** A file's bytes, read again for each attempt: repeatable, and never held in memory whole. */
  public static RequestBody file(String contentType, java.nio.file.Path file) throws java.io.IOException {
    long length = java.nio.file.Files.size(file);
    return new RequestBody(contentType, length, () -> {
      try {
        return HttpRequest.BodyPublishers.ofFile(file);
      } catch (java.io.FileNotFoundException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, true);
  }

  public static RequestBody stream(String contentType, long length, java.io.InputStream stream) {
    return new RequestBody(contentType, Math.max(length, 0),
        () -> length > 0
            ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stream), length)
            : HttpRequest.BodyPublishers.ofInputStream(() -> stream),
        false);
  }
}
