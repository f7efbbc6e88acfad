package io.github.dockerbuild.registry;

import io.github.dockerbuild.config.InvalidValueException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code sha256:<64 lower-case hex>}: the identity of a manifest, index or blob.
 * Only sha256 is supported, as by every registry we publish to.
 *
 * @param value the digest as written on the wire, e.g. {@code sha256:e3b0c442...}
 */
public record Digest(String value) {
  private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

  public Digest {
    if (value == null || !SHA256.matcher(value).matches()) {
      throw new InvalidValueException(
          "digest", String.valueOf(value), "is not a sha256 digest",
          "write it as sha256: followed by 64 lower-case hex characters");
    }
  }

  public static Digest parse(String value) {
    return new Digest(value);
  }

  /** The digest of exactly these bytes. */
  public static Digest of(byte[] bytes) {
    return new Digest("sha256:" + HexFormat.of().formatHex(sha256().digest(bytes)));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public String algorithm() {
    return "sha256";
  }

  public String hex() {
    return value.substring("sha256:".length());
  }

  /** The tag of the referrers tag schema (OCI 1.1 distribution spec), {@code sha256-<hex>}. */
  public String referrersTag() {
    return "sha256-" + hex();
  }

  @Override
  public String toString() {
    return value;
  }

  // written out, see domain.Fields
  @Override
  public boolean equals(Object other) {
    return other instanceof Digest d && value.equals(d.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
