package io.github.dockerbuild.verify;

import io.github.dockerbuild.record.BuildRecord;
import java.util.List;
import java.util.stream.Collectors;

/** One or more base images failed verification: the build must not run. */
public final class VerificationFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<BuildRecord.Verification> failed;

  public VerificationFailedException(String image, List<BuildRecord.Verification> failed) {
    super("image " + image + ": " + failed.stream()
        .map(v -> "base image " + v.reference() + " (build arg " + v.name() + ")"
            + (v.digest() == null ? "" : " " + v.digest()) + " failed verification: "
            + (v.check() == null ? "" : v.check() + ": ") + v.reason())
        .collect(Collectors.joining("; "))
        + "; nothing was built: sign the image, fix the policy (<basePolicy>), or pick a verified base image");
    this.failed = List.copyOf(failed);
  }

  public List<BuildRecord.Verification> failed() {
    return failed;
  }
}
