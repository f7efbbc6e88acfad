package io.github.dockerbuild.registry;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/manifests/<reference>}: the bytes as sent, never re-serialized. The digest of
 * the bytes must equal the requested digest, or else the {@code Docker-Content-Digest} header.
 */
final class ManifestPuller implements Endpoint<RawManifest> {
  private final ImageRef ref;

  ManifestPuller(ImageRef ref) {
    this.ref = ref;
  }

  @Override public RequestKind kind() { return RequestKind.MANIFEST_GET; }
  @Override public String method() { return "GET"; }
  @Override public String registry() { return ref.registry(); }
  @Override public String repository() { return ref.repository(); }
  @Override public String path() { return "/v2/" + ref.repository() + "/manifests/" + ref.reference(); }
  @Override public List<String> accept() { return MediaTypes.MANIFESTS; }

  @Override
  public RawManifest handleResponse(RegistryResponse response) throws IOException {
    byte[] bytes = response.bytes();
    Digest actual = Digest.of(bytes);
    if (ref.digest() != null && !actual.equals(ref.digest())) {
      throw RegistryException.invalid(actionDescription(), response.status(),
          "the registry sent bytes with digest " + actual + " instead of the requested " + ref.digest());
    }
    Optional<String> announced = response.header("Docker-Content-Digest");
    if (ref.digest() == null && announced.isPresent() && !announced.get().trim().equals(actual.value())) {
      throw RegistryException.invalid(actionDescription(), response.status(),
          "the registry sent bytes with digest " + actual + " but announced " + announced.get().trim()
              + " in Docker-Content-Digest");
    }
    return RawManifest.of(bytes, mediaType(response, bytes));
  }

  /** The Content-Type when it is a manifest type, else the mediaType field of the JSON. */
  private String mediaType(RegistryResponse response, byte[] bytes) {
    Optional<String> header = response.contentType();
    if (header.filter(MediaTypes.MANIFESTS::contains).isPresent()) {
      return header.get();
    }
    try {
      String field = io.github.dockerbuild.json.Json.tree(bytes).path("mediaType").asText();
      if (!field.isEmpty()) {
        return field;
      }
    } catch (IOException e) {
      throw RegistryException.invalid(actionDescription(), response.status(), "the registry sent a manifest that is not JSON");
    }
    return header.orElseThrow(() -> RegistryException.invalid(actionDescription(), response.status(),
        "the registry sent a manifest without Content-Type or mediaType"));
  }

  @Override
  public String actionDescription() {
    return "pull manifest " + ref;
  }
}
