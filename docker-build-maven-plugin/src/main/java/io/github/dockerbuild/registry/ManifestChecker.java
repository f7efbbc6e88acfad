package io.github.dockerbuild.registry;

import java.util.List;
import java.util.Optional;

/** {@code HEAD /v2/<name>/manifests/<reference>}: digest, size and media type, or empty on 404. */
final class ManifestChecker implements Endpoint<Optional<ManifestInfo>> {
  private final ImageRef ref;

  ManifestChecker(ImageRef ref) {
    this.ref = ref;
  }

  @Override public RequestKind kind() { return RequestKind.MANIFEST_HEAD; }
  @Override public String method() { return "HEAD"; }
  @Override public String registry() { return ref.registry(); }
  @Override public String repository() { return ref.repository(); }
  @Override public String path() { return "/v2/" + ref.repository() + "/manifests/" + ref.reference(); }
  @Override public List<String> accept() { return MediaTypes.MANIFESTS; }

  @Override
  public Optional<ManifestInfo> handleResponse(RegistryResponse response) {
    Optional<String> header = response.header("Docker-Content-Digest");
    Digest digest;
    if (header.isPresent() && header.get().trim().matches("sha256:[a-f0-9]{64}")) {
      digest = Digest.parse(header.get().trim());
    } else if (ref.digest() != null) {
      digest = ref.digest();
    } else {
      throw RegistryException.invalid(actionDescription(), response.status(),
          "the registry answered without a sha256 Docker-Content-Digest; pull the manifest to learn its digest");
    }
    return Optional.of(new ManifestInfo(digest, response.contentLength().orElse(-1L),
        response.contentType().orElse(null)));
  }

  @Override
  public Optional<ManifestInfo> handleError(RegistryResponse response) {
    if (response.status() == 404) {
      return Optional.empty();
    }
    throw response.error(actionDescription());
  }

  @Override
  public String actionDescription() {
    return "check manifest " + ref;
  }
}
