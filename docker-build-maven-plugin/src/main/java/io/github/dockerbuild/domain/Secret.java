package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A BuildKit secret mounted with {@code RUN --mount=type=secret,id=ID}: read from an environment
 * variable or a file of the machine running Maven. Only the id and the source's name ever appear in
 * arguments or logs, never the value.
 */
public record Secret(String id, String env, String file) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

  public Secret {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidValueException("<secrets><secret><id>", String.valueOf(id), "is not a secret id",
          "use letters, digits, '_', '.' or '-'");
    }
    if ((env == null || env.isBlank()) == (file == null || file.isBlank())) {
      throw new InvalidValueException("<secrets><secret>", id, "needs exactly one of <env> or <file>",
          "give the environment variable or the file that holds the secret");
    }
  }

  public String toArg() {
    return env != null && !env.isBlank() ? "id=" + id + ",env=" + env : "id=" + id + ",src=" + file;
  }
}
