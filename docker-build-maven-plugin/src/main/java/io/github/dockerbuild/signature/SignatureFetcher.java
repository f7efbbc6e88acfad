package io.github.dockerbuild.signature;

import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.RawManifest;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the signatures a registry holds for one image digest, in cosign's two formats, as stored:
 * the layers of the {@code sha256-<hex>.sig} manifest (legacy) and the bundle layers of the
 * digest's referrers (bundle; the referrers API or its tag-schema fallback). Nothing is trusted here.
 */
public final class SignatureFetcher {
  /** The most bytes read for one payload or bundle: real ones are a few kilobytes. */
  static final int MAX_BLOB = 4 * 1024 * 1024;

  private final RegistryClient client;

  public SignatureFetcher(RegistryClient client) {
    this.client = client;
  }

  /**
   * @param image the image, with its digest
   * @param formats the formats to look for
   * @return every signature found, legacy first; empty when there is none
   * @throws RegistryException when the registry cannot be read (after the client's retries)
   */
  public List<SignatureEvidence> fetch(ImageRef image, Set<SignatureFormat> formats) {
    Digest digest = image.digest();
    if (digest == null) {
      throw new IllegalArgumentException("signatures are fetched for a digest, not " + image);
    }
    List<SignatureEvidence> found = new ArrayList<>();
    if (formats.contains(SignatureFormat.LEGACY)) {
      legacy(image, digest, found);
    }
    if (formats.contains(SignatureFormat.BUNDLE)) {
      bundles(image, digest, found);
    }
    return found;
  }

  private void legacy(ImageRef image, Digest digest, List<SignatureEvidence> found) {
    RawManifest manifest;
    try {
      manifest = client.pullManifest(image.withTag(CosignLayout.signatureTag(digest)));
    } catch (RegistryException e) {
      if (e.status() == 404) {
        return;
      }
      throw e;
    }
    // each signing appends a layer, and signatures of one digest share one payload: read it once
    Map<Digest, byte[]> payloads = new java.util.HashMap<>();
    for (DescriptorTemplate layer : layers(manifest)) {
      if (CosignLayout.SIMPLE_SIGNING_MEDIA_TYPE.equals(layer.mediaType())) {
        byte[] payload = payloads.computeIfAbsent(layer.toDigest(), blob -> client.pullBlob(image, blob, MAX_BLOB));
        found.add(new SignatureEvidence.Legacy(payload,
            layer.annotations() == null ? Map.of() : layer.annotations()));
      }
    }
  }

  /**
   * Bundle referrers. Not filtered by artifact type at the registry: cosign lists its bundles in the
   * tag-schema index with the empty-config artifact type, so descriptors without a telling type are
   * opened too; other artifacts (SBOMs, attestations of other tools) are skipped unread.
   */
  private void bundles(ImageRef image, Digest digest, List<SignatureEvidence> found) {
    for (DescriptorTemplate referrer : client.referrers(image.withDigest(digest), null).index().manifests()) {
      String type = referrer.artifactType();
      if (type != null && !type.equals(CosignLayout.BUNDLE_MEDIA_TYPE) && !type.equals(MediaTypes.OCI_EMPTY)) {
        continue;
      }
      RawManifest manifest = client.pullManifest(image.withDigest(referrer.toDigest()));
      for (DescriptorTemplate layer : layers(manifest)) {
        if (CosignLayout.BUNDLE_MEDIA_TYPE.equals(layer.mediaType())) {
          found.add(new SignatureEvidence.Bundle(client.pullBlob(image, layer.toDigest(), MAX_BLOB)));
        }
      }
    }
  }

  private static List<DescriptorTemplate> layers(RawManifest manifest) {
    if (manifest.isIndex()) {
      return List.of();
    }
    ManifestTemplate parsed = manifest.toManifest();
    return parsed.layers() == null ? List.of() : parsed.layers();
  }
}
