package io.github.dockerbuild.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CiEnvironmentTest {

  /** Parses "K=V;K2=V2" (empty string: no variables). */
  private static CiEnvironment env(String vars) {
    Map<String, String> map = new HashMap<>();
    if (vars != null && !vars.isEmpty()) {
      for (String pair : vars.split(";")) {
        int eq = pair.indexOf('=');
        map.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return new CiEnvironment(map);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                   | false
      CI=true                              | true
      CI=TRUE                              | true
      CI=True                              | true
      CI=false                             | false
      CI=1                                 | false
      CI=                                  | false
      JENKINS_URL=https://ci.example.org/  | true
      GITHUB_ACTIONS=true                  | true
      GITLAB_CI=true                       | false
      """)
  void isCi_fromVariables(String vars, boolean expected) {
    assertThat(env(vars).isCi()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      ''                                             | NULL
      GITHUB_REF=refs/tags/v1.2.3                    | v1.2.3
      GITHUB_REF=refs/tags/release/2024              | release/2024
      GITHUB_REF=refs/heads/main                     | NULL
      GITHUB_REF=refs/heads/main;CI_COMMIT_TAG=v2    | v2
      CI_COMMIT_TAG=v2.0.0                           | v2.0.0
      CI_COMMIT_TAG=v2;TAG_NAME=v3                   | v2
      TAG_NAME=v3                                    | v3
      GITHUB_REF=refs/tags/v1;CI_COMMIT_TAG=v2       | v1
      CI_COMMIT_TAG=  ;TAG_NAME=v3                   | v3
      """)
  void releaseTag_githubThenGitlabThenJenkins(String vars, String expected) {
    assertThat(env(vars).releaseTag()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                                         | false
      GITHUB_EVENT_NAME=push                     | false
      GITHUB_EVENT_NAME=pull_request             | true
      GITHUB_EVENT_NAME=pull_request_target      | true
      GITHUB_EVENT_NAME=pull_request_review      | true
      GITHUB_REF=refs/pull/42/merge              | true
      GITHUB_REF=refs/heads/pull/x               | false
      CI_MERGE_REQUEST_IID=7                     | true
      CHANGE_ID=12                               | true
      CHANGE_ID=                                 | false
      """)
  void isPullRequest_fromVariables(String vars, boolean expected) {
    assertThat(env(vars).isPullRequest()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      ''                                                       | NULL
      GITHUB_REF=refs/heads/main                               | main
      GITHUB_REF=refs/heads/feature/x                          | feature/x
      GITHUB_HEAD_REF=feature/pr;GITHUB_REF=refs/pull/1/merge  | feature/pr
      GITHUB_REF=refs/tags/v1                                  | NULL
      CI_COMMIT_REF_NAME=develop                               | develop
      BRANCH_NAME=jenkins-branch                               | jenkins-branch
      CI_COMMIT_REF_NAME=gl;BRANCH_NAME=jk                     | gl
      GITHUB_REF=refs/heads/gh;CI_COMMIT_REF_NAME=gl           | gh
      GITHUB_HEAD_REF=   ;GITHUB_REF=refs/heads/main           | main
      """)
  void branch_headRefThenRefThenGitlabThenJenkins(String vars, String expected) {
    assertThat(env(vars).branch()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      ''                                      | NULL
      GITHUB_SHA=aaa                          | aaa
      GITHUB_SHA=aaa;CI_COMMIT_SHA=bbb        | aaa
      CI_COMMIT_SHA=bbb;GIT_COMMIT=ccc        | bbb
      GIT_COMMIT=ccc                          | ccc
      GITHUB_SHA=  ;GIT_COMMIT=ccc            | ccc
      GITHUB_SHA= aaa                         | aaa
      """)
  void revision_firstSetVariable(String vars, String expected) {
    assertThat(env(vars).revision()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      ''                                                                     | NULL
      GITHUB_SERVER_URL=https://github.com;GITHUB_REPOSITORY=org/app         | https://github.com/org/app
      GITHUB_SERVER_URL=https://github.com                                   | NULL
      GITHUB_REPOSITORY=org/app;CI_PROJECT_URL=https://gitlab.com/g/app      | https://gitlab.com/g/app
      CI_PROJECT_URL=https://gitlab.com/g/app                                | https://gitlab.com/g/app
      """)
  void repositoryUrl_githubThenGitlab(String vars, String expected) {
    assertThat(env(vars).repositoryUrl()).isEqualTo(expected);
  }

  @Test
  void sourceDateEpoch_trimmedOrNull() {
    assertThat(env("SOURCE_DATE_EPOCH= 1700000000 ").sourceDateEpoch()).isEqualTo("1700000000");
    assertThat(env("SOURCE_DATE_EPOCH=").sourceDateEpoch()).isNull();
    assertThat(env("").sourceDateEpoch()).isNull();
  }

  @Test
  void constructor_copiesTheEnvironment() {
    Map<String, String> vars = new HashMap<>(Map.of("CI", "true"));
    CiEnvironment ci = new CiEnvironment(vars);
    vars.put("CI", "false");

    assertThat(ci.isCi()).isTrue();
  }
}
