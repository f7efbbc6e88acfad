package io.github.dockerbuild.metadata;

import java.util.Map;

/**
 * What the CI environment says about the build: GitHub Actions variables first, then GitLab CI and
 * Jenkins ones. All methods return null when the environment says nothing.
 */
public record CiEnvironment(Map<String, String> env) {
  public CiEnvironment {
    env = Map.copyOf(env);
  }

  /** True on any CI system that sets {@code CI} (GitHub, GitLab, most others) or Jenkins. */
  public boolean isCi() {
    return "true".equalsIgnoreCase(get("CI")) || get("JENKINS_URL") != null || "true".equalsIgnoreCase(get("GITHUB_ACTIONS"));
  }

  /** The release tag that was built, without the {@code refs/tags/} prefix. */
  public String releaseTag() {
    String ref = get("GITHUB_REF");
    if (ref != null && ref.startsWith("refs/tags/")) {
      return ref.substring("refs/tags/".length());
    }
    return get("CI_COMMIT_TAG") != null ? get("CI_COMMIT_TAG") : get("TAG_NAME");
  }

  public boolean isPullRequest() {
    String event = get("GITHUB_EVENT_NAME");
    String ref = get("GITHUB_REF");
    return (event != null && event.startsWith("pull_request"))
        || (ref != null && ref.startsWith("refs/pull/"))
        || get("CI_MERGE_REQUEST_IID") != null
        || get("CHANGE_ID") != null;
  }

  /** The branch being built (the head branch of a pull request). */
  public String branch() {
    String head = get("GITHUB_HEAD_REF");
    if (head != null) {
      return head;
    }
    String ref = get("GITHUB_REF");
    if (ref != null && ref.startsWith("refs/heads/")) {
      return ref.substring("refs/heads/".length());
    }
    String gitlab = get("CI_COMMIT_REF_NAME");
    return gitlab != null ? gitlab : get("BRANCH_NAME");
  }

  /** The full commit SHA. */
  public String revision() {
    String sha = get("GITHUB_SHA");
    if (sha == null) {
      sha = get("CI_COMMIT_SHA");
    }
    return sha != null ? sha : get("GIT_COMMIT");
  }

  /** The repository's web URL, e.g. {@code https://github.com/org/repo}. */
  public String repositoryUrl() {
    String server = get("GITHUB_SERVER_URL");
    String repo = get("GITHUB_REPOSITORY");
    if (server != null && repo != null) {
      return server + "/" + repo;
    }
    return get("CI_PROJECT_URL");
  }

  public String sourceDateEpoch() {
    return get("SOURCE_DATE_EPOCH");
  }

  private String get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
