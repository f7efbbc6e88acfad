package io.github.dockerbuild.buildx;

/**
 * The result of one platform's build.
 *
 * @param platform the platform
 * @param succeeded whether buildx exited 0
 * @param reference the per-arch reference pushed, or the local tag loaded, or null
 * @param digest the image (or per-arch index) digest buildx reported, or null
 * @param error one line on why it failed, or null
 * @param millis how long the build took
 */
public record PlatformResult(
    Platform platform, boolean succeeded, String reference, String digest, String error, long millis) {}
