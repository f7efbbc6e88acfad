package io.github.dockerbuild.publish;

/** Publishing stopped before any tag moved; the message names the image, the platform and the fix. */
public final class PublishException extends RuntimeException {
  public PublishException(String message) {
    super(message);
  }

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
