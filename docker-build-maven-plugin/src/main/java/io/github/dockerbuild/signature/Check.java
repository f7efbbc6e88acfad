package io.github.dockerbuild.signature;

/**
 * The named checks of a verification, in the order they run (after cosign's {@code verify.go}).
 * A failure names the check that failed.
 */
public enum Check {
  /** A signature exists for the digest in an accepted format. */
  SIGNATURE_PRESENT("signature-present"),
  /** The evidence is well formed: parsable payload, bundle, certificate and annotations. */
  FORMAT("format"),
  /** The signing certificate chains to a certificate authority of the trust root. */
  CERTIFICATE_CHAIN("certificate-chain"),
  /** The signing certificate was valid when the log entry was integrated. */
  CERTIFICATE_VALIDITY("certificate-validity"),
  /** The certificate carries a valid signed certificate timestamp of a trusted CT log. */
  SCT("sct"),
  /** The signature is in a trusted transparency log (signed entry timestamp or inclusion proof). */
  TLOG("tlog"),
  /** The certificate's subject alternative name matches the policy's identity. */
  IDENTITY("identity"),
  /** The certificate's OIDC issuer matches the policy's issuer. */
  ISSUER("issuer"),
  /** The certificate's GitHub workflow claims match the policy. */
  GITHUB_CLAIMS("github-claims"),
  /** The signature over the payload verifies with the certificate's or the policy's key. */
  SIGNATURE("signature"),
  /** The in-toto statement's predicate type is cosign's image signature type. */
  PREDICATE_TYPE("predicate-type"),
  /** The signed payload names the image digest being verified. */
  PAYLOAD_DIGEST("payload-digest");

  private final String id;

  Check(String id) {
    this.id = id;
  }

  /** The name in messages, the record and the report. */
  public String id() {
    return id;
  }
}
