package io.github.dockerbuild.registry;

import java.io.IOException;

/**
 * The registry package's JSON: compact (no whitespace), a record's fields in declaration order and
 * map keys sorted (as Go's encoding/json does), so the same template always gives the same bytes
 * and therefore the same digest. Unknown fields are ignored when reading.
 */
final class Json {
  private Json() {}

  static byte[] write(Object template) {
    return io.github.dockerbuild.json.Json.writeBytes(template, io.github.dockerbuild.json.Json.Style.COMPACT_SORTED);
  }

  static <T> T read(byte[] json, Class<T> type) throws IOException {
    return io.github.dockerbuild.json.Json.read(json, type);
  }
}
