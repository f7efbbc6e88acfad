package io.github.dockerbuild.registry;

import io.github.dockerbuild.json.OmitNulls;
import java.util.List;

/**
 * The error body of the distribution API.
 *
 * <pre>{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{...}}]}</pre>
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes">error codes</a>
 */
@OmitNulls
public record ErrorTemplate(List<Entry> errors) {
  public ErrorTemplate {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** One error; {@code detail} is free-form and not kept. */
  @OmitNulls
  public record Entry(String code, String message) {}
}
