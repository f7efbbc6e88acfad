package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void dockerHubBearer() {
    AuthChallenge challenge = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
        + "service=\"registry.docker.io\",scope=\"repository:library/alpine:pull,push\"").orElseThrow();
    assertThat(challenge.isBearer()).isTrue();
    assertThat(challenge.parameters()).isEqualTo(Map.of("realm", "https://auth.docker.io/token",
        "service", "registry.docker.io", "scope", "repository:library/alpine:pull,push"));
  }

  @Test
  void schemeAndNamesAreCaseInsensitiveAndSpacesAllowed() {
    AuthChallenge challenge = AuthChallenge.parse("bearer Realm=\"https://ghcr.io/token\", Service=\"ghcr.io\"").orElseThrow();
    assertThat(challenge.scheme()).isEqualTo("bearer");
    assertThat(challenge.parameter("REALM")).contains("https://ghcr.io/token");
    assertThat(challenge.parameter("service")).contains("ghcr.io");
    assertThat(challenge.parameter("scope")).isEmpty();
  }

  @Test
  void unquotedAndEscapedValues() {
    AuthChallenge challenge = AuthChallenge.parse("Bearer realm=https://r.example/t,service=svc,error=\"a \\\"b\\\"\"")
        .orElseThrow();
    assertThat(challenge.parameter("realm")).contains("https://r.example/t");
    assertThat(challenge.parameter("service")).contains("svc");
    assertThat(challenge.parameter("error")).contains("a \"b\"");
  }

  @Test
  void basic() {
    AuthChallenge challenge = AuthChallenge.parse("Basic realm=\"Registry Realm\"").orElseThrow();
    assertThat(challenge.isBasic()).isTrue();
    assertThat(challenge.parameter("realm")).contains("Registry Realm");
    assertThat(AuthChallenge.parse("Basic").orElseThrow().parameters()).isEmpty();
  }

  @Test
  void unknownOrMissing() {
    assertThat(AuthChallenge.parse(null)).isEmpty();
    assertThat(AuthChallenge.parse("Negotiate abc")).isEmpty();
    assertThat(AuthChallenge.parse("")).isEqualTo(Optional.empty());
  }
}
