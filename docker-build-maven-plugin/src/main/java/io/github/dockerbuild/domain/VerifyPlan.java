package io.github.dockerbuild.domain;

import java.util.List;

/**
 * What verify will check before the build trusts an input.
 *
 * @param targets each base image and registry cache source, resolved per platform (one entry per
 *     distinct reference)
 * @param basePolicy who must have signed base images, in words; null when they are not verified
 * @param cachePolicy who must have signed cache sources, in words; null when they are not verified
 * @param formats the signature formats accepted
 * @param baseSkipReason why base images are not verified in this build ({@code <verifyBase>push}), or null
 */
public record VerifyPlan(
    List<Target> targets, String basePolicy, String cachePolicy, List<SignatureFormat> formats, String baseSkipReason) {

  public VerifyPlan {
    targets = List.copyOf(targets);
    formats = List.copyOf(formats);
  }

  /**
   * @param name the build arg of a base image, the configured entry of a cache source
   * @param reference what is resolved to a digest and verified
   */
  public record Target(InputRole role, String name, String reference) {}
}
