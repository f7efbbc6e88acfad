package io.github.dockerbuild.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and a secret (password or token) for one registry. {@link #toString()} never shows
 * the secret, so a credential that ends up in a log line or an exception message leaks nothing.
 */
public record Credentials(String username, String secret) {
  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
  }

  /** The value of an {@code Authorization: Basic} header. */
  String basicHeader() {
    return "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", secret=****]";
  }
}
