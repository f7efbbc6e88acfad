package io.github.dockerbuild.buildx;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.registry.CredentialSource;
import io.github.dockerbuild.registry.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One login for the plugin and buildx: a Docker config directory made for the buildx processes of
 * one build, in which the registries the plugin has {@code settings.xml} credentials for are served
 * those credentials, so buildx pushes (and pulls, and reads caches) as the plugin's own client does,
 * with no {@code docker login}.
 *
 * <p>The user's Docker config is copied, never written: {@code config.json} with every entry kept
 * ({@code auths}, {@code credsStore}, {@code credHelpers}, {@code currentContext}, proxies), and a
 * link to each other entry of the user's directory (contexts, buildx builders, CLI plugins). Each of
 * the plugin's registries gets a {@code credHelpers} entry, which Docker asks before
 * {@code credsStore} and {@code auths}, naming a helper of this directory that prints that registry's
 * credentials from a file of its own. The directory and its files are readable by the user only, and
 * {@link #close()} deletes them.
 */
public final class DockerConfigOverlay implements AutoCloseable {
  private static final String HELPER = "dockerbuild-login-";

  private final Path dir;
  private final java.util.SortedSet<String> registries;
  private final Map<String, String> proxies;

  private DockerConfigOverlay(Path dir, java.util.SortedSet<String> registries, Map<String, String> proxies) {
    this.dir = dir;
    this.registries = registries;
    this.proxies = proxies;
  }

  /**
   * The overlay a build needs: for each registry it pushes to or caches in that {@code servers}
   * (the {@code settings.xml} servers) has credentials for, a login; and the {@code settings.xml}
   * proxies as Docker's client proxies, which buildx hands to {@code RUN} steps, unless the user's
   * {@code config.json} names proxies of its own. Null when there is neither, and buildx then uses
   * Docker's own configuration as it is.
   *
   * @param proxies {@code httpProxy}, {@code httpsProxy}, {@code noProxy} for {@code proxies.default}, or empty
   */
  /**
   * {@link #forBuild(ImageSpec, CredentialSource, Map, Path, Path)} over the user's own Docker
   * config directory, found as the docker CLI finds it ({@code DOCKER_CONFIG}, else
   * {@code ~/.docker}).
   */
  public static DockerConfigOverlay forBuild(ImageSpec spec, CredentialSource servers, Map<String, String> proxies,
      Path parent, Map<String, String> environment, String userHome) throws IOException {
    return forBuild(spec, servers, proxies, parent,
        io.github.dockerbuild.registry.DockerConfigCredentialSource.defaultConfigFile(environment, userHome).getParent());
  }

  public static DockerConfigOverlay forBuild(ImageSpec spec, CredentialSource servers, Map<String, String> proxies,
      Path parent, Path userConfig) throws IOException {
    Map<String, Credentials> logins = new java.util.TreeMap<>();
    if (spec.push()) {
      for (String registry : registriesOf(spec)) {
        servers.find(registry).ifPresent(given -> logins.put(registry, given));
      }
    }
    Map<String, String> added = proxies.isEmpty() || hasOwnProxies(userConfig) ? Map.of() : proxies;
    return logins.isEmpty() && added.isEmpty() ? null : create(parent, userConfig, logins, added);
  }

  /**
   * What a build's log says of its Docker config: the registries buildx logs in to with
   * settings.xml servers, and which proxies its {@code RUN} steps get.
   *
   * @param overlay what {@link #forBuild} made, or null
   * @param proxies the settings.xml proxies for Docker's client, or empty
   */
  public static java.util.List<String> describe(DockerConfigOverlay overlay, Map<String, String> proxies) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    if (overlay != null && !overlay.registries().isEmpty()) {
      lines.add("buildx logs in to " + String.join(", ", overlay.registries())
          + " with the settings.xml server" + (overlay.registries().size() == 1 ? "" : "s")
          + " of that name (a Docker config of this build, removed after it)");
    }
    if (!proxies.isEmpty()) {
      lines.add(overlay != null && !overlay.proxies().isEmpty()
          ? "RUN steps get the settings.xml proxy as HTTP_PROXY/HTTPS_PROXY/NO_PROXY (" + String.join(", ",
              new java.util.TreeSet<>(proxies.values())) + "; credentials are not handed to the build)"
          : "RUN steps get the proxies of Docker's own config.json, which names some, not the settings.xml proxy");
    }
    return lines;
  }

  /** Whether the user's config.json names client proxies (which are then kept as they are). */
  public static boolean hasOwnProxies(Path userConfig) throws IOException {
    Path file = userConfig.resolve("config.json");
    return Files.isRegularFile(file) && Json.parse(file) instanceof Map<?, ?> config
        && config.get("proxies") instanceof Map<?, ?> given && !given.isEmpty();
  }

  /** The registries a build talks to with its pushes and registry caches, in order. */
  static java.util.SortedSet<String> registriesOf(ImageSpec spec) {
    java.util.SortedSet<String> registries = new java.util.TreeSet<>();
    for (Platform platform : spec.platforms()) {
      registries.addAll(io.github.dockerbuild.engine.PreflightChecks.registriesOf(spec, platform));
    }
    return registries;
  }

  /** The registries this overlay logs in to, in order. */
  public java.util.SortedSet<String> registries() {
    return registries;
  }

  /** The client proxies this overlay adds (without credentials), or empty. */
  public Map<String, String> proxies() {
    return proxies;
  }

  /**
   * @param parent where the directory is made (the module's {@code target/docker-build})
   * @param userConfig the user's Docker config directory ({@code $DOCKER_CONFIG} or {@code ~/.docker});
   *     it may not exist
   * @param logins the credentials per registry host, as the plugin resolved them from {@code settings.xml}
   * @param proxies what {@code proxies.default} is to say, or empty to leave proxies as they are
   */
  public static DockerConfigOverlay create(Path parent, Path userConfig, Map<String, Credentials> logins,
      Map<String, String> proxies) throws IOException {
    Files.createDirectories(parent);
    Path dir = Files.createTempDirectory(parent, "docker-config-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    DockerConfigOverlay overlay = new DockerConfigOverlay(dir,
        java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(logins.keySet())), Map.copyOf(proxies));
    try {
      overlay.fill(userConfig, logins);
    } catch (IOException | RuntimeException e) {
      overlay.close();
      throw e;
    }
    return overlay;
  }

  @SuppressWarnings("unchecked")
  private void fill(Path userConfig, Map<String, Credentials> logins) throws IOException {
    Path userFile = userConfig.resolve("config.json");
    Map<String, Object> config = new LinkedHashMap<>();
    if (Files.isRegularFile(userFile) && Json.parse(userFile) instanceof Map<?, ?> object) {
      config = (Map<String, Object>) object;
    }
    if (Files.isDirectory(userConfig)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(userConfig)) {
        for (Path entry : entries) {
          if (!entry.getFileName().toString().equals("config.json")) {
            Files.createSymbolicLink(dir.resolve(entry.getFileName().toString()), entry.toAbsolutePath());
          }
        }
      }
    }
    Map<String, Object> helpers = config.get("credHelpers") instanceof Map<?, ?> given
        ? (Map<String, Object>) given : new LinkedHashMap<>();
    config.put("credHelpers", helpers);
    int n = 0;
    for (Map.Entry<String, Credentials> login : new java.util.TreeMap<>(logins).entrySet()) {
      String name = HELPER + (++n);
      helpers.put(login.getKey(), name);
      Map<String, String> answer = new LinkedHashMap<>();
      answer.put("ServerURL", login.getKey());
      answer.put("Username", login.getValue().username());
      answer.put("Secret", login.getValue().secret());
      Path secret = dir.resolve(name + ".json");
      writePrivate(secret, Json.writeBytes(answer, Json.Style.COMPACT));
      // `get` reads the server docker names and prints the credentials; `store`, `erase` and `list`
      // change nothing
      String script = "#!/bin/sh\n"
          + "cat > /dev/null\n"
          + "case \"$1\" in\n"
          + "  get) cat " + quote(secret.toString()) + " ;;\n"
          + "  list) echo '{}' ;;\n"
          + "esac\n";
      Path helper = dir.resolve("docker-credential-" + name);
      writePrivate(helper, script.getBytes(StandardCharsets.UTF_8));
      Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    }
    if (!proxies.isEmpty()) {
      config.put("proxies", Map.of("default", new java.util.TreeMap<>(proxies)));
    }
    writePrivate(dir.resolve("config.json"), Json.writeBytes(config, Json.Style.PRETTY));
  }

  private static void writePrivate(Path file, byte[] bytes) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    Files.write(file, bytes);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  public Path dir() {
    return dir;
  }

  /** What the buildx processes run with: this config, and its helpers first on the {@code PATH}. */
  public Map<String, String> environment(String path) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DOCKER_CONFIG", dir.toString());
    env.put("PATH", path == null || path.isEmpty() ? dir.toString() : dir + java.io.File.pathSeparator + path);
    return env;
  }

  /** Deletes the directory: its files, what buildx wrote in it, and the links (never what they point to). */
  @Override
  public void close() {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // a walk that follows no link: what buildx wrote here goes, the user's directories stay
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path entry : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(entry);
      }
    } catch (IOException e) {
      dir.toFile().deleteOnExit();
    }
  }
}
