package io.github.dockerbuild.report;

import io.github.dockerbuild.domain.DockerfileFacts;
import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.domain.InputRole;
import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.CacheUse;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.ArchReference;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.domain.ImagePlan;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.BuildRecord.Verification;
import io.github.dockerbuild.report.ImageReport.ArgRow;
import io.github.dockerbuild.report.ImageReport.BaseImageRow;
import io.github.dockerbuild.report.ImageReport.CacheRow;
import io.github.dockerbuild.report.ImageReport.Decision;
import io.github.dockerbuild.report.ImageReport.LabelRow;
import io.github.dockerbuild.report.ImageReport.PlatformRow;
import io.github.dockerbuild.report.ImageReport.Status;
import io.github.dockerbuild.report.ImageReport.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the view model of one module's page from what the stages recorded and the Dockerfile.
 * Pure: no file, no Maven; what the record lacks is shown as {@value ImageReport#NOT_RECORDED}.
 */
public final class ImageReportFactory {
  private static final String OCI_LABEL = "org.opencontainers.image.";

  private ImageReportFactory() {}

  /**
   * @param module the Maven module name
   * @param record the build record, or null when there is none
   * @param dockerfile the Dockerfile's text, or null when it cannot be read
   */
  public static ImageReport create(String module, BuildRecord record, String dockerfile) {
    return create(module, record, null, dockerfile);
  }

  /**
   * @param plan the plan of the last run, or null; when it holds the build, build args, labels and
   *     cache entries are read from it, each platform resolved
   */
  public static ImageReport create(String module, BuildRecord record, BuildPlan plan, String dockerfile) {
    DockerfileFacts facts = DockerfileFacts.parse(dockerfile);
    BuildMetadata metadata = record == null ? null : record.metadata();
    BuildRecord.Build build = record == null ? null : record.build();
    List<Verification> verifications = record == null || record.verify() == null
        ? List.of() : record.verify().images();

    Status status;
    String message;
    if (record == null) {
      status = Status.NO_RECORD;
      message = "No build record yet: nothing has been built in this module. Run the build first "
          + "(mvn package, or mvn verify site), then the site; the record is target/docker-build/build-record.json.";
    } else if (build == null) {
      status = Status.NOT_BUILT;
      message = "The build record has no build yet (the build goal did not run since the image or tags last "
          + "changed): the configuration below is what the next build will use.";
    } else if (build.platforms().stream().anyMatch(p -> !p.succeeded())) {
      status = Status.FAILED;
      message = "The last build failed for "
          + String.join(", ", build.platforms().stream().filter(p -> !p.succeeded())
              .map(p -> p.platform().toString()).toList()) + ".";
    } else {
      status = Status.BUILT;
      message = "Built " + build.platforms().size() + " platform" + (build.platforms().size() == 1 ? "" : "s")
          + (build.pushed() ? " and pushed them." : "; nothing was pushed.");
    }

    List<Tag> tags = new ArrayList<>();
    if (metadata != null) {
      for (int i = 0; i < metadata.tags().size(); i++) {
        String tag = metadata.tags().get(i);
        tags.add(new Tag(tag, i == 0, metadata.image() + ":" + tag));
      }
    }

    List<PlatformRow> platforms = new ArrayList<>();
    if (build != null) {
      for (PlatformResult r : build.platforms()) {
        platforms.add(platformRow(metadata, r));
      }
    }

    ImagePlan planned = plan == null || metadata == null || !plan.image().equals(metadata.image()) ? null : plan.build();
    boolean verifyRan = record != null && record.verify() != null;
    List<ArgRow> args = planned != null ? PlanRows.buildArgs(planned, facts)
        : metadata == null ? List.of() : buildArgs(metadata, facts);
    List<LabelRow> labels = planned != null ? PlanRows.labels(planned, facts) : labels(metadata, facts);
    List<BaseImageRow> bases = baseImages(metadata, facts, verifications, verifyRan);
    List<CacheRow> cache = planned != null ? PlanRows.cache(planned, build, verifications, verifyRan)
        : cache(build, verifications, verifyRan);
    List<Decision> decisions = new ArrayList<>(decisions(record, metadata));
    if (planned != null) {
      decisions.add(new Decision("Dockerfile", planned.dockerfile()));
      decisions.add(new Decision("context directory", planned.contextDirectory()));
    }

    ImageReport.BuildInfo buildInfo = build == null ? null
        : new ImageReport.BuildInfo(build.finishedAt(), build.buildx(), build.pushed(), build.upToDate());
    BuildRecord.Publish p = record == null ? null : record.publish();
    ImageReport.PublishInfo publish = p == null ? null
        : new ImageReport.PublishInfo(p.finishedAt(), p.indexDigest(), p.references(), p.children(), p.dryRun());
    List<ImageReport.SignatureRow> signatures = record == null || record.sign() == null ? null
        : record.sign().signatures().stream()
            .map(s -> new ImageReport.SignatureRow(s.subject(), s.platform(), s.format(), s.location(), s.signer()))
            .toList();

    return new ImageReport(module, status, message,
        metadata == null ? null : metadata.image(), metadata == null ? null : metadata.archImage(),
        tags, platforms, args, labels, bases, cache, decisions, buildInfo, publish, signatures);
  }

  private static PlatformRow platformRow(BuildMetadata metadata, PlatformResult r) {
    String archRef = r.reference();
    if (archRef == null && metadata != null && !metadata.tags().isEmpty()) {
      archRef = ArchReference.of(metadata.image(), metadata.archImage(), metadata.tags().get(0),
          r.platform().archName(metadata.archAliases()));
    }
    String outcome = (r.succeeded() ? "built" : "failed")
        + (r.failedOn().isEmpty() ? "" : " after failing on " + String.join(", ", r.failedOn()));
    return new PlatformRow(r.platform().toString(), archRef,
        r.builder() == null ? ImageReport.NOT_RECORDED : r.builder(),
        outcome, r.digest(), r.succeeded() || r.millis() > 0 ? r.millis() : null,
        r.cachedSteps(), r.executedSteps(), r.compressedSize(), r.layerSizes(),
        r.output() == null ? ImageReport.NOT_RECORDED : r.output(), compression(r.output()), r.error());
  }

  /** The layer compression named in an output ({@code compression=zstd}), or what a load means. */
  static String compression(String output) {
    if (output == null) {
      return ImageReport.NOT_RECORDED;
    }
    for (String field : output.split(",")) {
      if (field.startsWith("compression=")) {
        String level = null;
        for (String f : output.split(",")) {
          if (f.startsWith("compression-level=")) {
            level = f.substring("compression-level=".length());
          }
        }
        return field.substring("compression=".length()) + (level == null ? "" : " level " + level)
            + (output.contains("force-compression=true") ? ", forced" : "");
      }
    }
    if (output.startsWith("--load")) {
      return "engine's own (loaded)";
    }
    if (output.contains("type=cacheonly")) {
      return "none (cache only)";
    }
    return "BuildKit default";
  }

  /**
   * Injected args come first in the metadata (at most five), with the values the metadata stage
   * computes (version, date, {@code {arch}}, source, epoch); a user arg of an injected name replaces
   * the value in place and then counts as the user's. The record keeps one map, so this is read
   * back from positions and values.
   */
  /** The Dockerfile's default of each ARG that has one, first declaration wins. */
  static Map<String, String> argDefaults(DockerfileFacts facts) {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (DockerfileFacts.Arg arg : facts.args()) {
      if (arg.defaultValue() != null) {
        defaults.putIfAbsent(arg.name(), arg.defaultValue());
      }
    }
    return defaults;
  }

  /** Rows for the ARGs the Dockerfile declares that the build does not pass ({@code seen} grows). */
  static void dockerfileOnlyArgs(DockerfileFacts facts, Set<String> seen, List<ArgRow> rows) {
    for (DockerfileFacts.Arg arg : facts.args()) {
      if (seen.add(arg.name())) {
        rows.add(new ArgRow(arg.name(), null, "Dockerfile", arg.defaultValue(),
            arg.defaultValue() == null ? "no value: empty in the build" : null));
      }
    }
  }

  /** The note of an arg the build passes: whether the Dockerfile declares it. */
  static String declaredNote(DockerfileFacts facts, String name) {
    return facts.stages().isEmpty() || facts.declares(name) ? null : "not declared in the Dockerfile";
  }

  /** Rows for the Dockerfile's own LABELs, noting those the build's labels override or that an earlier stage sets. */
  static void dockerfileLabels(DockerfileFacts facts, Set<String> given, List<LabelRow> rows) {
    int lastStage = facts.stages().size() - 1;
    for (DockerfileFacts.Label label : facts.labels()) {
      String note = null;
      if (given.contains(label.key())) {
        note = "overridden by the build's label";
      } else if (label.stage() != lastStage && facts.stages().size() > 1) {
        note = "in stage " + stageName(facts, label.stage()) + ", not the final image unless it builds FROM it";
      }
      rows.add(new LabelRow(label.key(), label.value(), "Dockerfile", note));
    }
  }

  static List<ArgRow> buildArgs(BuildMetadata metadata, DockerfileFacts facts) {
    Map<String, String> defaults = argDefaults(facts);
    Set<String> injectedValues = new HashSet<>();
    injectedValues.add(metadata.version());
    injectedValues.add(metadata.created());
    injectedValues.add("{arch}");
    injectedValues.add(metadata.source() == null ? "" : metadata.source());
    if (metadata.sourceDateEpoch() != null) {
      injectedValues.add(Long.toString(metadata.sourceDateEpoch()));
    }
    List<ArgRow> rows = new ArrayList<>();
    int position = 0;
    for (Map.Entry<String, String> e : metadata.buildArgs().entrySet()) {
      // at most five injected args, always first; user args follow in name order
      boolean injected = position < 5 && injectedValues.contains(e.getValue());
      position++;
      rows.add(new ArgRow(e.getKey(), e.getValue(), injected ? "injected" : "user", defaults.get(e.getKey()),
          declaredNote(facts, e.getKey())));
    }
    dockerfileOnlyArgs(facts, new HashSet<>(metadata.buildArgs().keySet()), rows);
    return rows;
  }

  static List<LabelRow> labels(BuildMetadata metadata, DockerfileFacts facts) {
    List<LabelRow> rows = new ArrayList<>();
    Map<String, String> given = metadata == null ? Map.of() : metadata.labels();
    given.forEach((k, v) -> rows.add(new LabelRow(k, v, k.startsWith(OCI_LABEL) ? "injected" : "user", null)));
    dockerfileLabels(facts, given.keySet(), rows);
    return rows;
  }

  private static String stageName(DockerfileFacts facts, int index) {
    DockerfileFacts.Stage s = facts.stages().get(index);
    return s.name() != null ? s.name() : Integer.toString(index);
  }

  static List<BaseImageRow> baseImages(
      BuildMetadata metadata, DockerfileFacts facts, List<Verification> verifications, boolean verifyRan) {
    Map<String, String> values = new LinkedHashMap<>(facts.globalDefaults());
    if (metadata != null) {
      values.putAll(metadata.buildArgs());
    }
    List<BaseImageRow> rows = new ArrayList<>();
    Set<String> stageNames = new HashSet<>();
    Set<Verification> shown = new HashSet<>();
    for (DockerfileFacts.Stage stage : facts.stages()) {
      String resolved = DockerfileFacts.expand(stage.from(), values);
      boolean earlierStage = stageNames.contains(resolved.toLowerCase(java.util.Locale.ROOT));
      if (stage.name() != null) {
        stageNames.add(stage.name().toLowerCase(java.util.Locale.ROOT));
      }
      if (earlierStage) {
        continue; // FROM another stage: not a base image
      }
      String label = stage.name() != null ? stage.name() : Integer.toString(stage.index());
      if (resolved.equals("scratch")) {
        rows.add(new BaseImageRow(label, stage.from(), resolved, "none needed", "scratch: an empty image"));
        continue;
      }
      Verification v = findBase(verifications, stage.from(), resolved);
      if (v != null) {
        shown.add(v);
        rows.add(new BaseImageRow(label, stage.from(), resolved, v.outcome().id(), detail(v)));
      } else {
        rows.add(new BaseImageRow(label, stage.from(), resolved, "not verified",
            verifyRan ? "the verify stage did not check it" : "the verify goal has not run"));
      }
    }
    for (Verification v : verifications) {
      if (v.role() == InputRole.BASE && !shown.contains(v)) {
        rows.add(new BaseImageRow(v.name() == null ? "" : v.name(), v.reference(), v.reference(), v.outcome().id(), detail(v)));
      }
    }
    return rows;
  }

  private static Verification findBase(List<Verification> verifications, String written, String resolved) {
    List<String> vars = DockerfileFacts.variables(written);
    for (Verification v : verifications) {
      if (v.role() != InputRole.BASE) {
        continue;
      }
      if (resolved.equals(v.reference()) || (v.name() != null && vars.contains(v.name()))) {
        return v;
      }
    }
    return null;
  }

  /** One line: digest, signer, format for a verified image; check and reason otherwise. */
  static String detail(Verification v) {
    List<String> parts = new ArrayList<>();
    if (v.check() != null) {
      parts.add("check " + v.check());
    }
    if (v.reason() != null) {
      parts.add(v.reason());
    }
    if (v.signer() != null) {
      parts.add("signed by " + v.signer());
    }
    if (v.format() != null) {
      parts.add(v.format() + " signature");
    }
    if (v.digest() != null && v.outcome() == VerifyOutcome.VERIFIED) {
      parts.add("pinned to " + v.digest());
    } else if (v.digest() != null && v.reason() != null && !v.reason().contains(v.digest())) {
      parts.add("digest " + v.digest());
    }
    return String.join("; ", parts);
  }

  static List<CacheRow> cache(BuildRecord.Build build, List<Verification> verifications, boolean verifyRan) {
    List<CacheRow> rows = new ArrayList<>();
    Set<Verification> shown = new HashSet<>();
    if (build != null) {
      for (PlatformResult r : build.platforms()) {
        String platform = r.platform().toString();
        if (r.cacheFrom() == null && r.cacheTo() == null) {
          rows.add(new CacheRow(platform, "from / to", ImageReport.NOT_RECORDED, "", ""));
          continue;
        }
        for (CacheUse use : r.cacheFrom() == null ? List.<CacheUse>of() : r.cacheFrom()) {
          rows.add(cacheRow(platform, use, verifications, shown));
        }
        for (CacheEntry entry : r.cacheTo() == null ? List.<CacheEntry>of() : r.cacheTo()) {
          rows.add(new CacheRow(platform, "to", entry.toArg(), "exported", ""));
        }
      }
    }
    for (Verification v : verifications) {
      if (v.role() == InputRole.CACHE && !shown.contains(v)) {
        rows.add(new CacheRow("", "from", v.name() != null ? v.name() : v.reference(), v.outcome().id(), detail(v)));
      }
    }
    return rows;
  }

  /**
   * The row of a cache source as the build used it, with the verification the build linked it to
   * (by the verify entry's reference), which is then marked shown.
   */
  static CacheRow cacheRow(String platform, CacheUse use, List<Verification> verifications, Set<Verification> shown) {
    Verification v = use.verified() == null ? null : verifications.stream()
        .filter(c -> c.role() == InputRole.CACHE && c.reference().equals(use.verified()))
        .findFirst().orElse(null);
    String entry = use.entry().toArg();
    if (v != null) {
      shown.add(v);
      return new CacheRow(platform, "from", entry, v.outcome().id(), detail(v));
    }
    return new CacheRow(platform, "from", entry, use.use().id(), use.reason() != null ? use.reason()
        : use.use() == CacheUse.Use.USED ? "not a registry source: nothing to verify" : "");
  }

  static List<Decision> decisions(BuildRecord record, BuildMetadata metadata) {
    List<Decision> rows = new ArrayList<>();
    if (metadata == null) {
      rows.add(new Decision("mode", ImageReport.NOT_RECORDED));
      return rows;
    }
    String mode = metadata.mode().id();
    rows.add(new Decision("mode", mode + " (version " + metadata.version()
        + (metadata.revision() == null ? "" : ", revision " + metadata.shortRevision()) + ")"));
    rows.add(new Decision("push", metadata.push()
        ? "yes: per-arch images are pushed" : "no: the native platform is loaded into the local engine"));
    BuildRecord.Publish publish = record.publish();
    List<String> failed = record.build() == null ? List.of() : record.build().platforms().stream()
        .filter(r -> !r.succeeded()).map(r -> r.platform().toString()).toList();
    String publishText;
    if (publish == null && !failed.isEmpty()) {
      publishText = "no: " + String.join(", ", failed) + " failed, so no index was published and no multi-arch tag"
          + " moved";
    } else if (publish != null) {
      publishText = publish.dryRun() ? "planned only (dry run), index " + publish.indexDigest()
          : "published index " + publish.indexDigest() + " as " + publish.references().size() + " tag"
              + (publish.references().size() == 1 ? "" : "s");
    } else if (metadata.push()) {
      publishText = "yes, in the deploy phase (not run yet)";
    } else {
      publishText = "no: a " + mode + " build that does not push publishes nothing";
    }
    rows.add(new Decision("publish", publishText));
    String signText;
    if (record.sign() != null) {
      int n = record.sign().signatures().size();
      signText = n + " signature" + (n == 1 ? "" : "s") + " written"
          + (publish == null && !failed.isEmpty() ? ": the per-arch images pushed before " + String.join(", ", failed)
              + " failed" : "");
    } else if (metadata.push()) {
      signText = "after publish, when the sign goal is bound (not run yet)";
    } else {
      signText = "no: nothing is pushed, so nothing is signed";
    }
    rows.add(new Decision("sign", signText));
    rows.add(new Decision("date", metadata.created() + " (from " + metadata.createdSource() + ")"
        + (metadata.sourceDateEpoch() == null ? "" : ", reproducible: SOURCE_DATE_EPOCH " + metadata.sourceDateEpoch())));
    return rows;
  }
}
