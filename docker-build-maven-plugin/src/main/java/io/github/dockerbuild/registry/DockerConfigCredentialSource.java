package io.github.dockerbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's {@code config.json}, looked up in the order docker uses:
 * {@code credHelpers} for the registry, then the {@code credsStore}, then {@code auths} (an
 * {@code identitytoken}, else the base64 {@code user:password} in {@code auth}). A helper that
 * answers with user name {@code <token>} gives an identity token, as with docker. Helpers run through an injectable {@link CredentialHelper}.
 *
 * <pre>{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNz"}},"credsStore":"desktop",
 *  "credHelpers":{"123.dkr.ecr.eu-west-1.amazonaws.com":"ecr-login"}}</pre>
 */
public final class DockerConfigCredentialSource implements CredentialSource {
  private final Path configFile;
  private final CredentialHelper helper;

  public DockerConfigCredentialSource(Path configFile, CredentialHelper helper) {
    this.configFile = configFile;
    this.helper = helper;
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  public static Path defaultConfigFile(Map<String, String> environment, String userHome) {
    String dir = environment.get("DOCKER_CONFIG");
    return dir != null && !dir.isBlank()
        ? Path.of(dir, "config.json")
        : Path.of(userHome, ".docker", "config.json");
  }

  @Override
  public Optional<Credentials> find(String registry) {
    JsonNode config = read();
    if (config == null) {
      return Optional.empty();
    }
    JsonNode helpers = config.path("credHelpers");
    for (String alias : CredentialSource.aliases(registry)) {
      JsonNode name = entry(helpers, alias);
      if (name != null && name.isTextual() && !name.asText().isBlank()) {
        return runHelper(name.asText(), alias, registry);
      }
    }
    JsonNode store = config.path("credsStore");
    if (store.isTextual() && !store.asText().isBlank()) {
      Optional<Credentials> found = runHelper(store.asText(), CredentialSource.aliases(registry).get(0), registry);
      if (found.isPresent()) {
        return found;
      }
    }
    JsonNode auths = config.path("auths");
    for (String alias : CredentialSource.aliases(registry)) {
      JsonNode auth = entry(auths, alias);
      if (auth != null && auth.path("identitytoken").isTextual() && !auth.path("identitytoken").asText().isEmpty()) {
        return Optional.of(Credentials.identityToken(auth.path("identitytoken").asText()));
      }
      if (auth != null && auth.path("auth").isTextual() && !auth.path("auth").asText().isEmpty()) {
        return Optional.of(decode(auth.path("auth").asText(), registry));
      }
    }
    return Optional.empty();
  }

  private JsonNode read() {
    try {
      return Json.mapper().readTree(Files.readAllBytes(configFile));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CredentialException("cannot read Docker config " + configFile + ": " + e.getClass().getSimpleName()
          + ": fix the JSON or point DOCKER_CONFIG at a directory with a valid config.json");
    }
  }

  /** The entry whose key, written as host or URL, names this host. */
  private static JsonNode entry(JsonNode object, String alias) {
    if (!object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(alias);
    if (exact != null) {
      return exact;
    }
    String host = CredentialSource.normalize(alias);
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (CredentialSource.normalize(field.getKey()).equals(host)) {
        return field.getValue();
      }
    }
    return null;
  }

  private Credentials decode(String auth, String registry) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new CredentialException("the auths entry for " + registry + " in " + configFile
          + " is not base64: run docker login " + registry + " again");
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      throw new CredentialException("the auths entry for " + registry + " in " + configFile
          + " is not user:password: run docker login " + registry + " again");
    }
    return new Credentials(pair.substring(0, colon), pair.substring(colon + 1));
  }

  private Optional<Credentials> runHelper(String name, String serverUrl, String registry) {
    String command = "docker-credential-" + name;
    CredentialHelper.Result result;
    try {
      result = helper.get(name, serverUrl);
    } catch (IOException e) {
      throw new CredentialException(command + " get for " + registry + " failed: " + e.getMessage()
          + ": install " + command + " on the PATH or remove it from " + configFile);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialException(command + " get for " + registry + " was interrupted");
    }
    if (result.exitCode() != 0) {
      String said = (result.stdout() + " " + result.stderr()).trim();
      if (said.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      throw new CredentialException(command + " get for " + registry + " exited with " + result.exitCode()
          + (result.stderr().isBlank() ? "" : ": " + result.stderr().trim())
          + ": run docker login " + registry + " or fix the helper");
    }
    try {
      JsonNode answer = Json.mapper().readTree(result.stdout());
      String username = answer.path("Username").asText("");
      String secret = answer.path("Secret").asText("");
      if (secret.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Credentials(username, secret));
    } catch (IOException e) {
      throw new CredentialException(command + " get for " + registry
          + " did not print JSON with Username and Secret: check the helper's version");
    }
  }

  @Override
  public String toString() {
    return "DockerConfigCredentialSource[" + configFile + "]";
  }
}
