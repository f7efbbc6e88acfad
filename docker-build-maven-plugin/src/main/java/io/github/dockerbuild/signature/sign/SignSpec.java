package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.domain.SignatureFormat;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to sign and how.
 *
 * @param subjects the digests to sign, index first
 * @param formats where each signature goes, at least one
 * @param annotations claims signed along (legacy: the payload's {@code optional}; bundle: the
 *     statement subject's {@code annotations}), empty for none
 * @param signer who signs
 */
public record SignSpec(List<SignSubject> subjects, List<SignatureFormat> formats, Map<String, String> annotations,
    Signer signer) {
  public SignSpec {
    subjects = List.copyOf(subjects);
    formats = List.copyOf(formats);
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("at least one signature format is needed");
    }
  }
}
