package io.github.dockerbuild.metadata;

import java.util.regex.Pattern;

/** Syntax of repository names and tags (the distribution reference grammar). */
public final class ImageReference {
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String DOMAIN =
      "(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
          + "|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?";
  private static final Pattern REPOSITORY =
      Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  private ImageReference() {}

  /** A repository name without tag or digest, e.g. {@code ghcr.io/org/app} or {@code localhost:5000/app}. */
  public static boolean isRepository(String name) {
    return name != null && name.length() <= 255 && REPOSITORY.matcher(name).matches();
  }

  public static boolean isTag(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }

  /** Makes a tag out of free text (a branch name): invalid characters become {@code -}. */
  public static String sanitizeTag(String text) {
    String tag = text.replaceAll("[^\\w.-]", "-").replaceAll("^[.-]+", "");
    return tag.length() > 128 ? tag.substring(0, 128) : tag;
  }
}
