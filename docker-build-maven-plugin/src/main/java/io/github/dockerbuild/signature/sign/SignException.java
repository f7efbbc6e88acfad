package io.github.dockerbuild.signature.sign;

/** Signing did not complete; the message names each image digest, the format and why. */
public final class SignException extends RuntimeException {
  public SignException(String message) {
    super(message);
  }
}
