package io.github.dockerbuild.verify;

import io.github.dockerbuild.signature.SignatureVerifier;
import io.github.dockerbuild.domain.SignatureFormat;
import java.util.List;
import java.util.Set;

/**
 * What the verify stage checks, and under which policies.
 *
 * @param image the image being built, for messages
 * @param targets base images and registry cache sources, one per platform where they differ
 * @param base the policy for base images, or null when none is configured
 * @param cache the policy for cache sources, or null when none is configured
 * @param formats the signature formats accepted
 * @param baseSkipReason why base images are not checked in this build, or null when they are
 */
public record VerifySpec(
    String image, List<VerifyTarget> targets, SignatureVerifier base, SignatureVerifier cache,
    Set<SignatureFormat> formats, String baseSkipReason) {
  public VerifySpec {
    targets = List.copyOf(targets);
    formats = Set.copyOf(formats);
  }
}
