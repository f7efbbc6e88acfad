package io.github.dockerbuild.registry;

/**
 * {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}: 201 means mounted; 202 means
 * the registry would not mount (the source is private to another account, or mounting is off) and
 * opened an upload at {@code Location} instead.
 */
final class BlobMounter implements Endpoint<BlobMounter.Answer> {
  /** Mounted, or not with the location of the upload the registry opened instead. */
  record Answer(boolean mounted, String uploadLocation) {}

  private final ImageRef target;
  private final Digest digest;
  private final String from;

  BlobMounter(ImageRef target, Digest digest, String from) {
    this.target = target;
    this.digest = digest;
    this.from = from;
  }

  @Override public RequestKind kind() { return RequestKind.BLOB_MOUNT; }
  @Override public String method() { return "POST"; }
  @Override public String registry() { return target.registry(); }
  @Override public String repository() { return target.repository(); }
  @Override public boolean writes() { return true; }
  @Override public String pullsFrom() { return from; }

  @Override
  public String path() {
    return "/v2/" + target.repository() + "/blobs/uploads/?mount=" + digest + "&from=" + from;
  }

  @Override
  public RequestBody body() {
    return RequestBody.of("application/octet-stream", new byte[0]);
  }

  @Override
  public Answer handleResponse(RegistryResponse response) {
    if (response.status() == 201) {
      return new Answer(true, null);
    }
    return new Answer(false, response.header("Location").orElse(null));
  }

  @Override
  public String actionDescription() {
    return "mount blob " + digest + " from " + target.registry() + "/" + from + " into " + target.name();
  }
}
