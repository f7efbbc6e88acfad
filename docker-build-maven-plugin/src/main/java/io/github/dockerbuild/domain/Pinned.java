package io.github.dockerbuild.domain;

/** An image reference pinned to the digest that was verified, so what was checked is what is used. */
public final class Pinned {
  private Pinned() {}

  /** {@code host/repo:tag} or {@code host/repo@sha256:...} → {@code host/repo@DIGEST}. */
  public static String reference(String reference, String digest) {
    String name = reference;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      name = name.substring(0, colon);
    }
    return name + "@" + digest;
  }
}
