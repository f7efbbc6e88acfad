package io.github.dockerbuild.domain;

import io.github.dockerbuild.json.JsonCreator;
import io.github.dockerbuild.json.JsonValue;
import java.util.Locale;

/**
 * What one platform's build did with one cache source: the typed hand-off from the build to the
 * record and the report, so nothing downstream re-parses buildx's CSV or guesses which verification
 * belongs to which source.
 *
 * @param entry the source as planned, placeholders resolved
 * @param passed the entry buildx received (a verified registry source pinned by digest), or null when
 *     the source was dropped
 * @param use how it was used
 * @param reason one line on why, or null
 * @param verified the reference of the verify section's entry that decided it (role {@code cache}), or
 *     null when no verification is involved
 */
public record CacheUse(CacheEntry entry, CacheEntry passed, Use use, String reason, String verified) {

  /** What the build did with a cache source. */
  public enum Use {
    /** Not a registry source: passed as it is, nothing to verify. */
    USED,
    /** A registry source the verify goal checked, passed by its verified digest. */
    VERIFIED,
    /** A registry source passed as configured without a signature check. */
    UNVERIFIED,
    /** Not passed to buildx: its verification failed, or it was not verified. */
    DROPPED;

    /** The record's and report's words: {@code used}, {@code verified}, {@code used unverified}, {@code dropped}. */
    @JsonValue
    public String id() {
      return this == UNVERIFIED ? "used unverified" : name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Use of(String id) {
      return id.equals("used unverified") ? UNVERIFIED : valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  /** A source that is not a registry reference: nothing to verify. */
  public static CacheUse plain(CacheEntry entry) {
    return new CacheUse(entry, entry, Use.USED, null, null);
  }

  /** A registry source used as configured, with why it was not checked. */
  public static CacheUse unverified(CacheEntry entry, String reason, String verified) {
    return new CacheUse(entry, entry, Use.UNVERIFIED, reason, verified);
  }

  /** A registry source passed by the digest its verification pinned. */
  public static CacheUse verified(CacheEntry entry, String digest, String verified) {
    return new CacheUse(entry, entry.with("ref", Pinned.reference(entry.registryRef(), digest)), Use.VERIFIED, null,
        verified);
  }

  /** A source that is not passed to buildx, with why. */
  public static CacheUse dropped(CacheEntry entry, String reason, String verified) {
    return new CacheUse(entry, null, Use.DROPPED, reason, verified);
  }
}
