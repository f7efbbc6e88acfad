package io.github.dockerbuild.registry;

import java.util.List;
import java.util.Optional;

/** Where the credentials for a registry come from: Maven settings, Docker's config.json, a chain. */
@FunctionalInterface
public interface CredentialSource {
  /**
   * The credentials for a registry host, or empty when this source has none (then the client goes
   * anonymous).
   *
   * @param registry the registry host as in {@link ImageRef#registry()}, e.g. {@code ghcr.io}
   * @throws CredentialException when the source has an entry but cannot produce it
   */
  Optional<Credentials> find(String registry);

  /** No credentials for any registry. */
  static CredentialSource none() {
    return registry -> Optional.empty();
  }

  /** The first source that has credentials for the registry wins. */
  static CredentialSource chain(CredentialSource... sources) {
    List<CredentialSource> list = List.of(sources);
    return registry -> {
      for (CredentialSource source : list) {
        Optional<Credentials> found = source.find(registry);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    };
  }

  /**
   * The names under which a registry may be written in a credential store: Docker Hub has several
   * ({@code https://index.docker.io/v1/} is what {@code docker login} writes).
   */
  static List<String> aliases(String registry) {
    String host = normalize(registry);
    if (host.equals(ImageRef.DOCKER_HUB) || host.equals("docker.io") || host.equals("index.docker.io")) {
      return List.of("https://index.docker.io/v1/", "index.docker.io", "docker.io", ImageRef.DOCKER_HUB);
    }
    return List.of(host);
  }

  /** A store key such as {@code https://ghcr.io/v2/} reduced to its host, {@code ghcr.io}. */
  static String normalize(String key) {
    String host = key.trim();
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return host.toLowerCase(java.util.Locale.ROOT);
  }
}
