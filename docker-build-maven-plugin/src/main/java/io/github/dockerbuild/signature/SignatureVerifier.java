package io.github.dockerbuild.signature;

import io.github.dockerbuild.registry.Digest;

/** Verifies one piece of evidence against one image digest under one policy. Pure: no I/O. */
public interface SignatureVerifier {

  /**
   * @param image the digest the signature must be about
   * @param evidence the signature as fetched
   * @return who signed: a key fingerprint or a certificate identity with its issuer
   * @throws VerificationFailure naming the first check that failed, with expected and observed values
   */
  String verify(Digest image, SignatureEvidence evidence) throws VerificationFailure;
}
