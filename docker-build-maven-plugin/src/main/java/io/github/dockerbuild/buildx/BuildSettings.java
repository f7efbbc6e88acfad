package io.github.dockerbuild.buildx;

import io.github.dockerbuild.domain.Secret;
import io.github.dockerbuild.domain.PlatformNode;
import io.github.dockerbuild.config.Values;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The build parameters as configured (POM and {@code -D}), unparsed. Null or blank means "not set".
 *
 * @param name a short name for logs and files (the Maven module's artifactId)
 * @param contextDir the build context
 * @param dockerfile the Dockerfile
 * @param platforms platform names; empty means the engine's own platform
 * @param pull always pull base images
 * @param noCache build without cache
 * @param target a Dockerfile stage
 * @param compression {@code zstd}, {@code gzip}, {@code estargz} or {@code uncompressed}
 * @param compressionLevel the level, null for BuildKit's default
 * @param forceCompression recompress layers of base images too
 * @param ociMediaTypes OCI media types for pushed images
 * @param cacheFrom cache sources in buildx CSV form, with placeholders
 * @param cacheTo cache exports in buildx CSV form, with placeholders
 * @param cacheExport {@code auto} (on in CI only), {@code true} or {@code false}
 * @param cacheScope the value of {@code {scope}}
 * @param secrets BuildKit secrets
 * @param provenance {@code --provenance} value, null for buildx's default
 * @param sbom {@code --sbom} value, null for buildx's default
 * @param builder the default buildx builder
 * @param context the default docker context
 * @param nodes platform name to the builders/contexts it may build on, in order of preference
 * @param timeoutSeconds how long one platform may build
 * @param archTags which tags each per-arch repository gets: {@code auto}, {@code all} or {@code primary}
 * @param reproducible {@code auto} (when the build has a {@code SOURCE_DATE_EPOCH} and pushes), {@code true} or {@code false}
 * @param retryOnAnotherNode build a platform again on another node of its pool when it failed on one
 *     for a reason that is not the build's own
 */
public record BuildSettings(
    String name,
    Path contextDir,
    Path dockerfile,
    List<String> platforms,
    boolean pull,
    boolean noCache,
    String target,
    String compression,
    Integer compressionLevel,
    boolean forceCompression,
    boolean ociMediaTypes,
    List<String> cacheFrom,
    List<String> cacheTo,
    String cacheExport,
    String cacheScope,
    List<Secret> secrets,
    String provenance,
    String sbom,
    String builder,
    String context,
    Map<String, List<PlatformNode>> nodes,
    long timeoutSeconds,
    String archTags,
    String reproducible,
    boolean retryOnAnotherNode) {
  public BuildSettings {
    platforms = Values.list(platforms);
    cacheFrom = Values.list(cacheFrom);
    cacheTo = Values.list(cacheTo);
    secrets = Values.list(secrets);
    nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
  }
}
