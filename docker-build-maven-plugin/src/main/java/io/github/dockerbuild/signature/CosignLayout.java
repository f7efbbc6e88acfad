package io.github.dockerbuild.signature;

import io.github.dockerbuild.registry.Digest;

/**
 * The names and media types cosign uses for signatures in a registry: one place for the strings
 * that must match what cosign writes and reads.
 */
public final class CosignLayout {
  /** The media type of a legacy signature layer (a simple-signing payload). */
  public static final String SIMPLE_SIGNING_MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
  /** The media type (and artifact type) of a Sigstore bundle, version 0.3. */
  public static final String BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  /** The in-toto predicate type of a cosign image signature in the bundle format. */
  public static final String SIGN_PREDICATE_TYPE = "https://sigstore.dev/cosign/sign/v1";
  /** The in-toto statement type. */
  public static final String IN_TOTO_STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  /** The DSSE payload type of an in-toto statement. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
  /** The simple-signing payload's {@code critical.type}. */
  public static final String SIMPLE_SIGNING_TYPE = "cosign container image signature";

  /** Layer annotation: the base64 signature over the layer's payload. */
  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  /** Layer annotation: the signing certificate (PEM) of a keyless signature. */
  public static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
  /** Layer annotation: the certificate chain (PEM) up to the root. */
  public static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
  /** Layer annotation: the Rekor bundle (signed entry timestamp and entry) as JSON. */
  public static final String REKOR_BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
  /** Layer annotation: an RFC 3161 timestamp of the signature, as JSON. */
  public static final String RFC3161_ANNOTATION = "dev.sigstore.cosign/rfc3161timestamp";
  /** Annotation on a bundle referrer manifest: what the bundle holds ({@code dsse-envelope}). */
  public static final String BUNDLE_CONTENT_ANNOTATION = "dev.sigstore.bundle.content";
  /** Annotation on a bundle referrer manifest: the predicate type of the statement inside. */
  public static final String BUNDLE_PREDICATE_TYPE_ANNOTATION = "dev.sigstore.bundle.predicateType";
  /** The annotation on a bundle referrer manifest that cosign sets to the bundle's creation time. */
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";

  private CosignLayout() {}

  /** The legacy signature tag of an image digest: {@code sha256-<hex>.sig}. */
  public static String signatureTag(Digest image) {
    return image.referrersTag() + ".sig";
  }
}
