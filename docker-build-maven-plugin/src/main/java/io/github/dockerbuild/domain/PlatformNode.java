package io.github.dockerbuild.domain;

/**
 * Where one platform is built: a buildx builder ({@code --builder}) and/or a docker context
 * ({@code docker --context NAME buildx build}, for a docker-driver builder of another engine).
 * Either may be null for the default.
 */
public record PlatformNode(String builder, String context) {
  public static final PlatformNode DEFAULT = new PlatformNode(null, null);
}
