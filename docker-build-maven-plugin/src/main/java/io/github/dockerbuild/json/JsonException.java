package io.github.dockerbuild.json;

import java.io.IOException;

/** JSON that does not parse, or does not fit the type it is read as; the message says where. */
public final class JsonException extends IOException {
  private final String position;

  public JsonException(String message) {
    this(message, null);
  }

  private JsonException(String message, String position) {
    super(message);
    this.position = position;
  }

  /** Text that does not parse: what was expected, at {@code line L, column C}. */
  static JsonException at(String what, int line, int column) {
    String position = "line " + line + ", column " + column;
    return new JsonException("not JSON: " + what + " at " + position, position);
  }

  /** {@code line L, column C} where the text stopped parsing; null for a value that does not fit its type. */
  public String position() {
    return position;
  }
}
