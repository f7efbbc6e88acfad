package io.github.dockerbuild.registry;

/** {@code POST /v2/<name>/blobs/uploads/}: opens an upload; returns its {@code Location}. */
final class UploadStarter implements Endpoint<String> {
  private final ImageRef target;

  UploadStarter(ImageRef target) {
    this.target = target;
  }

  @Override public RequestKind kind() { return RequestKind.BLOB_UPLOAD_START; }
  @Override public String method() { return "POST"; }
  @Override public String registry() { return target.registry(); }
  @Override public String repository() { return target.repository(); }
  @Override public boolean writes() { return true; }
  @Override public String path() { return "/v2/" + target.repository() + "/blobs/uploads/"; }

  @Override
  public RequestBody body() {
    return RequestBody.of("application/octet-stream", new byte[0]);
  }

  @Override
  public String handleResponse(RegistryResponse response) {
    return response.header("Location").orElseThrow(() -> RegistryException.invalid(actionDescription(),
        response.status(), "the registry opened an upload without a Location header"));
  }

  @Override
  public String actionDescription() {
    return "start upload to " + target.name();
  }
}
