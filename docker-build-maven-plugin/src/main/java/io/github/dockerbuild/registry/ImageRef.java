package io.github.dockerbuild.registry;

import io.github.dockerbuild.config.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed image reference, {@code [host[:port]/]path[:tag][@sha256:hex]}, normalized the way the
 * distribution reference library ({@code reference.ParseNormalizedNamed}) does: the first path
 * component is a registry host when it contains a dot or a colon, is {@code localhost}, or has an
 * upper-case letter; otherwise the image is on Docker Hub and a single-component name gets
 * {@code library/}. Docker Hub's API host is {@link #DOCKER_HUB}.
 *
 * @param registry the host (and port) to talk to, e.g. {@code ghcr.io}, {@code 127.0.0.1:5000}
 * @param repository the repository path, e.g. {@code org/app} or {@code library/alpine}
 * @param tag the tag, or null when the reference has none
 * @param digest the digest, or null when the reference has none
 */
public record ImageRef(String registry, String repository, String tag, Digest digest) {
  /** The API host of Docker Hub. */
  public static final String DOCKER_HUB = "registry-1.docker.io";
  /** The tag used when a reference has neither tag nor digest. */
  public static final String DEFAULT_TAG = "latest";

  private static final String PARAMETER = "image reference";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final String LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern HOST = Pattern.compile(
      "(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final int MAX_NAME = 255;

  /**
   * Parses a reference such as {@code alpine}, {@code ghcr.io/org/app:1.0},
   * {@code localhost:5000/app@sha256:...} or {@code name:tag@sha256:...}.
   *
   * @throws InvalidValueException naming the reference, what is wrong and how to write it
   */
  public static ImageRef parse(String reference) {
    if (reference == null || reference.isBlank()) {
      throw invalid(String.valueOf(reference), "is empty", "write an image such as ghcr.io/org/app:1.0");
    }
    String rest = reference;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String digestText = rest.substring(at + 1);
      if (!digestText.matches("sha256:[a-f0-9]{64}")) {
        throw invalid(reference, "has an invalid digest '" + digestText + "'",
            "write the digest as sha256: followed by 64 lower-case hex characters");
      }
      digest = new Digest(digestText);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(reference, "has an invalid tag '" + tag + "'",
            "a tag is 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'");
      }
    }
    if (rest.isEmpty()) {
      throw invalid(reference, "has no repository name", "write the image name before ':' or '@'");
    }
    String registry;
    String path;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? "" : rest.substring(0, slash);
    if (slash >= 0 && isHost(first)) {
      if (!HOST.matcher(first).matches()) {
        throw invalid(reference, "has an invalid registry host '" + first + "'",
            "write the host as a DNS name or IP address with an optional :port");
      }
      registry = normalizeHost(first);
      path = rest.substring(slash + 1);
    } else {
      registry = DOCKER_HUB;
      path = rest;
    }
    if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        String lower = component.toLowerCase(Locale.ROOT);
        String fix = !lower.equals(component) && COMPONENT.matcher(lower).matches()
            ? "repository names are lower case; write '" + lower + "'"
            : "each path component is lower-case letters and digits, separated by '.', '_', '__' or '-'";
        throw invalid(reference, "has an invalid repository path component '" + component + "'", fix);
      }
    }
    if (registry.length() + 1 + path.length() > MAX_NAME) {
      throw invalid(reference, "has a name longer than " + MAX_NAME + " characters", "use a shorter repository name");
    }
    return new ImageRef(registry, path, tag, digest);
  }

  private static boolean isHost(String first) {
    return first.contains(".") || first.contains(":") || first.equals("localhost")
        || !first.toLowerCase(Locale.ROOT).equals(first);
  }

  private static String normalizeHost(String host) {
    return switch (host) {
      case "docker.io", "index.docker.io" -> DOCKER_HUB;
      default -> host;
    };
  }

  private static InvalidValueException invalid(String reference, String problem, String fix) {
    return new InvalidValueException(PARAMETER, reference, problem, fix);
  }

  /** What to ask the registry for: the digest when there is one, else the tag, else {@code latest}. */
  public String reference() {
    if (digest != null) {
      return digest.value();
    }
    return tag != null ? tag : DEFAULT_TAG;
  }

  public ImageRef withTag(String newTag) {
    return new ImageRef(registry, repository, newTag, null);
  }

  public ImageRef withDigest(Digest newDigest) {
    return new ImageRef(registry, repository, null, newDigest);
  }

  /** {@code registry/repository} without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The full reference, e.g. {@code 127.0.0.1:5000/app:1.0@sha256:...}. */
  @Override
  public String toString() {
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
