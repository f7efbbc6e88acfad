package io.github.dockerbuild.metadata;

import io.github.dockerbuild.domain.Mode;
import io.github.dockerbuild.domain.SecretNames;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.config.Placeholders;
import io.github.dockerbuild.config.Problems;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes version, date, revision, mode, tags, build args and labels from the POM, the CI
 * environment and the configuration. Pure: every input is passed in, so it is tested on tables.
 */
public final class MetadataCalculator {
  public static final String OCI = "org.opencontainers.image.";
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

  private MetadataCalculator() {}

  private static final java.util.regex.Pattern BUILD_ARG_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._/-]+");

  /**
   * @param git the commit {@code git rev-parse HEAD} printed, or null; used when neither the
   *     configuration nor CI name one
   * @throws io.github.dockerbuild.config.InvalidConfigurationException listing every problem
   */
  public static BuildMetadata compute(
      MetadataSettings settings, ProjectInfo project, CiEnvironment ci, String git, Instant now) {
    Problems problems = new Problems();
    String image = blank(settings.image()) ? project.artifactId().toLowerCase(Locale.ROOT) : settings.image().trim();
    if (!ImageReference.isRepository(image)) {
      problems.add("<image> (-Ddocker.image)", image, "is not a valid repository name",
          "use lowercase HOST[:PORT]/PATH such as ghcr.io/org/app, without tag");
    }
    boolean imageValid = problems.isEmpty();
    String archImage = blank(settings.archImage()) ? "{image}" : settings.archImage().trim();
    String archProbe = Placeholders.replace(archImage, Map.of("image", imageValid ? image : "example/image", "arch", "amd64"));
    if (!ImageReference.isRepository(archProbe)) {
      problems.add("<archImage> (-Ddocker.archImage)", archImage, "is not a valid repository pattern",
          "use {image} or a repository with {arch}, such as ghcr.io/org/{arch}-app");
    }

    Mode detected = detectMode(ci);
    Mode mode = problems.attempt(() -> Mode.parse(settings.mode()), null);
    if (mode == null) {
      mode = detected;
    }
    java.util.Set<Mode> pushing = pushModes(settings, problems);
    boolean push = settings.push() != null ? settings.push() : pushing.contains(mode);

    String revision = !blank(settings.revision()) ? settings.revision().trim()
        : ci.revision() != null ? ci.revision() : git;
    String shortRevision = revision == null ? null : revision.substring(0, Math.min(7, revision.length()));

    String version = version(settings, project, ci, mode, shortRevision);

    Instant created = now;
    String createdSource = "clock";
    Long epoch = null;
    if (isSet(project.outputTimestamp())) {
      Instant parsed = problems.attempt(() -> parseOutputTimestamp(project.outputTimestamp().trim()), null);
      if (parsed != null) {
        created = parsed;
        createdSource = "project.build.outputTimestamp";
        epoch = parsed.getEpochSecond();
      }
    } else if (ci.sourceDateEpoch() != null) {
      try {
        epoch = Long.parseLong(ci.sourceDateEpoch());
        created = Instant.ofEpochSecond(epoch);
        createdSource = "SOURCE_DATE_EPOCH";
      } catch (NumberFormatException e) {
        problems.add("SOURCE_DATE_EPOCH (environment)", ci.sourceDateEpoch(), "is not a number of seconds",
            "unset it or give seconds since 1970-01-01");
      }
    }
    String date = RFC3339.format(created.truncatedTo(ChronoUnit.SECONDS));

    String source = !blank(project.scmUrl()) ? project.scmUrl().trim() : ci.repositoryUrl();

    Map<String, String> values = new LinkedHashMap<>();
    values.put("version", version);
    values.put("projectVersion", project.version());
    values.put("sha", shortRevision == null ? "" : shortRevision);
    values.put("branch", ci.branch() == null ? "" : ImageReference.sanitizeTag(ci.branch()));
    values.put("mode", mode.id());
    values.put("artifactId", project.artifactId());
    SemVer semver = SemVer.parse(version).orElse(null);
    if (semver != null) {
      values.put("major", Long.toString(semver.major()));
      values.put("minor", Long.toString(semver.minor()));
      values.put("patch", Long.toString(semver.patch()));
    }
    boolean preRelease = semver != null && semver.isPreRelease();
    List<String> tags = tags(settings, mode, preRelease, values, problems);

    Map<String, String> buildArgs = new LinkedHashMap<>();
    putIfNamed(buildArgs, problems, "<versionArg> (-Ddocker.versionArg)", settings.versionArg(), version);
    putIfNamed(buildArgs, problems, "<dateArg> (-Ddocker.dateArg)", settings.dateArg(), date);
    putIfNamed(buildArgs, problems, "<archArg> (-Ddocker.archArg)", settings.archArg(), "{arch}");
    putIfNamed(buildArgs, problems, "<repositoryArg> (-Ddocker.repositoryArg)", settings.repositoryArg(),
        source == null ? "" : source);
    for (String allowed : new java.util.TreeSet<>(settings.allowedSecretBuildArgs())) {
      if (!BUILD_ARG_NAME.matcher(allowed).matches()) {
        problems.add("<allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs)", allowed, "is not a build arg name",
            "list the names of <buildArgs> entries, e.g. CACHE_TOKEN_URL");
      } else if (!settings.buildArgs().containsKey(allowed)) {
        problems.add("<allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs)", allowed, "is no <buildArgs> entry",
            "fix the name or remove it: it allows nothing");
      }
    }
    new TreeMap<>(settings.archAliases()).forEach((arch, alias) -> {
      if (blank(alias) || !alias.trim().matches("[a-z0-9]+(?:[._-][a-z0-9]+)*")) {
        problems.add("<archAliases><" + arch + ">", String.valueOf(alias), "is not an architecture name",
            "use lowercase letters, digits and '.', '_' or '-' between them, such as aarch64: it becomes part of "
                + "repository names and tags");
      }
    });
    if (epoch != null) {
      buildArgs.put("SOURCE_DATE_EPOCH", Long.toString(epoch));
    }
    new TreeMap<>(settings.buildArgs()).forEach((k, v) -> {
      if (blank(k)) {
        problems.add("<buildArgs>", String.valueOf(k), "has an empty name", "give every build arg a name");
      } else if (!BUILD_ARG_NAME.matcher(k).matches()) {
        problems.add("<buildArgs>", k, "is not a build arg name",
            "use letters, digits and '_', not starting with a digit, as the Dockerfile's ARG does");
      } else if (unknownPlaceholder(problems, "<buildArgs><" + k + ">", v, values)) {
        // reported
      } else if (SecretNames.looksSecret(k) && !settings.allowedSecretBuildArgs().contains(k)) {
        problems.addMessage("<buildArgs><" + k + "> looks like a secret, and build args stay in the image's history:"
            + " pass it as a BuildKit secret (<secrets><secret><id>" + k.toLowerCase(Locale.ROOT) + "</id><env>" + k
            + "</env></secret></secrets>, and RUN --mount=type=secret,id=" + k.toLowerCase(Locale.ROOT)
            + " in the Dockerfile), or, if it holds no secret, list it in <allowSecretBuildArgs> (-D"
            + "docker.allowSecretBuildArgs)");
      } else {
        buildArgs.put(k, v == null ? "" : Placeholders.replace(v, values));
      }
    });

    Map<String, String> labels = new LinkedHashMap<>();
    putLabel(labels, "created", date);
    putLabel(labels, "version", version);
    putLabel(labels, "revision", revision);
    putLabel(labels, "source", source);
    putLabel(labels, "url", blank(project.url()) ? source : project.url());
    putLabel(labels, "title", blank(project.name()) ? project.artifactId() : project.name());
    putLabel(labels, "description", project.description());
    putLabel(labels, "licenses", project.licenses().isEmpty() ? null : String.join(" OR ", project.licenses()));
    new TreeMap<>(settings.labels()).forEach((k, v) -> {
      if (blank(k)) {
        problems.add("<labels>", String.valueOf(k), "has an empty name", "give every label a name");
      } else if (!LABEL_NAME.matcher(k).matches()) {
        problems.add("<labels>", k, "is not a label name",
            "use letters, digits, '.', '-', '_' and '/', such as org.example.owner");
      } else if (!unknownPlaceholder(problems, "<labels><" + k + ">", v, values)) {
        labels.put(k, v == null ? "" : Placeholders.replace(v, values));
      }
    });

    problems.throwIfAny(image);
    return new BuildMetadata(mode, push, version, date, createdSource, epoch, revision, source, image, archImage,
        tags, buildArgs, labels, settings.archAliases());
  }

  /**
   * The modes whose builds push when {@code <push>} is not set: {@code <pushModes>}, by default
   * {@code release} alone, as release pipelines push, sign and publish only for a release (a branch
   * build that pushed would move a constant tag such as {@code 3.23} to an unreleased build).
   */
  private static java.util.Set<Mode> pushModes(MetadataSettings settings, Problems problems) {
    java.util.Set<Mode> modes = java.util.EnumSet.noneOf(Mode.class);
    if (settings.pushModes().isEmpty()) {
      modes.add(Mode.RELEASE);
      return modes;
    }
    for (String given : settings.pushModes()) {
      String word = given.trim();
      if (word.equalsIgnoreCase("none")) {
        continue;
      }
      Mode mode = java.util.Arrays.stream(Mode.values())
          .filter(m -> m.id().equalsIgnoreCase(word) || m.name().equalsIgnoreCase(word)).findFirst().orElse(null);
      if (mode == null) {
        problems.add("<pushModes> (-Ddocker.pushModes)", given, "is not a build mode",
            "list the modes whose builds push: release, branch, pull-request, local, or none");
      } else {
        modes.add(mode);
      }
    }
    return modes;
  }

  /** release tag on tag builds; else branch/PR in CI: short SHA; else the project version. */
  static Mode detectMode(CiEnvironment ci) {
    if (ci.releaseTag() != null) {
      return Mode.RELEASE;
    }
    if (ci.isPullRequest()) {
      return Mode.PULL_REQUEST;
    }
    return ci.isCi() ? Mode.BRANCH : Mode.LOCAL;
  }

  private static String version(
      MetadataSettings settings, ProjectInfo project, CiEnvironment ci, Mode mode, String shortRevision) {
    if (!blank(settings.version())) {
      return settings.version().trim();
    }
    if (settings.versionFromCi()) {
      if (mode == Mode.RELEASE && ci.releaseTag() != null) {
        String tag = ci.releaseTag();
        return tag.matches("[vV]\\d.*") ? tag.substring(1) : tag;
      }
      if ((mode == Mode.BRANCH || mode == Mode.PULL_REQUEST) && shortRevision != null) {
        return shortRevision;
      }
    }
    return project.version();
  }

  /** The placeholders a released semantic version gives ({@link SemVer}). */
  static final List<String> SEMVER_PLACEHOLDERS = List.of("{major}", "{minor}", "{patch}");

  /**
   * The tag patterns that give no tag for this version: those using {@code {major}},
   * {@code {minor}} or {@code {patch}} when the version is a pre-release or no semantic version
   * (a snapshot or a branch build must not move the {@code 1} and {@code 1.4} tags of releases),
   * as docker/metadata-action's semver tags do.
   */
  public static List<String> leftOutTags(List<String> patterns, String version) {
    if (SemVer.parse(version).filter(v -> !v.isPreRelease()).isPresent()) {
      return List.of();
    }
    return patterns.stream().filter(p -> p != null && SEMVER_PLACEHOLDERS.stream().anyMatch(p::contains))
        .map(String::trim).toList();
  }

  private static List<String> tags(MetadataSettings settings, Mode mode, boolean preRelease, Map<String, String> values,
      Problems problems) {
    List<String> patterns = settings.tags().isEmpty() ? List.of("{version}") : settings.tags();
    List<String> leftOut = leftOutTags(patterns, values.get("version"));
    Set<String> tags = new LinkedHashSet<>();
    int problemsBefore = problems.messages().size();
    if (patterns.stream().allMatch(MetadataCalculator::blank)) {
      problems.add("<tags> (-Ddocker.tags)", String.join(",", patterns), "holds no tag",
          "give at least one tag such as {version}, or leave <tags> unset for {version}");
      return List.of();
    }
    for (String pattern : patterns) {
      if (blank(pattern) || leftOut.contains(pattern.trim())) {
        continue;
      }
      String tag = Placeholders.replace(pattern.trim(), values);
      String unresolved = Placeholders.firstUnresolved(tag);
      if (unresolved != null) {
        problems.add("<tags> (-Ddocker.tags)", pattern, "uses the unknown placeholder " + unresolved,
            "use {version}, {major}, {minor}, {patch}, {projectVersion}, {sha}, {branch}, {mode} or {artifactId}");
      } else if (tag.isEmpty()) {
        continue;
      } else if (!ImageReference.isTag(tag)) {
        String fix = "use up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
        if (pattern.contains("{version}") && !ImageReference.isTag(values.get("version"))) {
          problems.add(blank(settings.version()) ? "<version> (the project's version)" : "<version> (-Ddocker.version)",
              values.get("version"), "is not a valid tag, and <tags> (-Ddocker.tags) uses it as {version}", fix);
        } else {
          problems.add("<tags> (-Ddocker.tags)", tag, "is not a valid tag", fix);
        }
      } else {
        tags.add(tag);
      }
    }
    String latest = blank(settings.latest()) ? "auto" : settings.latest().trim().toLowerCase(Locale.ROOT);
    switch (latest) {
      case "auto" -> {
        if (mode == Mode.RELEASE && !preRelease) {
          tags.add("latest");
        }
      }
      case "always" -> tags.add("latest");
      case "never" -> tags.remove("latest");
      default -> problems.add("<latest> (-Ddocker.latest)", latest, "is not a latest-tag rule",
          "use auto (on releases that are no pre-release), always or never");
    }
    if (tags.isEmpty() && problems.messages().size() == problemsBefore) {
      problems.add("<tags> (-Ddocker.tags)", String.join(",", patterns), "gives no tag"
              + (leftOut.isEmpty() ? "" : " for version " + values.get("version")
                  + " ({major}, {minor} and {patch} give tags to released semantic versions only)"),
          "give at least one tag, e.g. {version}");
    }
    return new ArrayList<>(tags);
  }

  /** Maven's outputTimestamp: ISO-8601 with offset, or seconds since the epoch. */
  static Instant parseOutputTimestamp(String text) {
    if (text.matches("\\d+")) {
      return Instant.ofEpochSecond(Long.parseLong(text));
    }
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new io.github.dockerbuild.config.InvalidValueException(
          "<project.build.outputTimestamp>", text, "is not a date",
          "use ISO-8601 with offset like 2026-01-01T00:00:00Z, or seconds since 1970");
    }
  }

  /**
   * The {@code project.build.outputTimestamp} Maven 4's super POM gives every project: no date of
   * the project's own, so it is taken as not set (images dated 1980 would say nothing).
   */
  public static final String MAVEN4_DEFAULT_TIMESTAMP = "1980-02-01T00:00:00Z";

  /** Whether the project's {@code project.build.outputTimestamp} is Maven 4's default, taken as not set. */
  public static boolean isMaven4Default(String outputTimestamp) {
    return outputTimestamp != null && outputTimestamp.trim().equals(MAVEN4_DEFAULT_TIMESTAMP);
  }

  /**
   * A one-character value (the idiom to switch off an inherited
   * {@code project.build.outputTimestamp}, e.g. {@code a} or {@code 1}) means "not set", and so does
   * Maven 4's default ({@link #MAVEN4_DEFAULT_TIMESTAMP}).
   */
  static boolean isSet(String outputTimestamp) {
    if (blank(outputTimestamp) || isMaven4Default(outputTimestamp)) {
      return false;
    }
    String v = outputTimestamp.trim();
    return v.length() >= 2;
  }

  /** An injected build arg, unless its name parameter is empty or {@code none}. */
  private static void putIfNamed(Map<String, String> args, Problems problems, String parameter, String name,
      String value) {
    if (blank(name) || name.trim().equalsIgnoreCase("none")) {
      return;
    }
    if (!BUILD_ARG_NAME.matcher(name.trim()).matches()) {
      problems.add(parameter, name, "is not a build arg name",
          "use letters, digits and '_', not starting with a digit, or none to inject no such build arg");
      return;
    }
    args.put(name.trim(), value);
  }

  private static void putLabel(Map<String, String> labels, String key, String value) {
    if (!blank(value)) {
      labels.put(OCI + key, value.trim());
    }
  }

  /** Placeholders a build arg or label value may hold: the metadata's, and those each platform resolves. */
  public static final List<String> PER_PLATFORM = List.of("arch", "platform", "tag", "image", "archImage", "scope");

  /** True (and one problem recorded) when {@code value} holds a placeholder that nothing resolves. */
  private static boolean unknownPlaceholder(Problems problems, String parameter, String value, Map<String, String> known) {
    Map<String, String> all = new LinkedHashMap<>(known);
    PER_PLATFORM.forEach(name -> all.put(name, ""));
    String unresolved = Placeholders.firstUnresolved(Placeholders.replace(value, all));
    if (unresolved == null) {
      return false;
    }
    problems.add(parameter, value, "uses the unknown placeholder " + unresolved, "use "
        + String.join(", ", all.keySet().stream().map(n -> "{" + n + "}").toList()));
    return true;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
