package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sign goal's parameters and the failures it reports before any registry call. */
@MojoTest
class SignMojoTest {
  private static final String POM = "classpath:/unit/sign/pom.xml";

  @TempDir Path buildDirectory;

  private final MojoFixtures.RecordingLog log = new MojoFixtures.RecordingLog();

  @Provides
  MavenProject project() throws URISyntaxException {
    return MojoFixtures.project(MojoFixtures.model("1.0.0", buildDirectory), "/unit/sign");
  }

  private static final String IMAGE = "image 127.0.0.1:5000/example/demo: ";
  private static final String NOTHING_DONE = System.lineSeparator() + IMAGE + "nothing was built, pushed, tagged or signed";

  private static String planFailure(String problem) {
    return MojoFixtures.planFailure("127.0.0.1:5000/example/demo", problem);
  }

  @Provides
  Log log() {
    return log;
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  @MojoParameter(name = "push", value = "false")
  void noPush_signsNothing_oneLine(SignMojo mojo) throws Exception {
    mojo.execute();

    assertThat(log.lines).contains(
        "Not signing 127.0.0.1:5000/example/demo: this local build does not push (-Ddocker.push=true to sign)");
    assertThat(buildDirectory.resolve("docker-build/build-record.json")).doesNotExist();
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  @MojoParameter(name = "skipSign", value = "true")
  void skipSign(SignMojo mojo) throws Exception {
    mojo.execute();

    assertThat(log.lines).containsExactly("Skipping: docker.sign.skip is true");
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  void noKey_namesTheParameter(SignMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(planFailure("<signKey> (-Ddocker.sign.key) '' is not set: give cosign's private key file (cosign"
            + " generate-key-pair), set <signKeyless> (-Ddocker.sign.keyless) to sign keyless, or skip signing with"
            + " -Ddocker.sign.skip"));
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  @MojoParameter(name = "signKeyless", value = "true")
  @MojoParameter(name = "signKey", value = "${project.basedir}/../../cosign/key-legacy/cosign.key")
  void keylessAndKey_askToChooseOne(SignMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(IMAGE + "<signKeyless> (-Ddocker.sign.keyless) 'true' is set together with <signKey>")
        .hasMessageEndingWith("sign either with the key or keyless: drop one of them" + NOTHING_DONE);
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  @MojoParameter(name = "signKeyless", value = "true")
  @MojoParameter(name = "signIdentityTokenEnv", value = "NO_SUCH_TOKEN_VARIABLE_IN_THIS_TEST")
  @MojoParameter(name = "signFulcioUrl", value = "https://fulcio.example.com")
  void keylessWithoutToken_namesWhereATokenCanComeFrom(SignMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(IMAGE + "<signIdentityTokenEnv> (-Ddocker.sign.identityTokenEnv)"
            + " 'NO_SUCH_TOKEN_VARIABLE_IN_THIS_TEST' holds no token")
        .hasMessageContaining("permissions: id-token: write")
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(2));
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  @MojoParameter(name = "signKey", value = "${project.basedir}/../../cosign/key-legacy/cosign.key")
  void encryptedKeyWithoutPassword_saysWhereThePasswordWasLookedFor(SignMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageStartingWith(IMAGE + "<signKey> (-Ddocker.sign.key) '")
        .hasMessageEndingWith("cosign.key' is an encrypted cosign key and no password was given: tried no password"
            + " (environment variable DOCKER_BUILD_TEST_UNSET_PASSWORD is not set)" + NOTHING_DONE);
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  @MojoParameter(name = "signKey", value = "${project.basedir}/../../cosign/key-legacy/cosign.key")
  @MojoParameter(name = "signKeyPasswordServer", value = "no-such-server")
  void unknownPasswordServer_namesIt(SignMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(planFailure("<signKeyPasswordServer> (-Ddocker.sign.keyPasswordServer) 'no-such-server' is not a"
            + " settings.xml server with a password: add the server, or use an environment variable"));
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  @MojoParameter(name = "signKey", value = "${project.basedir}/../../cosign/keys/pkcs8-p256.pem")
  @MojoParameter(name = "signFormats", value = "legacy,cosign")
  void unknownFormat_namesIt(SignMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage(planFailure("<signFormats> (-Ddocker.sign.formats) 'cosign' is not a signature format: use legacy,"
            + " bundle or both"));
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  @MojoParameter(name = "signKey", value = "${project.basedir}/../../cosign/keys/pkcs8-p256.pem")
  void noRecord_saysToPublishFirst(SignMojo mojo) {
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessage("image 127.0.0.1:5000/example/demo: the build record has no published index to sign: run publish"
            + " first (mvn deploy runs both), or sign only the platforms (-Ddocker.sign.subjects=platforms)");
  }
}
