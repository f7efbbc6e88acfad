package io.github.dockerbuild.domain;

/**
 * A build arg or label as one platform's build receives it.
 *
 * @param name the build arg or label name
 * @param value the value, placeholders resolved; {@link #REDACTED} for a secret
 * @param origin where it comes from
 */
public record PlannedValue(String name, String value, Origin origin) {
  /** What every output shows instead of a secret value. */
  public static final String REDACTED = "***";

  /** Where a build arg or label comes from. */
  public enum Origin {
    /** Computed by the plugin (version, date, architecture, OCI labels). */
    INJECTED,
    /** Given in the POM ({@code <buildArgs>}, {@code <labels>}), winning over an injected one. */
    POM,
    /** The default of an ARG the Dockerfile declares and the build does not pass. */
    DOCKERFILE
  }
}
