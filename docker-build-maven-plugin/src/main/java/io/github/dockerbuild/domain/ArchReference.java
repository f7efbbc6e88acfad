package io.github.dockerbuild.domain;

import io.github.dockerbuild.config.Placeholders;
import java.util.Map;

/**
 * Where a per-arch image lives: the {@code archImage} repository pattern with the primary tag; when
 * the pattern has no {@code {arch}} (all platforms share one repository) the tag gets an
 * {@code -ARCH} suffix so platforms do not collide. The build pushes there; publish reads there.
 */
public final class ArchReference {
  private ArchReference() {}

  /**
   * @param image the multi-arch repository
   * @param archImage the per-arch repository pattern ({@code {image}}, {@code {arch}})
   * @param primaryTag the first tag
   * @param arch the architecture name (after aliases)
   */
  public static String of(String image, String archImage, String primaryTag, String arch) {
    String repo = Placeholders.replace(archImage, Map.of("arch", arch, "image", image));
    String tag = archImage.contains("{arch}") ? primaryTag : primaryTag + "-" + arch;
    return repo + ":" + tag;
  }
}
