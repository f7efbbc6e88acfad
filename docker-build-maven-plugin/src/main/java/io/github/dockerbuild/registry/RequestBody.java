package io.github.dockerbuild.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body: content type, length and how to open its bytes. A repeatable body (bytes, a
 * file) is opened again for each attempt; a streamed one can be sent once, so the client does not
 * retry after sending it. A stream of unknown length ({@code length} -1) is sent chunked.
 */
public record RequestBody(String contentType, long length, Content content, boolean repeatable) {

  /** Opens the bytes to send. */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }

  /** The bytes counted as uploaded: the length, or 0 for a stream of unknown length. */
  public long counted() {
    return Math.max(length, 0);
  }

  public static RequestBody of(String contentType, byte[] bytes) {
    byte[] copy = bytes.clone();
    return new RequestBody(contentType, copy.length, () -> new ByteArrayInputStream(copy), true);
  }

  /** A file's bytes, read again for each attempt: repeatable, and never held in memory whole. */
  public static RequestBody file(String contentType, Path file) throws IOException {
    return new RequestBody(contentType, Files.size(file), () -> Files.newInputStream(file), true);
  }

  /** An open stream, sent once; {@code length} -1 when unknown. */
  public static RequestBody stream(String contentType, long length, InputStream stream) {
    return new RequestBody(contentType, length < 0 ? -1 : length, () -> stream, false);
  }
}
