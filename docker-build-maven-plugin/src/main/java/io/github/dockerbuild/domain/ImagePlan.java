package io.github.dockerbuild.domain;

import java.util.List;

/**
 * The build of one image: what every platform shares, then each platform resolved.
 *
 * @param contextDirectory the build context
 * @param dockerfile the Dockerfile
 * @param tags the multi-arch tags, primary first
 * @param push whether per-arch images are pushed (else the native one is loaded)
 * @param nativePlatform the engine's own platform, loaded when not pushing
 * @param secrets the ids of BuildKit secrets (never their values)
 * @param timeoutSeconds how long one platform's build may take
 * @param platforms each platform's build, in build order
 */
public record ImagePlan(
    String contextDirectory,
    String dockerfile,
    List<String> tags,
    boolean push,
    Platform nativePlatform,
    List<String> secrets,
    long timeoutSeconds,
    List<PlatformPlan> platforms) {

  public ImagePlan {
    tags = List.copyOf(tags);
    secrets = List.copyOf(secrets);
    platforms = List.copyOf(platforms);
  }
}
