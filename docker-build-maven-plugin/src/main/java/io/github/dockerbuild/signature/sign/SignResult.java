package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.domain.SignatureFormat;
import java.util.List;

/**
 * What the sign stage wrote.
 *
 * @param signatures one entry per subject and format, in the order of the spec
 * @param requests registry requests sent
 */
public record SignResult(List<Written> signatures, long requests) {
  public SignResult {
    signatures = List.copyOf(signatures);
  }

  /**
   * One signature in the registry.
   *
   * @param subject what it signs
   * @param format where it is
   * @param location the signature tag ({@code repo:sha256-<hex>.sig}) or the referrer ({@code repo@sha256:...})
   * @param signer the signer's identity
   * @param existed true when an equal signature by the same signer was already there and nothing was written
   */
  public record Written(SignSubject subject, SignatureFormat format, String location, String signer, boolean existed) {}
}
