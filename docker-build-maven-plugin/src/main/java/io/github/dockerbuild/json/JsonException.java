package io.github.dockerbuild.json;

import java.io.IOException;

/** JSON that does not parse, or does not fit the type it is read as; the message says where. */
public final class JsonException extends IOException {
  public JsonException(String message) {
    super(message);
  }
}
