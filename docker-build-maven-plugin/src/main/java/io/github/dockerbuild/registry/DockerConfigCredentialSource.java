package io.github.dockerbuild.registry;

import io.github.dockerbuild.json.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
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
    Tree config = read();
    if (config == null) {
      return Optional.empty();
    }
    Tree helpers = config.path("credHelpers");
    for (String alias : CredentialSource.aliases(registry)) {
      Tree name = entry(helpers, alias);
      if (name != null && name.isText() && !name.asText().isBlank()) {
        return runHelper(name.asText(), alias, registry);
      }
    }
    Tree store = config.path("credsStore");
    if (store.isText() && !store.asText().isBlank()) {
      Optional<Credentials> found = runHelper(store.asText(), CredentialSource.aliases(registry).get(0), registry);
      if (found.isPresent()) {
        return found;
      }
    }
    Tree auths = config.path("auths");
    for (String alias : CredentialSource.aliases(registry)) {
      Tree auth = entry(auths, alias);
      if (auth != null && auth.path("identitytoken").isText() && !auth.path("identitytoken").asText().isEmpty()) {
        return Optional.of(Credentials.identityToken(auth.path("identitytoken").asText()));
      }
      if (auth != null && auth.path("auth").isText() && !auth.path("auth").asText().isEmpty()) {
        return Optional.of(decode(auth.path("auth").asText(), registry));
      }
    }
    return Optional.empty();
  }

  private Tree read() {
    try {
      return io.github.dockerbuild.json.Json.tree(Files.readAllBytes(configFile));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CredentialException("cannot read Docker config " + configFile + ": " + e.getClass().getSimpleName()
          + ": fix the JSON or point DOCKER_CONFIG at a directory with a valid config.json");
    }
  }

  /** The entry whose key, written as host or URL, names this host. */
  private static Tree entry(Tree object, String alias) {
    if (!object.isObject()) {
      return null;
    }
    Tree exact = object.path(alias);
    if (!exact.isMissing()) {
      return exact;
    }
    String host = CredentialSource.normalize(alias);
    for (Map.Entry<String, Tree> field : object.fields().entrySet()) {
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
      Tree answer = io.github.dockerbuild.json.Json.tree(result.stdout());
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
