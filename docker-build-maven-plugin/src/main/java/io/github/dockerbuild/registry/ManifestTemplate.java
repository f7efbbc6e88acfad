package io.github.dockerbuild.registry;

import io.github.dockerbuild.json.OmitNulls;
import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest (or, read with the same shape, a Docker image manifest v2 schema 2): one
 * config blob and its layers; also the shape of artifacts such as signatures and attestations,
 * which carry {@code artifactType} and {@code subject}.
 *
 * <pre>{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 *  "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:...","size":7023},
 *  "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:...","size":32654}]}</pre>
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/manifest.md">manifest.md</a>
 */
@OmitNulls
public record ManifestTemplate(
    int schemaVersion,
    String mediaType,
    String artifactType,
    DescriptorTemplate config,
    List<DescriptorTemplate> layers,
    DescriptorTemplate subject,
    Map<String, String> annotations) {

  public ManifestTemplate {
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  public static ManifestTemplate of(DescriptorTemplate config, List<DescriptorTemplate> layers) {
    return new ManifestTemplate(2, MediaTypes.OCI_MANIFEST, null, config, layers, null, null);
  }

  public static ManifestTemplate parse(byte[] json) throws java.io.IOException {
    return Json.read(json, ManifestTemplate.class);
  }

  public byte[] toBytes() {
    return Json.write(this);
  }
}
