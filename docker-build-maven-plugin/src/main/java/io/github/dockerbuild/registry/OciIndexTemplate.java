package io.github.dockerbuild.registry;

import io.github.dockerbuild.json.OmitNulls;
import java.util.List;
import java.util.Map;

/**
 * An OCI image index (or, read with the same shape, a Docker manifest list): the multi-platform
 * image publish pushes over the per-architecture images. Serialize it once with {@link #toBytes()}
 * and push and digest exactly those bytes.
 *
 * <pre>{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
 *   {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:...","size":1234,
 *    "platform":{"architecture":"amd64","os":"linux"}}],
 *  "annotations":{"org.opencontainers.image.created":"2026-11-28T00:00:00Z"}}</pre>
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-index.md">image-index.md</a>
 */
@OmitNulls
public record OciIndexTemplate(
    int schemaVersion,
    String mediaType,
    String artifactType,
    List<DescriptorTemplate> manifests,
    DescriptorTemplate subject,
    Map<String, String> annotations) {

  public OciIndexTemplate {
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
  }

  /** An OCI index over these manifests. */
  public static OciIndexTemplate of(List<DescriptorTemplate> manifests, Map<String, String> annotations) {
    return new OciIndexTemplate(2, MediaTypes.OCI_INDEX, null, manifests, null, annotations);
  }

  /** A Docker manifest list over these manifests (for registries or clients without OCI support). */
  public static OciIndexTemplate dockerList(List<DescriptorTemplate> manifests) {
    return new OciIndexTemplate(2, MediaTypes.DOCKER_MANIFEST_LIST, null, manifests, null, null);
  }

  public static OciIndexTemplate parse(byte[] json) throws java.io.IOException {
    return Json.read(json, OciIndexTemplate.class);
  }

  public byte[] toBytes() {
    return Json.write(this);
  }
}
