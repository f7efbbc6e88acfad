package io.github.dockerbuild.registry;

import java.util.Optional;

/** {@code HEAD /v2/<name>/blobs/<digest>}: the size when the blob exists, empty on 404. */
final class BlobChecker implements Endpoint<Optional<Long>> {
  private final ImageRef repository;
  private final Digest digest;

  BlobChecker(ImageRef repository, Digest digest) {
    this.repository = repository;
    this.digest = digest;
  }

  @Override public RequestKind kind() { return RequestKind.BLOB_HEAD; }
  @Override public String method() { return "HEAD"; }
  @Override public String registry() { return repository.registry(); }
  @Override public String repository() { return repository.repository(); }
  @Override public String path() { return "/v2/" + repository.repository() + "/blobs/" + digest; }

  @Override
  public Optional<Long> handleResponse(RegistryResponse response) {
    return Optional.of(response.contentLength().orElse(-1L));
  }

  @Override
  public Optional<Long> handleError(RegistryResponse response) {
    if (response.status() == 404) {
      return Optional.empty();
    }
    throw response.error(actionDescription());
  }

  @Override
  public String actionDescription() {
    return "check blob " + repository.name() + "@" + digest;
  }
}
