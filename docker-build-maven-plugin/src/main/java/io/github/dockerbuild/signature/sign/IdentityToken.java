package io.github.dockerbuild.signature.sign;

import dev.sigstore.oidc.client.GithubActionsOidcClient;
import dev.sigstore.oidc.client.OidcClients;
import dev.sigstore.oidc.client.TokenStringOidcClient;
import io.github.dockerbuild.config.InvalidValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the OIDC identity token for keyless signing comes from, first match wins: a file, an
 * environment variable, or the GitHub Actions ID token service ({@code ACTIONS_ID_TOKEN_REQUEST_URL}
 * and {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, present in jobs with {@code permissions: id-token:
 * write}). The token is read when the first signature is made, never logged, and never part of a
 * message.
 *
 * @param description where the token comes from, for the log
 * @param provider reads or requests the token
 */
public record IdentityToken(String description, TokenStringOidcClient.TokenStringProvider provider) {
  public static final String GITHUB_REQUEST_URL = "ACTIONS_ID_TOKEN_REQUEST_URL";
  public static final String GITHUB_REQUEST_TOKEN = "ACTIONS_ID_TOKEN_REQUEST_TOKEN";
  static final String FILE_PARAMETER = "<signIdentityTokenFile> (-Ddocker.sign.identityTokenFile)";
  static final String ENV_PARAMETER = "<signIdentityTokenEnv> (-Ddocker.sign.identityTokenEnv)";

  /**
   * @param file a file holding the token, or null
   * @param envName the environment variable that may hold the token, or null
   * @param audience the audience to ask GitHub for ({@code sigstore} for Fulcio)
   * @param env the process environment
   * @throws InvalidValueException when the file cannot be read or no source has a token
   */
  public static IdentityToken resolve(Path file, String envName, String audience, Map<String, String> env) {
    if (file != null) {
      String token = read(file);
      if (token.isEmpty()) {
        throw new InvalidValueException(FILE_PARAMETER, file.toString(), "is empty",
            "write the OIDC identity token (a JWT) into it");
      }
      return new IdentityToken("the identity token in " + file, () -> read(file));
    }
    if (envName != null && !envName.isBlank()) {
      String token = env.get(envName);
      if (token != null && !token.isBlank()) {
        return new IdentityToken("the identity token in environment variable " + envName, () -> env.get(envName).trim());
      }
    }
    String url = env.get(GITHUB_REQUEST_URL);
    String bearer = env.get(GITHUB_REQUEST_TOKEN);
    if (url != null && !url.isBlank() && bearer != null && !bearer.isBlank()) {
      Map<String, String> github = Map.of(GITHUB_REQUEST_URL, url, GITHUB_REQUEST_TOKEN, bearer);
      GithubActionsOidcClient client = GithubActionsOidcClient.builder().audience(audience).build();
      return new IdentityToken("the GitHub Actions ID token (audience " + audience + ")",
          () -> client.getIDToken(github).getIdToken());
    }
    throw new InvalidValueException(ENV_PARAMETER, envName == null ? "" : envName,
        "holds no token, no " + FILE_PARAMETER + " is set, and this is no GitHub Actions job with an ID token",
        "give an OIDC identity token for keyless signing in the file or the environment variable, or in GitHub"
            + " Actions grant the job 'permissions: id-token: write'");
  }

  /** The credential provider sigstore-java's keyless signer asks for the token. */
  public OidcClients clients() {
    return OidcClients.of(TokenStringOidcClient.from(provider));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      throw new InvalidValueException(FILE_PARAMETER, file.toString(),
          "cannot be read (" + e.getClass().getSimpleName() + ")", "give the path of a readable token file");
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
