package io.github.dockerbuild.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest or index exactly as the registry sent it (or as we will send it): bytes, media type
 * and the digest of those bytes. Never re-serialized: re-encoding would change the digest.
 */
public final class RawManifest {
  private final byte[] bytes;
  private final String mediaType;
  private final Digest digest;

  private RawManifest(byte[] bytes, String mediaType, Digest digest) {
    this.bytes = bytes;
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    this.digest = digest;
  }

  /** These bytes with this media type; the digest is computed from the bytes. */
  public static RawManifest of(byte[] bytes, String mediaType) {
    byte[] copy = bytes.clone();
    return new RawManifest(copy, mediaType, Digest.of(copy));
  }

  public static RawManifest of(OciIndexTemplate index) {
    return of(index.toBytes(), index.mediaType());
  }

  public static RawManifest of(ManifestTemplate manifest) {
    return of(manifest.toBytes(), manifest.mediaType());
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String mediaType() {
    return mediaType;
  }

  public Digest digest() {
    return digest;
  }

  public long size() {
    return bytes.length;
  }

  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  public OciIndexTemplate toIndex() {
    try {
      return OciIndexTemplate.parse(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("index " + digest + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  public ManifestTemplate toManifest() {
    try {
      return ManifestTemplate.parse(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("manifest " + digest + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A descriptor of these bytes, to put into an index. */
  public DescriptorTemplate descriptor() {
    return new DescriptorTemplate(mediaType, digest.value(), bytes.length, null, null, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawManifest other && mediaType.equals(other.mediaType) && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return mediaType + " " + digest + " (" + bytes.length + " bytes)";
  }
}
