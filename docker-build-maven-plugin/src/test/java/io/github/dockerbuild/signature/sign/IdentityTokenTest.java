package io.github.dockerbuild.signature.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.config.InvalidValueException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the keyless token comes from: file, then environment variable, then GitHub Actions. */
class IdentityTokenTest {
  private static final String JWT = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJkZXZAZXhhbXBsZS5jb20ifQ.c2ln";

  @TempDir
  Path temp;

  @Test
  void file_winsOverEnvironmentAndGitHub_andIsReadTrimmed() throws Exception {
    Path file = Files.writeString(temp.resolve("token"), "  " + JWT + "\n");

    IdentityToken token = IdentityToken.resolve(file, "SIGSTORE_ID_TOKEN", "sigstore",
        Map.of("SIGSTORE_ID_TOKEN", "other", IdentityToken.GITHUB_REQUEST_URL, "http://127.0.0.1:1/?x=1",
            IdentityToken.GITHUB_REQUEST_TOKEN, "bearer"));

    assertThat(token.provider().getTokenString()).isEqualTo(JWT);
    assertThat(token.description()).isEqualTo("the identity token in " + file);
  }

  @Test
  void environmentVariable_winsOverGitHub() throws Exception {
    IdentityToken token = IdentityToken.resolve(null, "SIGSTORE_ID_TOKEN", "sigstore",
        Map.of("SIGSTORE_ID_TOKEN", JWT + "\n", IdentityToken.GITHUB_REQUEST_URL, "http://127.0.0.1:1/?x=1",
            IdentityToken.GITHUB_REQUEST_TOKEN, "bearer"));

    assertThat(token.provider().getTokenString()).isEqualTo(JWT);
    assertThat(token).hasToString("the identity token in environment variable SIGSTORE_ID_TOKEN");
  }

  @Test
  void gitHubActions_isUsedWhenItsVariablesAreSet_withTheAudience() {
    IdentityToken token = IdentityToken.resolve(null, "SIGSTORE_ID_TOKEN", "sigstore",
        Map.of(IdentityToken.GITHUB_REQUEST_URL, "http://127.0.0.1:1/?x=1", IdentityToken.GITHUB_REQUEST_TOKEN, "b"));

    assertThat(token.description()).isEqualTo("the GitHub Actions ID token (audience sigstore)");
  }

  @Test
  void emptyFile_namesTheParameter() throws Exception {
    Path file = Files.writeString(temp.resolve("token"), "\n");

    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> IdentityToken.resolve(file, null, "sigstore", Map.of()));

    assertThat(e.getMessage()).isEqualTo("<signIdentityTokenFile> (-Ddocker.sign.identityTokenFile) '" + file
        + "' is empty: write the OIDC identity token (a JWT) into it");
  }

  @Test
  void missingFile_namesTheParameter() {
    Path file = temp.resolve("nope");

    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> IdentityToken.resolve(file, null, "sigstore", Map.of()));

    assertThat(e.getMessage()).startsWith("<signIdentityTokenFile> (-Ddocker.sign.identityTokenFile) '" + file
        + "' cannot be read (").endsWith("give the path of a readable token file");
  }

  @Test
  void noSource_saysWhereATokenCanComeFrom_inOneLine() {
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> IdentityToken.resolve(null, "SIGSTORE_ID_TOKEN", "sigstore",
            Map.of("SIGSTORE_ID_TOKEN", " ", IdentityToken.GITHUB_REQUEST_URL, "http://127.0.0.1:1/?x=1")));

    assertThat(e.getMessage()).startsWith("<signIdentityTokenEnv> (-Ddocker.sign.identityTokenEnv) 'SIGSTORE_ID_TOKEN'"
        + " holds no token, no <signIdentityTokenFile> (-Ddocker.sign.identityTokenFile) is set")
        .contains("grant the job 'permissions: id-token: write'").doesNotContain("\n");
  }
}
