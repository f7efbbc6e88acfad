package io.github.dockerbuild.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;

/**
 * The one JSON mapper of the registry package. Serialization is compact (no whitespace), fields in
 * declaration order and map keys sorted (as Go's encoding/json does), so the same template always
 * gives the same bytes and therefore the same digest. Unknown fields are ignored when reading.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  static byte[] write(Object template) {
    try {
      return MAPPER.writeValueAsBytes(template);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + template.getClass().getSimpleName(), e);
    }
  }

  static <T> T read(byte[] json, Class<T> type) throws IOException {
    return MAPPER.readValue(json, type);
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }
}
