package io.github.dockerbuild.domain;

import java.util.List;
import java.util.Map;

/**
 * What sign will do, with no secret in it.
 *
 * @param signer how it signs: the key file, or keyless with where the token comes from
 * @param subjects what it signs: the index, the per-arch images, or both
 * @param formats where signatures go: the legacy {@code .sig} tag, a bundle referrer, or both
 * @param annotations claims signed along
 * @param partial sign the per-arch images that were pushed when another platform failed (the index
 *     is then not published)
 */
public record SignPlan(
    String signer, List<SignTarget> subjects, List<SignatureFormat> formats, Map<String, String> annotations,
    boolean partial) {
  public SignPlan {
    subjects = List.copyOf(subjects);
    formats = List.copyOf(formats);
    annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
  }

  /** This plan for the per-arch images alone, as after a partial failure. */
  public SignPlan platformsOnly() {
    return new SignPlan(signer, List.of(SignTarget.PLATFORMS), formats, annotations, partial);
  }
}
