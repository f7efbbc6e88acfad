package io.github.dockerbuild.domain;

/**
 * One cache entry of one platform's build, resolved, with whether the build uses it.
 *
 * @param configured the entry as configured, placeholders unresolved
 * @param resolved the entry as buildx receives it, placeholders resolved
 * @param status whether it is used, and if not, why not
 */
public record PlannedCache(CacheEntry configured, CacheEntry resolved, Status status) {
  /** Whether a cache entry reaches buildx. */
  public enum Status {
    /** Passed to buildx as it is. */
    USED("used"),
    /** A registry cache source the verify goal checks first; used by its verified digest, or dropped. */
    TO_VERIFY("used once verified"),
    /** A GitHub Actions cache entry outside Actions: no cache service to talk to. */
    NO_GHA_RUNTIME("not used: no GitHub Actions cache service here"),
    /** A cache export of a build that exports no caches ({@code <cacheExport>}, or one that does not push). */
    EXPORT_OFF("not used: cache export is off for this build");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    /** How the plan and the report word it. */
    public String text() {
      return text;
    }

    public boolean used() {
      return this == USED || this == TO_VERIFY;
    }
  }
}
