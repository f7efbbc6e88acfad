package io.github.dockerbuild.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes the image an OCI image layout directory holds ({@code type=oci,tar=false}, as BuildKit
 * writes it when it rewrites file timestamps for a reproducible image) to a registry: every blob
 * the repository lacks, then each child manifest by digest, then the top manifest under each
 * reference. The same layout pushed twice uploads nothing; what is pushed is byte for byte what
 * BuildKit wrote, so its digest is the one BuildKit reported.
 */
public final class OciLayoutPusher {
  private final RegistryClient client;

  public OciLayoutPusher(RegistryClient client) {
    this.client = client;
  }

  /**
   * @param layout the layout directory ({@code index.json}, {@code blobs/sha256/...})
   * @param references where to push, tagged, all in one repository or several; the first is primary
   * @return the digest of the image (or per-arch index) pushed
   * @throws IOException when the layout cannot be read, or holds no single image
   */
  public Digest push(Path layout, List<ImageRef> references) throws IOException {
    RawManifest manifest = image(layout);
    List<String> repositories = new ArrayList<>();
    for (ImageRef ref : references) {
      String repository = ref.registry() + "/" + ref.repository();
      if (!repositories.contains(repository)) {
        repositories.add(repository);
        pushTree(layout, new ImageRef(ref.registry(), ref.repository(), null, null), manifest);
      }
      client.pushManifest(ref, manifest);
    }
    return manifest.digest();
  }

  /** The blobs of a manifest, or of each child of an index (and the children by digest). */
  private void pushTree(Path layout, ImageRef repository, RawManifest manifest) throws IOException {
    if (manifest.isIndex()) {
      for (DescriptorTemplate child : manifest.toIndex().manifests()) {
        RawManifest childManifest = manifest(layout, child);
        pushTree(layout, repository, childManifest);
        client.pushManifest(repository.withDigest(childManifest.digest()), childManifest);
      }
      return;
    }
    ManifestTemplate parsed = manifest.toManifest();
    List<DescriptorTemplate> blobs = new ArrayList<>();
    if (parsed.config() != null) {
      blobs.add(parsed.config());
    }
    blobs.addAll(parsed.layers());
    for (DescriptorTemplate blob : blobs) {
      Digest digest = blob.toDigest();
      client.pushBlob(repository, digest, blobFile(layout, digest));
    }
  }

  /**
   * The one image (manifest, or per-arch index) a layout holds, as BuildKit wrote it.
   *
   * @throws IOException when the layout cannot be read or holds other than one image
   */
  public static RawManifest image(Path layout) throws IOException {
    OciIndexTemplate top = OciIndexTemplate.parse(Files.readAllBytes(layout.resolve("index.json")));
    if (top.manifests().size() != 1) {
      throw new IOException("the OCI layout " + layout + " holds " + top.manifests().size() + " images, not one");
    }
    return manifest(layout, top.manifests().get(0));
  }

  /** A manifest of the layout, its bytes checked against the descriptor's digest. */
  public static RawManifest manifest(Path layout, DescriptorTemplate descriptor) throws IOException {
    Digest digest = descriptor.toDigest();
    byte[] bytes = Files.readAllBytes(blobFile(layout, digest));
    if (!Digest.of(bytes).equals(digest)) {
      throw new IOException("the OCI layout " + layout + " holds other bytes than " + digest);
    }
    return RawManifest.of(bytes, descriptor.mediaType());
  }

  private static Path blobFile(Path layout, Digest digest) throws IOException {
    Path file = layout.resolve("blobs").resolve("sha256").resolve(digest.hex());
    if (!Files.isRegularFile(file)) {
      throw new IOException("the OCI layout " + layout + " has no blob " + digest);
    }
    return file;
  }
}
