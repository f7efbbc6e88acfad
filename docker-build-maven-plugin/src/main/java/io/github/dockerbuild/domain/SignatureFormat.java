package io.github.dockerbuild.domain;

import io.github.dockerbuild.json.JsonCreator;
import io.github.dockerbuild.json.JsonValue;
import java.util.Locale;

/** The two places cosign keeps a signature of an image digest. */
public enum SignatureFormat {
  /**
   * The {@code sha256-<hex>.sig} tag in the image's repository: an OCI manifest whose layers are
   * simple-signing payloads, the signature and certificate in each layer's annotations.
   */
  LEGACY,
  /**
   * An OCI 1.1 referrer of the image (or the {@code sha256-<hex>} tag-schema fallback) whose layer
   * is a Sigstore bundle: a DSSE envelope over an in-toto statement about the digest.
   */
  BUNDLE;

  /** The name used in the POM, the record and the log. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static SignatureFormat of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
