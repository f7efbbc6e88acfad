package io.github.dockerbuild.registry;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v2/<name>/referrers/<digest>[?artifactType=...]} (OCI distribution 1.1). A 404 means
 * the registry has no referrers API (GHCR, distribution 2.8): empty, and the caller falls back to the
 * {@code sha256-<hex>} tag schema. Filters the answer itself when the registry did not apply the
 * artifactType filter ({@code OCI-Filters-Applied}).
 */
final class ReferrersFetcher implements Endpoint<Optional<OciIndexTemplate>> {
  private final ImageRef subject;
  private final String artifactType;

  ReferrersFetcher(ImageRef subject, String artifactType) {
    this.subject = subject;
    this.artifactType = artifactType;
  }

  @Override public RequestKind kind() { return RequestKind.REFERRERS; }
  @Override public String method() { return "GET"; }
  @Override public String registry() { return subject.registry(); }
  @Override public String repository() { return subject.repository(); }
  @Override public List<String> accept() { return List.of(MediaTypes.OCI_INDEX); }

  @Override
  public String path() {
    return "/v2/" + subject.repository() + "/referrers/" + subject.digest()
        + (artifactType == null ? "" : "?artifactType=" + URLEncoder.encode(artifactType, StandardCharsets.UTF_8));
  }

  @Override
  public Optional<OciIndexTemplate> handleResponse(RegistryResponse response) throws IOException {
    OciIndexTemplate index = OciIndexTemplate.parse(response.bytes());
    boolean filtered = response.header("OCI-Filters-Applied").map(value -> value.contains("artifactType")).orElse(false);
    return Optional.of(filtered ? index : filter(index, artifactType));
  }

  @Override
  public Optional<OciIndexTemplate> handleError(RegistryResponse response) {
    if (response.status() == 404) {
      return Optional.empty();
    }
    throw response.error(actionDescription());
  }

  static OciIndexTemplate filter(OciIndexTemplate index, String artifactType) {
    if (artifactType == null) {
      return index;
    }
    return new OciIndexTemplate(index.schemaVersion(), index.mediaType(), index.artifactType(),
        index.manifests().stream().filter(d -> artifactType.equals(d.artifactType())).toList(),
        index.subject(), index.annotations());
  }

  @Override
  public String actionDescription() {
    return "list referrers of " + subject.name() + "@" + subject.digest();
  }
}
