package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.domain.SignTarget;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.OciIndexTemplate;
import io.github.dockerbuild.registry.PlatformTemplate;
import io.github.dockerbuild.registry.RawManifest;
import io.github.dockerbuild.registry.RegistryClient;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which digests to sign, from the build record: the index digest that publish pushed, and the
 * per-arch digests that build pushed. A per-arch image is signed in the repository buildx pushed it
 * to (so {@code cosign verify ghcr.io/o/aarch64-base:3.23} finds its signature, and the next build's
 * cache policy can verify it), and also in the image's repository when publish copied it there (a
 * platform-specific pull of the multi-arch image resolves to it). When buildx made each per-arch
 * image an index of its own (with a provenance attestation), publish lists the platform's image
 * manifest in the multi-arch index instead: that manifest, the digest a platform-specific pull
 * resolves to, is signed too (as {@code cosign sign --recursive} would). Never a tag: a tag can
 * move between signing and verifying.
 */
public final class SignSubjects {
  private SignSubjects() {}

  /**
   * @param parameter the POM element and property, for the message
   * @throws InvalidValueException for an unknown or empty selection
   */
  public static Set<SignTarget> parse(List<String> values, String parameter) {
    Set<SignTarget> kinds = EnumSet.noneOf(SignTarget.class);
    for (String value : values) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      switch (v) {
        case "index" -> kinds.add(SignTarget.INDEX);
        case "platforms" -> kinds.add(SignTarget.PLATFORMS);
        default -> throw new InvalidValueException(parameter, value, "is not a subject to sign",
            "use index, platforms or both");
      }
    }
    if (kinds.isEmpty()) {
      throw new InvalidValueException(parameter, String.join(",", values), "selects nothing to sign",
          "use index, platforms or both (or skip the goal)");
    }
    return kinds;
  }

  /**
   * Resolves the subjects, reading the published index from the registry when per-arch images are
   * to be signed.
   *
   * @see #resolve(String, BuildRecord, Set, OciIndexTemplate)
   */
  public static List<SignSubject> resolve(String image, BuildRecord record, Set<SignTarget> kinds, RegistryClient client) {
    BuildRecord.Publish publish = record == null ? null : record.publish();
    OciIndexTemplate published = null;
    if (kinds.contains(SignTarget.PLATFORMS) && publish != null && !publish.dryRun() && publish.indexDigest() != null) {
      RawManifest index = client.pullManifest(ImageRef.parse(image).withDigest(Digest.parse(publish.indexDigest())));
      published = index.isIndex() ? index.toIndex() : null;
    }
    return resolve(image, record, kinds, published);
  }

  /**
   * @param image the multi-arch repository, e.g. {@code ghcr.io/org/app}
   * @param record the build record, or null when there is none
   * @param published the index publish pushed, or null
   * @throws SignException when the record lacks what the selection needs, saying which goal makes it
   */
  public static List<SignSubject> resolve(String image, BuildRecord record, Set<SignTarget> kinds,
      OciIndexTemplate published) {
    ImageRef repository = ImageRef.parse(image);
    BuildRecord.Publish publish = record == null ? null : record.publish();
    List<SignSubject> subjects = new ArrayList<>();
    if (kinds.contains(SignTarget.INDEX)) {
      if (publish == null || publish.indexDigest() == null) {
        throw new SignException("image " + image + ": the build record has no published index to sign: run publish"
            + " first (mvn deploy runs both), or sign only the platforms (-Ddocker.sign.subjects=platforms)");
      }
      if (publish.dryRun()) {
        throw new SignException("image " + image + ": the last publish was a dry run, the index "
            + publish.indexDigest() + " is not in the registry: publish without -Ddocker.publish.dryRun first");
      }
      subjects.add(new SignSubject(repository.withDigest(Digest.parse(publish.indexDigest())), null));
    }
    if (kinds.contains(SignTarget.PLATFORMS)) {
      if (record == null || record.build() == null || !record.build().pushed()) {
        throw new SignException("image " + image + ": the build record has no pushed per-arch images to sign: run"
            + " build with push in this module first, or sign only the index (-Ddocker.sign.subjects=index)");
      }
      for (PlatformResult result : record.build().platforms()) {
        if (!result.succeeded() || result.digest() == null) {
          continue;
        }
        Digest digest = Digest.parse(result.digest());
        boolean inIndex = publish != null && !publish.dryRun()
            && publish.children().stream().anyMatch(child -> child.contains(digest.value()));
        String platform = result.platform().toString();
        ImageRef pushedTo = result.reference() == null ? null : repositoryOf(ImageRef.parse(result.reference()));
        if (pushedTo != null) {
          // where the per-arch image lives: cosign verify ARCH_REPO:TAG finds the signature there
          subjects.add(new SignSubject(pushedTo.withDigest(digest), platform));
        }
        if ((inIndex || pushedTo == null) && !repositoryOf(repository).equals(pushedTo)) {
          subjects.add(new SignSubject(repository.withDigest(digest), platform));
        }
        if (inIndex && published != null) {
          published.manifests().stream()
              .filter(child -> child.platform() != null && platform.equals(name(child.platform())))
              .map(DescriptorTemplate::toDigest)
              .filter(child -> !child.equals(digest))
              .forEach(child -> subjects.add(new SignSubject(repository.withDigest(child), platform)));
        }
      }
    }
    return subjects;
  }

  /** The repository of a reference, without tag or digest, comparable with {@link ImageRef#parse}'s. */
  private static ImageRef repositoryOf(ImageRef ref) {
    return new ImageRef(ref.registry(), ref.repository(), null, null);
  }

  private static String name(PlatformTemplate p) {
    return p.os() + "/" + p.architecture() + (p.variant() == null ? "" : "/" + p.variant());
  }
}
