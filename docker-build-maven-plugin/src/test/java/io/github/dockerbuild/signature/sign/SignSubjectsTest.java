package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.domain.SignTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.domain.Platform;
import io.github.dockerbuild.domain.PlatformResult;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.registry.DescriptorTemplate;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.MediaTypes;
import io.github.dockerbuild.registry.OciIndexTemplate;
import io.github.dockerbuild.registry.PlatformTemplate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SignSubjectsTest {
  private static final String IMAGE = "127.0.0.1:5000/it/app";
  private static final String INDEX = Digest.of(new byte[] {0}).value();
  private static final String AMD64 = Digest.of(new byte[] {1}).value();
  private static final String ARM64 = Digest.of(new byte[] {2}).value();
  private static final OciIndexTemplate NO_INDEX = null;
  private static final Set<SignTarget> BOTH = EnumSet.allOf(SignTarget.class);

  private static BuildRecord.Build build(String archRepository) {
    return new BuildRecord.Build("t", "0.13", true, List.of(
        new PlatformResult(Platform.parse("linux/amd64"), true, archRepository + ":1.0-amd64", AMD64, null, 1),
        new PlatformResult(Platform.parse("linux/arm64"), true, archRepository + ":1.0-arm64", ARM64, null, 1),
        new PlatformResult(Platform.parse("linux/s390x"), false, null, null, "failed", 1)));
  }

  private static BuildRecord.Publish publish(boolean dryRun) {
    return new BuildRecord.Publish("t", INDEX, List.of(IMAGE + ":1.0"),
        List.of("linux/amd64 " + AMD64 + " (from x)", "linux/arm64 " + ARM64 + " (from x)"), dryRun);
  }

  private static BuildRecord record(BuildRecord.Build build, BuildRecord.Publish publish) {
    return BuildRecord.empty("g:a").withBuild(build).withPublish(publish);
  }

  @Test
  void indexAndPlatforms_byDigest_eachPlatformWhereItLivesAndWherePublishCopiedIt() {
    List<SignSubject> subjects =
        SignSubjects.resolve(IMAGE, record(build("127.0.0.1:5000/it/arch-app"), publish(false)), BOTH, NO_INDEX);

    assertThat(subjects).extracting(s -> s.image().toString() + " " + s.platform()).containsExactly(
        IMAGE + "@" + INDEX + " null",
        "127.0.0.1:5000/it/arch-app@" + AMD64 + " linux/amd64",
        IMAGE + "@" + AMD64 + " linux/amd64",
        "127.0.0.1:5000/it/arch-app@" + ARM64 + " linux/arm64",
        IMAGE + "@" + ARM64 + " linux/arm64");
  }

  @Test
  void perArchRepositoriesOfTheirOwn_homeAssistantStyle_eachSignedInItsRepository() {
    BuildRecord.Build build = new BuildRecord.Build("t", "0.13", true, List.of(
        new PlatformResult(Platform.parse("linux/amd64"), true, "ghcr.io/o/amd64-base:3.23", AMD64, null, 1),
        new PlatformResult(Platform.parse("linux/arm64"), true, "ghcr.io/o/aarch64-base:3.23", ARM64, null, 1)));

    List<SignSubject> subjects = SignSubjects.resolve("ghcr.io/o/base", record(build, null),
        EnumSet.of(SignTarget.PLATFORMS), NO_INDEX);

    assertThat(subjects).extracting(s -> s.image().toString())
        .containsExactly("ghcr.io/o/amd64-base@" + AMD64, "ghcr.io/o/aarch64-base@" + ARM64);
  }

  @Test
  void aSharedRepository_eachPlatformSignedOnce() {
    List<SignSubject> subjects = SignSubjects.resolve(IMAGE, record(build(IMAGE), publish(false)),
        EnumSet.of(SignTarget.PLATFORMS), NO_INDEX);

    assertThat(subjects).extracting(s -> s.image().toString()).containsExactly(IMAGE + "@" + AMD64, IMAGE + "@" + ARM64);
  }

  @Test
  void perArchIndexesFlattenedByPublish_theIndexChildIsSignedToo_notTheAttestations() {
    String amd64Manifest = Digest.of(new byte[] {3}).value();
    String attestation = Digest.of(new byte[] {4}).value();
    OciIndexTemplate published = OciIndexTemplate.of(List.of(
        child(amd64Manifest, PlatformTemplate.of("linux", "amd64", null)),
        child(ARM64, PlatformTemplate.of("linux", "arm64", null)),
        child(attestation, PlatformTemplate.of("unknown", "unknown", null))), null);

    List<SignSubject> subjects = SignSubjects.resolve(IMAGE, record(build(IMAGE), publish(false)),
        EnumSet.of(SignTarget.PLATFORMS), published);

    assertThat(subjects).extracting(s -> s.image().digest().value() + " " + s.platform()).containsExactly(
        AMD64 + " linux/amd64", amd64Manifest + " linux/amd64", ARM64 + " linux/arm64");
  }

  private static DescriptorTemplate child(String digest, PlatformTemplate platform) {
    return new DescriptorTemplate(MediaTypes.OCI_MANIFEST, digest, 100, platform, null, null);
  }

  @Test
  void platformsWithoutPublish_stayInTheRepositoryBuildPushedTo() {
    List<SignSubject> subjects = SignSubjects.resolve(IMAGE, record(build("127.0.0.1:5000/it/arch-app"), null),
        EnumSet.of(SignTarget.PLATFORMS), NO_INDEX);

    assertThat(subjects).extracting(s -> s.image().toString())
        .containsExactly("127.0.0.1:5000/it/arch-app@" + AMD64, "127.0.0.1:5000/it/arch-app@" + ARM64);
  }

  static Stream<Arguments> missing() {
    return Stream.of(
        Arguments.of("no record", null, BOTH, "image " + IMAGE + ": the build record has no published index to sign: run"
            + " publish first (mvn deploy runs both), or sign only the platforms (-Ddocker.sign.subjects=platforms)"),
        Arguments.of("dry-run publish", record(build(IMAGE), publish(true)), EnumSet.of(SignTarget.INDEX),
            "image " + IMAGE + ": the last publish was a dry run, the index " + INDEX + " is not in the registry: publish"
                + " without -Ddocker.publish.dryRun first"),
        Arguments.of("no build", record(null, publish(false)), EnumSet.of(SignTarget.PLATFORMS),
            "image " + IMAGE + ": the build record has no pushed per-arch images to sign: run build with push in this"
                + " module first, or sign only the index (-Ddocker.sign.subjects=index)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missing")
  void resolve_saysWhichGoalIsMissing(String name, BuildRecord record, Set<SignTarget> kinds, String message) {
    assertThatThrownBy(() -> SignSubjects.resolve(IMAGE, record, kinds, NO_INDEX))
        .isInstanceOf(SignException.class).hasMessage(message);
  }

  static Stream<Arguments> selections() {
    return Stream.of(
        Arguments.of(List.of("index"), EnumSet.of(SignTarget.INDEX), null),
        Arguments.of(List.of("Platforms", " index "), BOTH, null),
        Arguments.of(List.of("tags"), null, "<signSubjects> 'tags' is not a subject to sign: use index, platforms or both"),
        Arguments.of(List.of(), null,
            "<signSubjects> '' selects nothing to sign: use index, platforms or both (or skip the goal)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selections")
  void parse(List<String> values, Set<SignTarget> expected, String message) {
    if (message == null) {
      assertThat(SignSubjects.parse(values, "<signSubjects>")).isEqualTo(expected);
    } else {
      assertThatThrownBy(() -> SignSubjects.parse(values, "<signSubjects>"))
          .isInstanceOf(InvalidValueException.class).hasMessage(message);
    }
  }
}
