package io.github.dockerbuild.domain;

import java.util.regex.Pattern;

/**
 * The one rule for names that look like they hold a secret ({@code NPM_TOKEN}, {@code DB_PASSWORD},
 * ...): such build args are refused unless allowed by name, and an allowed one's value is redacted
 * in every output of the plugin.
 */
public final class SecretNames {
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");

  private SecretNames() {}

  public static boolean looksSecret(String name) {
    return name != null && SECRET_NAME.matcher(name).matches();
  }
}
