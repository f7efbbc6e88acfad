package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.RawManifest;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.signature.SimpleSigningPayload;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a legacy cosign signature: a simple-signing payload as a layer of the OCI manifest tagged
 * {@code sha256-<hex>.sig} in the image's repository, the signature in the layer's
 * {@code dev.cosignproject.cosign/signature} annotation. Like {@code cosign sign}, it appends a layer
 * to a signature manifest that is already there and keeps the other layers.
 *
 * <p>Idempotent: ECDSA signatures are randomized, so two runs never produce the same layer. When the
 * manifest already has a layer with the same payload bytes (same digest, reference and claims)
 * whose signature verifies with this signer's key, nothing is written.
 *
 * <p>The config blob is the one cosign writes (empty architecture and OS, zero dates, one history
 * entry and one diff id per layer), so a manifest for a single signature equals cosign's but for the
 * randomized signature.
 */
public final class LegacySignatureWriter {
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final RegistryClient client;

  public LegacySignatureWriter(RegistryClient client) {
    this.client = client;
  }

  public SignResult.Written write(SignSubject subject, Signer signer, Map<String, String> annotations) {
    ImageRef image = subject.image();
    byte[] payload = new SimpleSigningPayload(image.name(), image.digest(), annotations).toBytes();
    Digest payloadDigest = Digest.of(payload);
    ImageRef tag = image.withTag(CosignLayout.signatureTag(image.digest()));
    String location = tag.toString();

    Optional<ManifestTemplate> existing = existing(tag);
    if (existing.isPresent()) {
      for (DescriptorTemplate layer : existing.get().layers()) {
        if (CosignLayout.SIMPLE_SIGNING_MEDIA_TYPE.equals(layer.mediaType())
            && payloadDigest.value().equals(layer.digest()) && signedBy(layer, payload, signer)) {
          return new SignResult.Written(subject, SignatureFormat.LEGACY, location, signer.identity(), true);
        }
      }
    }

    Map<String, String> layerAnnotations = new LinkedHashMap<>();
    Signer.LegacySignature signature = signer.signLegacy(payload);
    layerAnnotations.put(CosignLayout.SIGNATURE_ANNOTATION, Base64.getEncoder().encodeToString(signature.signature()));
    layerAnnotations.putAll(new TreeMap<>(signature.annotations()));
    client.pushBlob(image, payload);
    DescriptorTemplate layer = new DescriptorTemplate(CosignLayout.SIMPLE_SIGNING_MEDIA_TYPE, payloadDigest.value(),
        payload.length, null, null, layerAnnotations);

    List<DescriptorTemplate> layers = new ArrayList<>(existing.map(ManifestTemplate::layers).orElse(List.of()));
    layers.add(layer);
    String manifestType = existing.map(ManifestTemplate::mediaType).filter(MediaTypes::isImageManifest)
        .orElse(MediaTypes.OCI_MANIFEST);
    String configType = MediaTypes.DOCKER_MANIFEST.equals(manifestType) ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG;
    byte[] config = config(layers);
    client.pushBlob(image, config);
    ManifestTemplate manifest = new ManifestTemplate(2, manifestType, null, DescriptorTemplate.of(configType, config),
        layers, null, null);
    client.pushManifest(tag, RawManifest.of(manifest));
    return new SignResult.Written(subject, SignatureFormat.LEGACY, location, signer.identity(), false);
  }

  private Optional<ManifestTemplate> existing(ImageRef tag) {
    if (client.checkManifest(tag).isEmpty()) {
      return Optional.empty();
    }
    RawManifest raw = client.pullManifest(tag);
    if (!MediaTypes.isImageManifest(raw.mediaType())) {
      throw new SignException(tag + " is a " + raw.mediaType() + ", not a signature manifest: delete the tag or sign"
          + " in the bundle format");
    }
    return Optional.of(raw.toManifest());
  }

  private static boolean signedBy(DescriptorTemplate layer, byte[] payload, Signer signer) {
    String signature = layer.annotations() == null ? null : layer.annotations().get(CosignLayout.SIGNATURE_ANNOTATION);
    if (signature == null) {
      return false;
    }
    try {
      return signer.verifies(payload, Base64.getDecoder().decode(signature));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** cosign's signature config: {@code rootfs.diff_ids} lists the layers, one history entry each. */
  static byte[] config(List<DescriptorTemplate> layers) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("architecture", "");
    root.put("created", ZERO_TIME);
    root.put("history", layers.stream().map(l -> Map.of("created", ZERO_TIME)).toList());
    root.put("os", "");
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", layers.stream().map(DescriptorTemplate::digest).toList());
    root.put("rootfs", rootfs);
    root.put("config", Map.of());
    return io.github.dockerbuild.json.Json.writeBytes(root, io.github.dockerbuild.json.Json.Style.COMPACT);
  }
}
