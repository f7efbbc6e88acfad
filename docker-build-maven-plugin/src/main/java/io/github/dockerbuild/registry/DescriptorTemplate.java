package io.github.dockerbuild.registry;

import io.github.dockerbuild.json.OmitNulls;
import java.util.Map;

/**
 * A content descriptor: what an index entry, a manifest's config or layer, or a referrer points at.
 *
 * <pre>{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:...","size":7143,
 * "platform":{"architecture":"amd64","os":"linux"}}</pre>
 *
 * @param mediaType the media type of the referenced content
 * @param digest the digest of the referenced bytes, {@code sha256:...}
 * @param size the length of the referenced bytes
 * @param platform the platform of an index entry, or null
 * @param artifactType the artifact type of a referrer, or null
 * @param annotations annotations, or null
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md">descriptor.md</a>
 */
@OmitNulls
public record DescriptorTemplate(
    String mediaType,
    String digest,
    long size,
    PlatformTemplate platform,
    String artifactType,
    Map<String, String> annotations) {

  /** A descriptor of these exact bytes. */
  public static DescriptorTemplate of(String mediaType, byte[] bytes) {
    return new DescriptorTemplate(mediaType, Digest.of(bytes).value(), bytes.length, null, null, null);
  }

  public DescriptorTemplate withPlatform(PlatformTemplate value) {
    return new DescriptorTemplate(mediaType, digest, size, value, artifactType, annotations);
  }

  public DescriptorTemplate withAnnotations(Map<String, String> value) {
    return new DescriptorTemplate(mediaType, digest, size, platform, artifactType, value);
  }

  /** The digest as a value type; fails when the registry sent something that is not sha256. */
  public Digest toDigest() {
    return Digest.parse(digest);
  }
}
