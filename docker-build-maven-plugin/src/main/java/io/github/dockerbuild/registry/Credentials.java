package io.github.dockerbuild.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and a secret (password or token) for one registry. {@link #toString()} never shows
 * the secret, so a credential that ends up in a log line or an exception message leaks nothing.
 */
public record Credentials(String username, String secret) {
  /**
   * The user name docker uses for an identity token: the secret is then an OAuth2 refresh token
   * (what {@code docker login} stores as {@code identitytoken}, e.g. for Azure Container Registry).
   */
  public static final String IDENTITY_TOKEN_USER = "<token>";

  /** An identity token (OAuth2 refresh token) instead of a user and password. */
  public static Credentials identityToken(String token) {
    return new Credentials(IDENTITY_TOKEN_USER, token);
  }

  public boolean isIdentityToken() {
    return IDENTITY_TOKEN_USER.equals(username);
  }

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
