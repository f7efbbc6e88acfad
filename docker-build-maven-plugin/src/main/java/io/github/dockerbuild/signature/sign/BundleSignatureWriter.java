package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.ManifestInfo;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.OciIndexTemplate;
import io.github.dockerbuild.registry.RawManifest;
import io.github.dockerbuild.registry.Referrers;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.signature.Dsse;
import io.github.dockerbuild.signature.InTotoStatement;
import io.github.dockerbuild.domain.SignatureFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a signature in the Sigstore bundle format as an OCI referrer of the image, the way
 * {@code cosign sign --new-bundle-format} does: a bundle v0.3 whose DSSE envelope signs an in-toto
 * statement ({@code https://in-toto.io/Statement/v1}, subject = the digest, predicate type
 * {@code https://sigstore.dev/cosign/sign/v1}); the bundle is the only layer of an OCI manifest with
 * artifact type {@code application/vnd.dev.sigstore.bundle.v0.3+json}, the empty config, the image as
 * {@code subject} and cosign's annotations. Where the registry has no referrers API, the index tagged
 * {@code sha256-<hex>} (the OCI tag schema) is updated to list the new referrer.
 *
 * <p>A key-based bundle carries {@code verificationMaterial.publicKey.hint} and no transparency log
 * entry, as cosign writes it with {@code --tlog-upload=false}; a keyless one the Fulcio certificate
 * and its Rekor {@code dsse} entry with inclusion proof.
 *
 * <p>Idempotent: when a bundle referrer of the image already holds the same statement bytes, signed
 * by this signer, nothing is written.
 */
public final class BundleSignatureWriter {
  /** A bundle larger than this is not a signature bundle. */
  private static final int MAX_BUNDLE_BYTES = 1 << 20;
  private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

  private final RegistryClient client;
  private final Clock clock;

  public BundleSignatureWriter(RegistryClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public SignResult.Written write(SignSubject subject, Signer signer, Map<String, String> annotations) {
    ImageRef image = subject.image();
    ManifestInfo signed = client.checkManifest(image).orElseThrow(() ->
        new SignException(image + " is not in the registry: nothing to sign"));
    byte[] statement = InTotoStatement.cosignSignature(image.digest(), annotations).toBytes();

    Referrers referrers = client.referrers(image, null);
    for (DescriptorTemplate referrer : referrers.index().manifests()) {
      if (isSignatureBundle(referrer) && alreadySigned(image, referrer, statement, signer)) {
        return new SignResult.Written(subject, SignatureFormat.BUNDLE, image.withDigest(referrer.toDigest()).toString(),
            signer.identity(), true);
      }
    }

    Dsse.Envelope unsigned = new Dsse.Envelope(CosignLayout.IN_TOTO_PAYLOAD_TYPE, statement, List.of());
    Signer.BundleSignature signature = signer.signBundle(unsigned);
    Dsse.Envelope envelope = new Dsse.Envelope(CosignLayout.IN_TOTO_PAYLOAD_TYPE, statement,
        List.of(new Dsse.Signature(null, signature.signature())));
    byte[] bundle = bundle(signature.verificationMaterial(), envelope);

    client.pushBlob(image, EMPTY_CONFIG);
    client.pushBlob(image, bundle);
    Map<String, String> manifestAnnotations = new LinkedHashMap<>();
    manifestAnnotations.put(CosignLayout.BUNDLE_CONTENT_ANNOTATION, "dsse-envelope");
    manifestAnnotations.put(CosignLayout.BUNDLE_PREDICATE_TYPE_ANNOTATION, CosignLayout.SIGN_PREDICATE_TYPE);
    manifestAnnotations.put(CosignLayout.CREATED_ANNOTATION,
        Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
    ManifestTemplate manifest = new ManifestTemplate(2, MediaTypes.OCI_MANIFEST, CosignLayout.BUNDLE_MEDIA_TYPE,
        DescriptorTemplate.of(MediaTypes.OCI_EMPTY, EMPTY_CONFIG),
        List.of(DescriptorTemplate.of(CosignLayout.BUNDLE_MEDIA_TYPE, bundle)),
        new DescriptorTemplate(signed.mediaType(), signed.digest().value(), signed.size(), null, null, null),
        manifestAnnotations);
    RawManifest raw = RawManifest.of(manifest);
    client.pushManifest(image.withDigest(raw.digest()), raw);

    if (referrers.fromTagSchema()) {
      List<DescriptorTemplate> listed = new ArrayList<>(referrers.index().manifests());
      listed.removeIf(d -> d.digest().equals(raw.digest().value()));
      listed.add(new DescriptorTemplate(raw.mediaType(), raw.digest().value(), raw.size(), null,
          CosignLayout.BUNDLE_MEDIA_TYPE, manifestAnnotations));
      client.pushManifest(image.withTag(image.digest().referrersTag()), RawManifest.of(OciIndexTemplate.of(listed, null)));
    }
    return new SignResult.Written(subject, SignatureFormat.BUNDLE, image.withDigest(raw.digest()).toString(),
        signer.identity(), false);
  }

  /**
   * The bundle JSON: {@code mediaType}, {@code verificationMaterial}, {@code dsseEnvelope}, in
   * cosign's order.
   */
  static byte[] bundle(Map<String, Object> verificationMaterial, Dsse.Envelope envelope) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mediaType", CosignLayout.BUNDLE_MEDIA_TYPE);
    root.put("verificationMaterial", verificationMaterial);
    root.put("dsseEnvelope", envelope.toJson());
    return io.github.dockerbuild.json.Json.writeBytes(root, io.github.dockerbuild.json.Json.Style.COMPACT);
  }

  /**
   * A referrer that holds a signature bundle. cosign's tag-schema fallback lists its referrers with
   * the config's media type as artifact type, so the predicate-type annotation counts too.
   */
  private static boolean isSignatureBundle(DescriptorTemplate referrer) {
    Map<String, String> annotations = referrer.annotations() == null ? Map.of() : referrer.annotations();
    String predicateType = annotations.get(CosignLayout.BUNDLE_PREDICATE_TYPE_ANNOTATION);
    if (predicateType != null) {
      return predicateType.equals(CosignLayout.SIGN_PREDICATE_TYPE);
    }
    return CosignLayout.BUNDLE_MEDIA_TYPE.equals(referrer.artifactType());
  }

  private boolean alreadySigned(ImageRef image, DescriptorTemplate referrer, byte[] statement, Signer signer) {
    ManifestTemplate manifest = client.pullManifest(image.withDigest(referrer.toDigest())).toManifest();
    for (DescriptorTemplate layer : manifest.layers()) {
      if (!CosignLayout.BUNDLE_MEDIA_TYPE.equals(layer.mediaType()) || layer.size() > MAX_BUNDLE_BYTES) {
        continue;
      }
      byte[] bundle = client.pullBlob(image, layer.toDigest(), MAX_BUNDLE_BYTES);
      try {
        Dsse.Envelope envelope = Dsse.Envelope.fromJson(io.github.dockerbuild.json.Json.tree(bundle).path("dsseEnvelope"));
        if (envelope.payloadType().equals(CosignLayout.IN_TOTO_PAYLOAD_TYPE)
            && Arrays.equals(envelope.payload(), statement)
            && envelope.signatures().stream().anyMatch(s -> signer.verifies(envelope.pae(), s.sig()))) {
          return true;
        }
      } catch (IOException | IllegalArgumentException e) {
        // not a bundle this signer wrote: another signature may stand next to it
      }
    }
    return false;
  }
}
