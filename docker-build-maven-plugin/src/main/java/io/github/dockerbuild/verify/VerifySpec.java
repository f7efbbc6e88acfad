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
 * @param basePolicy everything the base policy checks, as text (its key or identity, the log, the
 *     trust root): modules whose policies read the same share their verdicts; null: not shared
 * @param cachePolicy the same for the cache policy
 */
public record VerifySpec(
    String image, List<VerifyTarget> targets, SignatureVerifier base, SignatureVerifier cache,
    Set<SignatureFormat> formats, String baseSkipReason, String basePolicy, String cachePolicy) {
  public VerifySpec {
    targets = List.copyOf(targets);
    formats = Set.copyOf(formats);
  }

  /** A spec whose verdicts are not shared with other modules. */
  public VerifySpec(String image, List<VerifyTarget> targets, SignatureVerifier base, SignatureVerifier cache,
      Set<SignatureFormat> formats, String baseSkipReason) {
    this(image, targets, base, cache, formats, baseSkipReason, null, null);
  }
}
