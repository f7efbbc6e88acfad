package io.github.dockerbuild.publish;

import java.util.Map;
import java.util.LinkedHashMap;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.nio.file.Files;
import java.io.IOException;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.record.RecordStore;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.domain.PublishPlan;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.ManifestTemplate;
import io.github.dockerbuild.registry.OciIndexTemplate;
import io.github.dockerbuild.registry.PlatformTemplate;
import io.github.dockerbuild.registry.RawManifest;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.registry.RegistryException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The publish stage, like {@code docker buildx imagetools create} but in a safe order: every
 * expected platform must be present; children (and their blobs) are in the target repository
 * before the index; the index is serialized once, pushed once by digest, then every tag is pointed
 * at those same bytes. A failure before the tags leaves every tag where it was.
 */
public final class PublishService {
  /** What was published, beside the record: {@code image@digest}, then each {@code image:tag}. */
  public static final String PUBLISHED_FILE = "published.txt";

  private final RegistryClient client;
  private final StepRunner steps;
  private final BuildLog log;

  public PublishService(RegistryClient client, StepRunner steps, BuildLog log) {
    this.client = client;
    this.steps = steps;
    this.log = log;
  }

  /**
   * Executes the plan's publish: the platforms of the plan (else those the build record holds), each
   * one's source (a digest given, this build's result, else its per-arch tag), the index and every
   * tag; then the record and {@code published.txt} beside it ({@code image@digest}, then each tag).
   *
   * @throws io.github.dockerbuild.config.InvalidValueException when no platform is known
   */
  public PublishResult run(PublishPlan plan, BuildMetadata metadata, RecordStore store, String module)
      throws InterruptedException, IOException {
    BuildRecord record = store.read().orElse(null);
    List<Platform> platforms = plan.platforms();
    if (platforms.isEmpty() && record != null && record.build() != null) {
      platforms = record.build().platforms().stream().map(PlatformResult::platform).toList();
    }
    if (platforms.isEmpty()) {
      throw new InvalidValueException("<platforms> (-Ddocker.platforms)", "", "is empty and there is no build record",
          "list the platforms the index must hold");
    }
    Map<Platform, Digest> given = new LinkedHashMap<>();
    plan.digests().forEach((platform, digest) -> given.put(platform, Digest.parse(digest)));
    PublishSpec spec = new PublishSpec(plan.image(), plan.tags(), platforms,
        SourceResolver.resolve(metadata, platforms, record, given), plan.annotations(), plan.allowPartial(),
        plan.dryRun());
    PublishResult result = publish(spec);
    store.update(module, r -> r.withMetadata(metadata).withPublish(new BuildRecord.Publish(
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), result.indexDigest(), result.references(),
        result.children(), result.dryRun())));
    if (!result.dryRun()) {
      List<String> lines = new ArrayList<>();
      lines.add(plan.image() + "@" + result.indexDigest());
      lines.addAll(result.references());
      Files.write(store.file().resolveSibling(PUBLISHED_FILE), lines, StandardCharsets.UTF_8);
    }
    return result;
  }

  /** One per-arch image as pulled: the platform, where it came from, and its bytes. */
  record Child(Platform platform, ImageRef source, RawManifest manifest) {}

  public PublishResult publish(PublishSpec spec) throws InterruptedException {
    ImageRef target = ImageRef.parse(spec.image());
    List<Platform> missing = spec.platforms().stream().filter(p -> !spec.sources().containsKey(p)).toList();
    if (!missing.isEmpty() && !spec.allowPartial()) {
      throw new PublishException("image " + spec.image() + ": no per-arch image for "
          + missing.stream().map(Platform::toString).collect(Collectors.joining(", "))
          + " (its build failed or did not run); no tag was moved: build every platform first, or set "
          + "<allowPartial>true (-Ddocker.publish.allowPartial) to publish the others");
    }
    if (spec.tags().isEmpty()) {
      throw new PublishException("image " + spec.image() + ": no tag to publish: give <tags> (-Ddocker.tags)");
    }
    List<Platform> present = spec.platforms().stream().filter(spec.sources()::containsKey).toList();
    if (present.isEmpty()) {
      throw new PublishException("image " + spec.image() + ": none of the platforms " + spec.platforms()
          + " has a per-arch image: run the build goal first");
    }
    if (!missing.isEmpty()) {
      log.warn("image " + spec.image() + ": publishing without " + missing + " (allowPartial)");
    }

    List<Child> children = pullChildren(spec, present);
    List<DescriptorTemplate> descriptors = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (Child child : children) {
      descriptors.addAll(descriptorsOf(child));
      lines.add(child.platform() + " " + child.manifest().digest().value() + " (from " + child.source() + ")");
    }
    RawManifest index = RawManifest.of(OciIndexTemplate.of(descriptors,
        spec.annotations().isEmpty() ? null : spec.annotations()));
    List<String> references = spec.tags().stream().map(t -> target.withTag(t).toString()).toList();
    String json = new String(index.bytes(), StandardCharsets.UTF_8);

    if (spec.dryRun()) {
      log.info("dry run: would publish " + target.withDigest(index.digest()).toString() + " as "
          + String.join(", ", references));
      lines.forEach(l -> log.info("dry run:   child " + l));
      log.info("dry run: index " + json);
      return new PublishResult(index.digest().value(), references, lines, 0, client.counter().total().requests(),
          client.counter().total().bytesUploaded(), true, json);
    }

    int copied = 0;
    try {
      for (Child child : children) {
        copied += copyInto(child, target);
      }
      pushUnlessPresent(target.withDigest(index.digest()), index);
    } catch (RegistryException e) {
      throw new PublishException("image " + spec.image() + ": " + e.getMessage()
          + "; no tag was moved", e);
    }
    List<String> moved = new ArrayList<>();
    for (String tag : spec.tags()) {
      try {
        pushUnlessPresent(target.withTag(tag), index);
        moved.add(target.withTag(tag).toString());
      } catch (RegistryException e) {
        throw new PublishException("image " + spec.image() + ": " + e.getMessage() + "; index "
            + index.digest().value() + " is complete in the registry; tags moved so far: "
            + (moved.isEmpty() ? "none" : String.join(", ", moved)) + "; run publish again to move the rest", e);
      }
    }
    readBack(spec, target, index);
    log.info("published " + target.withDigest(index.digest()).toString() + " (" + children.size()
        + " platforms) as " + String.join(", ", references));
    return new PublishResult(index.digest().value(), references, lines, copied, client.counter().total().requests(),
        client.counter().total().bytesUploaded(), false, json);
  }

  /**
   * Reads every tag back once all are moved: a registry has no compare-and-swap, so two publishes of
   * the same tags at once can leave them split across two indexes, each run thinking it won. A tag
   * that another writer moved in between fails this run, naming the tag and both digests, so a green
   * CI run always means its tags point at its index.
   */
  private void readBack(PublishSpec spec, ImageRef target, RawManifest index) {
    List<String> moved = new ArrayList<>();
    for (String tag : spec.tags()) {
      Digest now;
      try {
        now = client.checkManifest(target.withTag(tag)).map(info -> info.digest()).orElse(null);
      } catch (RegistryException e) {
        throw new PublishException("image " + spec.image() + ": tag " + tag + " cannot be read back after publishing"
            + " index " + index.digest().value() + ": " + e.getMessage() + "; run publish again to check it", e);
      }
      if (!index.digest().equals(now)) {
        moved.add(tag + " now points at " + (now == null ? "nothing" : now.value()));
      }
    }
    if (!moved.isEmpty()) {
      throw new PublishException("image " + spec.image() + ": another writer moved tags after this publish moved them"
          + " to " + index.digest().value() + ": " + String.join(", ", moved) + "; two publishes of these tags ran at"
          + " once: run this one again (or the other) so every tag points at one index");
    }
  }

  /** Pushes unless the reference already names these exact bytes: a re-run uploads nothing. */
  private void pushUnlessPresent(ImageRef ref, RawManifest manifest) {
    boolean present = client.checkManifest(ref).map(info -> info.digest().equals(manifest.digest())).orElse(false);
    if (!present) {
      client.pushManifest(ref, manifest);
    }
  }

  /** Pulls every child in parallel, keeping platform order. */
  private List<Child> pullChildren(PublishSpec spec, List<Platform> present) throws InterruptedException {
    List<StepRunner.Step<Child>> work = new ArrayList<>();
    for (Platform platform : present) {
      ImageRef source = spec.sources().get(platform);
      work.add(new StepRunner.Step<>(platform.toString(), () -> {
        return new Child(platform, source, client.pullManifest(source));
      }));
    }
    List<Child> children = new ArrayList<>();
    for (StepRunner.Outcome<Child> outcome : steps.run(work)) {
      if (!outcome.succeeded()) {
        throw new PublishException("image " + spec.image() + ": cannot read the " + outcome.name()
            + " image " + spec.sources().get(Platform.parse(outcome.name())) + ": "
            + outcome.failure().getMessage() + "; no tag was moved", outcome.failure());
      }
      children.add(outcome.value());
    }
    return children;
  }

  /**
   * The index entries of one child: the image manifest with the child's platform, or, when buildx
   * pushed an index (image + attestations), every entry of it, so attestations stay with their image.
   */
  static List<DescriptorTemplate> descriptorsOf(Child child) {
    if (!child.manifest().isIndex()) {
      Platform p = child.platform();
      return List.of(child.manifest().descriptor()
          .withPlatform(PlatformTemplate.of(p.os(), p.architecture(), p.variant())));
    }
    return child.manifest().toIndex().manifests();
  }

  /** Brings a child's blobs and manifests into the target repository; returns blobs moved. */
  private int copyInto(Child child, ImageRef target) {
    if (sameRepository(child.source(), target)) {
      return 0;
    }
    int moved = 0;
    // the manifests an index child holds are read only here, when they must be copied
    List<RawManifest> manifests = new ArrayList<>();
    if (child.manifest().isIndex()) {
      for (DescriptorTemplate d : child.manifest().toIndex().manifests()) {
        manifests.add(client.pullManifest(child.source().withDigest(d.toDigest())));
      }
    } else {
      manifests.add(child.manifest());
    }
    for (RawManifest manifest : manifests) {
      if (manifest.isIndex()) {
        continue;
      }
      ManifestTemplate m = manifest.toManifest();
      List<DescriptorTemplate> blobs = new ArrayList<>(m.layers());
      blobs.add(0, m.config());
      for (DescriptorTemplate blob : blobs) {
        if (client.ensureBlob(child.source(), target, blob.toDigest()) != RegistryClient.BlobTransfer.EXISTED) {
          moved++;
        }
      }
      pushUnlessPresent(target.withDigest(manifest.digest()), manifest);
    }
    if (child.manifest().isIndex()) {
      pushUnlessPresent(target.withDigest(child.manifest().digest()), child.manifest());
    }
    return moved;
  }

  private static boolean sameRepository(ImageRef a, ImageRef b) {
    return a.registry().equals(b.registry()) && a.repository().equals(b.repository());
  }
}
