package io.github.dockerbuild.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials given up front, by registry host: what the mojo layer passes from the {@code <server>}
 * entries of Maven's settings.xml (server id = registry host). Keys may be written as URLs
 * ({@code https://ghcr.io}); Docker Hub may be written under any of its names.
 */
public final class StaticCredentialSource implements CredentialSource {
  private final Map<String, Credentials> byHost;

  public StaticCredentialSource(Map<String, Credentials> byRegistry) {
    Map<String, Credentials> copy = new LinkedHashMap<>();
    byRegistry.forEach((key, value) -> copy.put(CredentialSource.normalize(key), value));
    this.byHost = Map.copyOf(copy);
  }

  @Override
  public Optional<Credentials> find(String registry) {
    for (String alias : CredentialSource.aliases(registry)) {
      Credentials found = byHost.get(CredentialSource.normalize(alias));
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "StaticCredentialSource" + byHost.keySet();
  }
}
