package io.github.dockerbuild.registry;

import java.net.URI;
import java.util.Optional;

/**
 * {@code PUT <location>?digest=<digest>} with the whole blob: the monolithic upload. A body streamed
 * from the source registry is not retried; a body of bytes in memory is.
 */
final class UploadCompleter implements Endpoint<Digest> {
  private final ImageRef target;
  private final URI location;
  private final Digest digest;
  private final RequestBody body;

  UploadCompleter(ImageRef target, URI location, Digest digest, BlobPuller.Blob blob) {
    this(target, location, digest, RequestBody.stream("application/octet-stream", blob.length(), blob.stream()));
  }

  UploadCompleter(ImageRef target, URI location, Digest digest, RequestBody body) {
    this.target = target;
    this.location = location;
    this.digest = digest;
    this.body = body;
  }

  @Override public RequestKind kind() { return RequestKind.BLOB_UPLOAD_PUT; }
  @Override public String method() { return "PUT"; }
  @Override public String registry() { return target.registry(); }
  @Override public String repository() { return target.repository(); }
  @Override public boolean writes() { return true; }

  @Override
  public String path() {
    String url = location.toString();
    return url + (location.getRawQuery() == null ? "?" : "&") + "digest=" + digest;
  }

  @Override
  public RequestBody body() {
    return body;
  }

  @Override
  public Digest handleResponse(RegistryResponse response) {
    Optional<String> reported = response.header("Docker-Content-Digest").map(String::trim);
    if (reported.isPresent() && !reported.get().equals(digest.value())) {
      throw RegistryException.invalid(actionDescription(), response.status(),
          "the registry stored digest " + reported.get() + " instead of " + digest);
    }
    return digest;
  }

  @Override
  public String actionDescription() {
    return "upload blob " + digest + " to " + target.name();
  }
}
