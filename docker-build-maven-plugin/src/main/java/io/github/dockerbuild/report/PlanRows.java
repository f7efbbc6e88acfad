package io.github.dockerbuild.report;

import io.github.dockerbuild.domain.DockerfileFacts;
import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.domain.ImagePlan;
import io.github.dockerbuild.domain.PlannedCache;
import io.github.dockerbuild.domain.PlannedValue;
import io.github.dockerbuild.domain.PlatformPlan;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.BuildRecord.Verification;
import io.github.dockerbuild.report.ImageReport.ArgRow;
import io.github.dockerbuild.report.ImageReport.CacheRow;
import io.github.dockerbuild.report.ImageReport.LabelRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The report's rows read from the plan: each platform's build args, labels and cache entries as the
 * build received them, placeholders resolved, with where each comes from and whether (and why) a
 * cache entry was used; once the build ran, each source's row is what the build recorded it did
 * with it, linked to the verification that decided it; before that, a source is matched to its
 * verification by the reference the plan resolved, not by reading entry strings back.
 */
final class PlanRows {
  private PlanRows() {}

  static List<ArgRow> buildArgs(ImagePlan build, DockerfileFacts facts) {
    Map<String, String> defaults = ImageReportFactory.argDefaults(facts);
    List<ArgRow> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (PlannedValue arg : build.platforms().isEmpty() ? List.<PlannedValue>of() : build.platforms().get(0).buildArgs()) {
      if (arg.origin() == PlannedValue.Origin.DOCKERFILE) {
        continue; // the Dockerfile's own rows follow, with their default
      }
      seen.add(arg.name());
      rows.add(new ArgRow(arg.name(), perPlatform(build, p -> p.buildArgs(), arg.name()), source(arg.origin()),
          defaults.get(arg.name()), ImageReportFactory.declaredNote(facts, arg.name())));
    }
    ImageReportFactory.dockerfileOnlyArgs(facts, seen, rows);
    return rows;
  }

  static List<LabelRow> labels(ImagePlan build, DockerfileFacts facts) {
    List<LabelRow> rows = new ArrayList<>();
    Set<String> given = new HashSet<>();
    for (PlannedValue label : build.platforms().isEmpty() ? List.<PlannedValue>of() : build.platforms().get(0).labels()) {
      given.add(label.name());
      rows.add(new LabelRow(label.name(), perPlatform(build, p -> p.labels(), label.name()), source(label.origin()), null));
    }
    ImageReportFactory.dockerfileLabels(facts, given, rows);
    return rows;
  }

  /** One value when every platform has the same, else each platform's: {@code linux/amd64: amd64; linux/arm64: aarch64}. */
  private static String perPlatform(ImagePlan build, Function<PlatformPlan, List<PlannedValue>> values, String name) {
    Map<String, String> byPlatform = new LinkedHashMap<>();
    for (PlatformPlan p : build.platforms()) {
      values.apply(p).stream().filter(v -> v.name().equals(name)).findFirst()
          .ifPresent(v -> byPlatform.put(p.platform().toString(), v.value()));
    }
    if (new HashSet<>(byPlatform.values()).size() <= 1) {
      return byPlatform.values().stream().findFirst().orElse("");
    }
    List<String> parts = new ArrayList<>();
    byPlatform.forEach((platform, value) -> parts.add(platform + ": " + value));
    return String.join("; ", parts);
  }

  private static String source(PlannedValue.Origin origin) {
    return origin == PlannedValue.Origin.POM ? "user" : "injected";
  }

  /** What the build recorded for a platform's cache sources; empty before it ran, or for an older record. */
  private static List<CacheUse> usedBy(BuildRecord.Build ran, PlatformPlan p) {
    if (ran == null) {
      return List.of();
    }
    return ran.platforms().stream()
        .filter(r -> r.platform().equals(p.platform()) && r.cacheFrom() != null)
        .findFirst().map(PlatformResult::cacheFrom).orElse(List.of());
  }

  /**
   * @param ran the build section of the record: how each source was used, when the build ran; or null
   * @param verifications the verify stage's outcomes, or empty
   * @param verifyRan whether the verify stage ran for this build
   */
  static List<CacheRow> cache(ImagePlan build, BuildRecord.Build ran, List<Verification> verifications,
      boolean verifyRan) {
    List<CacheRow> rows = new ArrayList<>();
    Set<Verification> shown = new HashSet<>();
    for (PlatformPlan p : build.platforms()) {
      String platform = p.platform().toString();
      List<CacheUse> used = usedBy(ran, p);
      for (PlannedCache c : p.cacheFrom()) {
        String entry = c.resolved().toArg();
        String ref = c.resolved().registryRef();
        CacheUse use = used.stream().filter(u -> u.entry().equals(c.resolved())).findFirst().orElse(null);
        if (use != null) {
          rows.add(ImageReportFactory.cacheRow(platform, use, verifications, shown));
          continue;
        }
        if (!c.status().used()) {
          rows.add(new CacheRow(platform, "from", entry, "not used", c.status().text().replaceFirst("^not used: ", "")));
          continue;
        }
        Verification v = ref == null ? null : verifications.stream()
            .filter(x -> x.role() == InputRole.CACHE && ref.equals(x.reference())).findFirst().orElse(null);
        if (v != null) {
          shown.add(v);
          rows.add(new CacheRow(platform, "from", entry, v.outcome().id(), ImageReportFactory.detail(v)));
        } else if (ref == null) {
          rows.add(new CacheRow(platform, "from", entry, "used", "not a registry source: nothing to verify"));
        } else if (c.status() == PlannedCache.Status.TO_VERIFY) {
          rows.add(new CacheRow(platform, "from", entry, "not used",
              verifyRan ? "the verify stage did not check it" : "the verify goal has not run"));
        } else {
          rows.add(new CacheRow(platform, "from", entry, "used unverified",
              verifyRan ? "no <cachePolicy> is configured" : "the verify goal has not run"));
        }
      }
      for (PlannedCache c : p.cacheTo()) {
        rows.add(c.status().used() ? new CacheRow(platform, "to", c.resolved().toArg(), "exported", "")
            : new CacheRow(platform, "to", c.resolved().toArg(), "not exported",
                c.status().text().replaceFirst("^not used: ", "")));
      }
    }
    for (Verification v : verifications) {
      if (v.role() == InputRole.CACHE && !shown.contains(v)) {
        rows.add(new CacheRow("", "from", v.reference(), v.outcome().id(), ImageReportFactory.detail(v)));
      }
    }
    return rows;
  }
}
