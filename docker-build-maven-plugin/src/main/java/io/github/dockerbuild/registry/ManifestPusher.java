package io.github.dockerbuild.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code PUT /v2/<name>/manifests/<reference>} with the bytes as given and their media type as
 * Content-Type. Returns the digest the registry reports, which must be the digest of the bytes.
 * A registry that says the manifest already exists (immutable tags on ECR) counts as success.
 */
final class ManifestPusher implements Endpoint<Digest> {
  private final ImageRef target;
  private final RawManifest manifest;

  ManifestPusher(ImageRef target, RawManifest manifest) {
    if (target.digest() != null && target.tag() == null && !target.digest().equals(manifest.digest())) {
      throw new IllegalArgumentException("cannot push manifest " + manifest.digest() + " as " + target);
    }
    this.target = target;
    this.manifest = manifest;
  }

  @Override public RequestKind kind() { return RequestKind.MANIFEST_PUT; }
  @Override public String method() { return "PUT"; }
  @Override public String registry() { return target.registry(); }
  @Override public String repository() { return target.repository(); }
  @Override public boolean writes() { return true; }

  @Override
  public String path() {
    String reference = target.tag() != null ? target.tag() : manifest.digest().value();
    return "/v2/" + target.repository() + "/manifests/" + reference;
  }

  @Override
  public RequestBody body() {
    return RequestBody.of(manifest.mediaType(), manifest.bytes());
  }

  @Override
  public Digest handleResponse(RegistryResponse response) {
    Optional<String> reported = response.header("Docker-Content-Digest").map(String::trim);
    if (reported.isPresent() && !reported.get().equals(manifest.digest().value())) {
      throw RegistryException.invalid(actionDescription(), response.status(),
          "the registry stored digest " + reported.get() + " for bytes whose digest is " + manifest.digest());
    }
    return manifest.digest();
  }

  @Override
  public Digest handleError(RegistryResponse response) {
    RegistryException error = response.error(actionDescription());
    String said = ((error.code() == null ? "" : error.code()) + " " + (error.registryMessage() == null ? "" : error.registryMessage()))
        .toLowerCase(Locale.ROOT).replace('_', ' ');
    if (response.status() >= 400 && response.status() < 500 && said.contains("already exists")) {
      return manifest.digest();
    }
    throw error;
  }

  @Override
  public String actionDescription() {
    String where = target.tag() != null ? target.name() + ":" + target.tag() : target.name() + "@" + manifest.digest();
    return "push manifest " + where;
  }
}
