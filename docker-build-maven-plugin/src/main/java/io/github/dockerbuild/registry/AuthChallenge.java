package io.github.dockerbuild.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code WWW-Authenticate} header: {@code Bearer realm="https://auth.docker.io/token",
 * service="registry.docker.io",scope="repository:library/alpine:pull"} or {@code Basic realm="x"}.
 *
 * @param scheme {@code bearer} or {@code basic}, lower case
 * @param parameters the auth parameters, names in lower case
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {
  public AuthChallenge {
    parameters = Map.copyOf(parameters);
  }

  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  public boolean isBasic() {
    return scheme.equals("basic");
  }

  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  /** Parses one challenge; empty when the header is missing or not a Bearer or Basic challenge. */
  public static Optional<AuthChallenge> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String text = header.trim();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    if (!scheme.equals("bearer") && !scheme.equals("basic")) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
        i++;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      i = eq + 1;
      if (i < text.length() && text.charAt(i) == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < text.length() && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      parameters.putIfAbsent(name, value.toString().trim());
    }
    return Optional.of(new AuthChallenge(scheme, parameters));
  }
}
