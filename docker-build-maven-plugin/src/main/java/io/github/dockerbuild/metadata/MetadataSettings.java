package io.github.dockerbuild.metadata;

import io.github.dockerbuild.config.Values;
import java.util.List;
import java.util.Map;

/**
 * The metadata parameters as configured (POM and {@code -D}), before anything is computed. Null or
 * blank means "not set".
 *
 * @param image the multi-arch repository ({@code docker.image})
 * @param archImage per-arch repository pattern ({@code docker.archImage}), default {@code {image}}
 * @param tags tag patterns, primary first ({@code docker.tags})
 * @param latest {@code auto} (on releases), {@code always} or {@code never}
 * @param version an explicit version ({@code docker.version})
 * @param versionFromCi derive the version from CI (release tag, or short SHA on branch/PR builds)
 * @param mode {@code auto}, {@code release}, {@code branch}, {@code pull-request} or {@code local}
 * @param push explicit push decision, null to follow the mode
 * @param revision explicit commit, null to ask CI or git
 * @param buildArgs user build args
 * @param labels user labels
 * @param archAliases Docker arch name (or platform) to the name used in {@code {arch}}/BUILD_ARCH
 * @param versionArg name of the injected version build arg (blank: not injected)
 * @param dateArg name of the injected date build arg
 * @param archArg name of the injected architecture build arg
 * @param repositoryArg name of the injected repository build arg
 * @param allowedSecretBuildArgs secret-looking build arg names allowed anyway
 * @param pushModes the modes whose builds push, sign and publish when {@code push} is not set;
 *     empty: {@code release} only
 */
public record MetadataSettings(
    String image,
    String archImage,
    List<String> tags,
    String latest,
    String version,
    boolean versionFromCi,
    String mode,
    Boolean push,
    String revision,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    Map<String, String> archAliases,
    String versionArg,
    String dateArg,
    String archArg,
    String repositoryArg,
    java.util.Set<String> allowedSecretBuildArgs,
    List<String> pushModes) {
  public MetadataSettings {
    // blanks are kept: tags that are all blank are an error, not the default
    tags = tags == null ? List.of() : tags.stream().map(t -> t == null ? "" : t).toList();
    buildArgs = Values.map(buildArgs);
    labels = Values.map(labels);
    archAliases = Values.map(archAliases);
    allowedSecretBuildArgs = allowedSecretBuildArgs == null ? java.util.Set.of() : java.util.Set.copyOf(allowedSecretBuildArgs);
    pushModes = Values.list(pushModes);
  }
}
