package io.github.dockerbuild.registry;

import java.io.IOException;
import java.io.InputStream;

/** {@code GET /v2/<name>/blobs/<digest>}: the blob as a stream the caller closes. */
final class BlobPuller implements Endpoint<BlobPuller.Blob> {
  /** An open blob body and its length (-1 when the registry did not say). */
  record Blob(InputStream stream, long length) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      stream.close();
    }
  }

  private final ImageRef source;
  private final Digest digest;

  BlobPuller(ImageRef source, Digest digest) {
    this.source = source;
    this.digest = digest;
  }

  @Override public RequestKind kind() { return RequestKind.BLOB_GET; }
  @Override public String method() { return "GET"; }
  @Override public String registry() { return source.registry(); }
  @Override public String repository() { return source.repository(); }
  @Override public String path() { return "/v2/" + source.repository() + "/blobs/" + digest; }

  @Override
  public Blob handleResponse(RegistryResponse response) {
    return new Blob(response.takeStream(), response.contentLength().orElse(-1L));
  }

  @Override
  public String actionDescription() {
    return "pull blob " + source.name() + "@" + digest;
  }
}
