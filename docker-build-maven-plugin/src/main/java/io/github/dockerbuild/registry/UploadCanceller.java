package io.github.dockerbuild.registry;

import java.net.URI;

/**
 * {@code DELETE <location>}: cancels an upload nobody will finish (the one a refused mount opened).
 * Best effort: registries that do not support it let the upload expire, so errors are ignored.
 */
final class UploadCanceller implements Endpoint<Void> {
  private final ImageRef target;
  private final URI location;

  UploadCanceller(ImageRef target, URI location) {
    this.target = target;
    this.location = location;
  }

  @Override public RequestKind kind() { return RequestKind.BLOB_UPLOAD_CANCEL; }
  @Override public String method() { return "DELETE"; }
  @Override public String registry() { return target.registry(); }
  @Override public String repository() { return target.repository(); }
  @Override public boolean writes() { return true; }
  @Override public String path() { return location.toString(); }

  @Override
  public Void handleResponse(RegistryResponse response) {
    return null;
  }

  @Override
  public Void handleError(RegistryResponse response) {
    return null;
  }

  @Override
  public String actionDescription() {
    return "cancel upload to " + target.name();
  }
}
