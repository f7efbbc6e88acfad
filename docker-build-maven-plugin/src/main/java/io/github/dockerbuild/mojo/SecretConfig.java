package io.github.dockerbuild.mojo;

/**
 * {@code <secret>}: a BuildKit secret, read by {@code RUN --mount=type=secret,id=ID}.
 *
 * <pre>{@code
 * <secrets>
 *   <secret><id>npmrc</id><file>${user.home}/.npmrc</file></secret>
 *   <secret><id>token</id><env>API_TOKEN</env></secret>
 * </secrets>
 * }</pre>
 */
public class SecretConfig {
  /** The secret's id in the Dockerfile. */
  public String id;

  /** An environment variable holding the value. */
  public String env;

  /** A file holding the value. */
  public String file;

  static java.util.List<io.github.dockerbuild.domain.Secret> toSecrets(java.util.List<SecretConfig> secrets) {
    return (secrets == null ? java.util.List.<SecretConfig>of() : secrets).stream()
        .map(s -> new io.github.dockerbuild.domain.Secret(s.id, io.github.dockerbuild.config.Values.blankToNull(s.env),
            io.github.dockerbuild.config.Values.blankToNull(s.file)))
        .toList();
  }
}
