package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.CacheEntry;
import io.github.dockerbuild.domain.DockerfileFacts;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.Secret;
import io.github.dockerbuild.record.BuildRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a build can be left out because nothing its image is made from changed since the last
 * build of the module, the way a compiler leaves out classes that are up to date.
 *
 * <p>What an image is made from, taken into one fingerprint: the plugin (its jar's size and time),
 * every value of the planned build (platforms, build args, labels, tags, outputs, cache sources,
 * secrets by id and source, never their values, nodes, target, attestations), the Dockerfile's
 * bytes, every file of the build context by path, size, modification time and permissions (what
 * {@code .dockerignore} leaves out and the plugin's own work directory left out, see {@link
 * DockerIgnore}), and the digest every external image the Dockerfile names resolves to now ({@code FROM},
 * {@code --from=}, {@code from=} of a mount, the {@code # syntax=} frontend). This is what BuildKit's
 * own cache keys on, so the build left out would have taken every step from its cache; secret
 * values, like BuildKit's cache, are not inputs.
 *
 * <p>The outputs must still be there: a pushing build's per-arch tags at the recorded digests in
 * their registries, a loading build's tags at the recorded image in the default engine.
 *
 * <p>Never left out: a build without cache, one that exports a cache (the export must run), one that
 * loads into another engine than the default one, one whose Dockerfile adds a remote source ({@code
 * ADD} of a URL or a git repository: only BuildKit can tell whether it changed), one naming an image
 * that does not resolve, and one whose last build failed a platform or whose outputs are gone.
 */
public final class UpToDate {
  private static final Pattern MOUNT_FROM = Pattern.compile("(?i)(?:^|[\\s,])(?:--)?from=([^,\\s]+)");

  private UpToDate() {}

  /**
   * What a build of a spec is made from.
   *
   * @param fingerprint the SHA-256 of the inputs, or null when the build cannot be left out
   * @param blocker why it cannot, or null
   * @param files how many context files went into the fingerprint
   * @param images how many external images did
   */
  public record Inputs(String fingerprint, String blocker, int files, int images) {
    static Inputs blocked(String why) {
      return new Inputs(null, why, 0, 0);
    }
  }

  /**
   * The decision: the last build's results when they stand for this build, or why not.
   *
   * @param results the last build's results, or null when the build runs
   * @param reason one line for the log: why it is left out, or why it runs
   */
  public record Decision(BuildRecord.Build results, String reason) {
    public boolean skip() {
      return results != null;
    }
  }

  /**
   * Decides whether the build of {@code spec} is left out.
   *
   * @param last the last build the module's record holds, or null
   * @param inputs this build's inputs ({@link #inputs})
   * @param digestOf what a reference resolves to in its registry now, empty when it does not
   * @param localIdOf the id of the image the default engine holds under a reference, empty when none
   */
  public static Decision decide(ImageSpec spec, BuildRecord.Build last, Inputs inputs,
      Function<String, Optional<String>> digestOf, Function<String, Optional<String>> localIdOf) {
    if (inputs.fingerprint() == null) {
      return new Decision(null, inputs.blocker());
    }
    if (last == null || last.inputs() == null) {
      return new Decision(null, "no earlier build of these inputs is recorded");
    }
    if (!last.inputs().equals(inputs.fingerprint())) {
      return new Decision(null, "what the image is made from changed since the build of " + last.finishedAt());
    }
    if (last.pushed() != spec.push() || last.platforms().size() != spec.platforms().size()) {
      return new Decision(null, "the last build had other outputs");
    }
    int checked = 0;
    for (PlatformResult result : last.platforms()) {
      if (!result.succeeded()) {
        return new Decision(null, "the last build failed " + result.platform());
      }
      Set<String> references = new java.util.LinkedHashSet<>();
      Function<String, Optional<String>> now;
      if (spec.push()) {
        references.add(result.reference());
        references.addAll(spec.archReferences(result.platform()));
        now = digestOf;
      } else if (result.platform().equals(spec.nativePlatform())) {
        references.addAll(spec.references()); // loaded under every tag
        now = localIdOf;
      } else {
        continue; // built into the builder's cache only: nothing to find
      }
      for (String reference : references) {
        Optional<String> found = reference == null || result.digest() == null ? Optional.empty() : now.apply(reference);
        if (found.isEmpty() || !found.get().equals(result.digest())) {
          return new Decision(null, reference + " no longer points at the image built on " + last.finishedAt());
        }
        checked++;
      }
    }
    return new Decision(last, "nothing it is made from changed since the build of " + last.finishedAt() + " ("
        + inputs.files() + " context file" + (inputs.files() == 1 ? "" : "s") + ", " + inputs.images()
        + " image" + (inputs.images() == 1 ? "" : "s") + " resolved, " + checked + (spec.push() ? " pushed" : " local")
        + " tag" + (checked == 1 ? "" : "s") + " checked)");
  }

  /**
   * The fingerprint of what a build of {@code spec} is made from, or why the build cannot be left
   * out.
   *
   * @param plugin the plugin's jar (or class directory), whose size and time are an input
   * @param workDir the plugin's work directory, left out of the context
   * @param digestOf what an image reference resolves to in its registry now, empty when it does not
   */
  public static Inputs inputs(ImageSpec spec, Path plugin, Path workDir, Function<String, Optional<String>> digestOf) {
    try {
      return read(spec, plugin, workDir, digestOf);
    } catch (IOException | java.io.UncheckedIOException e) {
      // the check never fails a build: what it cannot read, it cannot call unchanged
      return Inputs.blocked("the build's files could not all be read (" + e.getMessage() + ")");
    }
  }

  private static Inputs read(ImageSpec spec, Path plugin, Path workDir, Function<String, Optional<String>> digestOf)
      throws IOException {
    if (spec.noCache()) {
      return Inputs.blocked("noCache is set");
    }
    if (!spec.cacheTo().isEmpty()) {
      return Inputs.blocked("the build exports a cache");
    }
    if (!spec.push() && !spec.node(spec.nativePlatform()).equals(PlatformNode.DEFAULT)) {
      return Inputs.blocked("the image is loaded into another engine than the default one, which is not asked");
    }
    if (plugin == null || !Files.exists(plugin)) {
      return Inputs.blocked("the plugin's own jar is not known");
    }
    if (!Files.isRegularFile(spec.dockerfile()) || !Files.isDirectory(spec.contextDir())) {
      return Inputs.blocked("no Dockerfile or context to fingerprint");
    }
    String dockerfile = Files.readString(spec.dockerfile());
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("plugin", describeFile(plugin));
    lines.put("spec", describe(spec));
    lines.put("dockerfile", spec.dockerfile().toAbsolutePath().normalize() + " " + sha256(dockerfile.getBytes(StandardCharsets.UTF_8)));

    Set<String> images = new TreeSet<>();
    String blocker = externalImages(dockerfile, spec, images);
    if (blocker != null) {
      return Inputs.blocked(blocker);
    }
    StringBuilder resolved = new StringBuilder();
    for (String image : images) {
      Optional<String> digest = digestOf.apply(image);
      if (digest.isEmpty()) {
        return Inputs.blocked("image " + image + " did not resolve");
      }
      resolved.append(image).append('=').append(digest.get()).append('\n');
    }
    lines.put("images", resolved.toString());

    DockerIgnore ignore = DockerIgnore.of(spec.contextDir(), spec.dockerfile());
    StringBuilder files = new StringBuilder();
    int count = contextFiles(spec.contextDir(), ignore, workDir, files);
    lines.put("ignore", String.valueOf(ignore.text()));
    lines.put("context", spec.contextDir().toAbsolutePath().normalize() + "\n" + files);

    StringBuilder all = new StringBuilder();
    lines.forEach((k, v) -> all.append(k).append(": ").append(v).append('\n'));
    return new Inputs(sha256(all.toString().getBytes(StandardCharsets.UTF_8)), null, count, images.size());
  }

  /** Every value of the spec a build's output depends on, maps sorted, one line each. */
  static String describe(ImageSpec spec) {
    StringBuilder sb = new StringBuilder();
    sb.append("image ").append(spec.image()).append(" arch ").append(spec.archImage()).append(" tags ").append(spec.tags())
        .append(" archTags ").append(spec.archTags()).append('\n');
    sb.append("push ").append(spec.push()).append(" pull ").append(spec.pull()).append(" target ").append(spec.target())
        .append(" provenance ").append(spec.provenance()).append(" sbom ").append(spec.sbom())
        .append(" reproducible ").append(spec.reproducible()).append(" output ").append(spec.output()).append('\n');
    sb.append("cacheFrom ").append(spec.cacheFrom().stream().map(CacheEntry::toArg).toList())
        .append(" scope ").append(spec.cacheScope()).append('\n');
    sb.append("secrets ").append(spec.secrets().stream().map(Secret::toArg).sorted().toList()).append('\n');
    sb.append("defaultNode ").append(spec.defaultNode()).append('\n');
    for (Platform platform : spec.platforms()) {
      sb.append("platform ").append(platform).append(" node ").append(spec.node(platform))
          .append(" pool ").append(spec.pool(platform))
          .append(" refs ").append(spec.archReferences(platform))
          .append(" args ").append(new TreeMap<>(spec.buildArgs(platform)))
          .append(" labels ").append(new TreeMap<>(spec.labels(platform))).append('\n');
    }
    return sb.toString();
  }

  /**
   * Adds every external image the Dockerfile names, for every platform, to {@code images}; returns
   * why the build cannot be left out, or null.
   */
  static String externalImages(String dockerfile, ImageSpec spec, Set<String> images) {
    String syntax = DockerfileFacts.directives(dockerfile).get("syntax");
    if (syntax != null) {
      images.add(syntax);
    }
    DockerfileFacts facts = DockerfileFacts.parse(dockerfile);
    List<String> instructions = DockerfileFacts.instructions(dockerfile);
    for (Platform platform : spec.platforms()) {
      Map<String, String> values = new LinkedHashMap<>(facts.globalDefaults());
      values.putAll(spec.buildArgs(platform));
      values.put("TARGETPLATFORM", platform.toString());
      values.put("TARGETOS", platform.os());
      values.put("TARGETARCH", platform.architecture());
      values.put("TARGETVARIANT", platform.variant() == null ? "" : platform.variant());
      Set<String> stages = new TreeSet<>();
      for (DockerfileFacts.Stage stage : facts.stages()) {
        String from = DockerfileFacts.expand(stage.from(), values).strip();
        String blocker = addImage(from, stages, images);
        if (blocker != null) {
          return blocker;
        }
        stages.add(String.valueOf(stage.index()));
        if (stage.name() != null) {
          stages.add(stage.name().toLowerCase(Locale.ROOT));
        }
      }
      for (String instruction : instructions) {
        String keyword = instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (keyword.equals("ADD") && remoteSource(instruction)) {
          return "the Dockerfile ADDs a remote source (only BuildKit can tell whether it changed)";
        }
        if (keyword.equals("COPY") || keyword.equals("ADD") || keyword.equals("RUN")) {
          Matcher m = MOUNT_FROM.matcher(instruction);
          while (m.find()) {
            String from = DockerfileFacts.expand(unquote(m.group(1)), values).strip();
            String blocker = addImage(from, allStages(facts), images);
            if (blocker != null) {
              return blocker;
            }
          }
        }
      }
    }
    return null;
  }

  private static Set<String> allStages(DockerfileFacts facts) {
    Set<String> names = new TreeSet<>();
    for (DockerfileFacts.Stage stage : facts.stages()) {
      names.add(String.valueOf(stage.index()));
      if (stage.name() != null) {
        names.add(stage.name().toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static String addImage(String from, Set<String> stages, Set<String> images) {
    if (from.isEmpty() || from.contains("$")) {
      return "an image name in the Dockerfile has a variable the build args do not give";
    }
    if (from.equalsIgnoreCase("scratch") || stages.contains(from.toLowerCase(Locale.ROOT))) {
      return null;
    }
    images.add(from);
    return null;
  }

  private static boolean remoteSource(String instruction) {
    for (String word : instruction.split("\\s+")) {
      String w = unquote(word);
      if (w.startsWith("--")) {
        continue;
      }
      if (w.contains("://") || w.startsWith("git@")) {
        return true;
      }
    }
    return false;
  }

  private static String unquote(String word) {
    String w = word.strip();
    if (w.length() >= 2 && (w.charAt(0) == '"' || w.charAt(0) == '\'') && w.charAt(w.length() - 1) == w.charAt(0)) {
      return w.substring(1, w.length() - 1);
    }
    return w;
  }

  /**
   * Appends every file and directory of the context that {@code .dockerignore} keeps, but the work
   * directory, sorted by path; returns how many files.
   */
  static int contextFiles(Path contextDir, DockerIgnore ignore, Path workDir, StringBuilder out) throws IOException {
    Path root = contextDir.toAbsolutePath().normalize();
    Path skip = workDir == null ? null : workDir.toAbsolutePath().normalize();
    TreeMap<String, String> entries = new TreeMap<>();
    int[] files = {0};
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (dir.equals(skip)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (!dir.equals(root)) {
          String rel = relative(root, dir);
          if (ignore.prunes(rel)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (!ignore.excludes(rel)) {
            entries.put(rel + "/", mode(dir)); // COPY makes directories, empty ones too
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = relative(root, file);
        if (ignore.excludes(rel)) {
          return FileVisitResult.CONTINUE;
        }
        files[0]++;
        if (attrs.isSymbolicLink()) {
          entries.put(rel, "-> " + Files.readSymbolicLink(file));
        } else {
          entries.put(rel, attrs.size() + " " + attrs.lastModifiedTime().toInstant() + " " + mode(file));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    entries.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
    return files[0];
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }

  /** The file's permissions, which COPY keeps; empty where the file system has none. */
  private static String mode(Path file) throws IOException {
    try {
      return java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    } catch (UnsupportedOperationException e) {
      return "";
    }
  }

  private static String describeFile(Path file) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return file.getFileName() + " " + attrs.size() + " " + attrs.lastModifiedTime().toInstant();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
