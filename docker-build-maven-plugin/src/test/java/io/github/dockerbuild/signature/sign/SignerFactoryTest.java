package io.github.dockerbuild.signature.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.signature.SigstoreFixtures;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the sign settings become a signer, and the one-line errors for what cannot work. */
class SignerFactoryTest {
  private static final SignerFactory.KeySettings NO_KEY = new SignerFactory.KeySettings(null, "COSIGN_PASSWORD", null);
  private static final Map<String, String> TOKEN_ENV = Map.of("SIGSTORE_ID_TOKEN", "a.b.c");

  @TempDir
  Path temp;

  @Test
  void keylessWithATrustedRoot_makesAFulcioSigner_describingWhereItSigns() {
    Signer signer = create(keyless("https://fulcio.example", "https://rekor.example",
        SigstoreFixtures.trustedRootFile().toFile()));

    assertThat(signer).isInstanceOf(FulcioSigner.class);
    assertThat(signer).hasToString("a Fulcio certificate from https://fulcio.example for the identity token in"
        + " environment variable SIGSTORE_ID_TOKEN, logged in https://rekor.example");
  }

  @Test
  void privateInstanceWithoutTrustedRoot_isRefused() {
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> create(keyless("https://fulcio.example", null, null)));

    assertThat(e.getMessage()).isEqualTo("<signTrustedRoot> (-Ddocker.sign.trustedRoot) '' is not set, but"
        + " <signFulcioUrl> (-Ddocker.sign.fulcioUrl) or <signRekorUrl> (-Ddocker.sign.rekorUrl) points at a private"
        + " Sigstore: give that instance's trusted_root.json");
  }

  @Test
  void urlThatIsNotHttp_namesItsParameter() {
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> create(keyless("fulcio.example:443", null, null)));

    assertThat(e.getMessage()).isEqualTo("<signFulcioUrl> (-Ddocker.sign.fulcioUrl) 'fulcio.example:443' is not an"
        + " http(s) URL: give the service's base URL, e.g. https://fulcio.sigstore.dev");
  }

  @Test
  void missingTrustedRoot_namesTheParameter() {
    File missing = temp.resolve("missing.json").toFile();

    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> create(keyless("https://fulcio.example", "https://rekor.example", missing)));

    assertThat(e.getMessage()).startsWith("<signTrustedRoot> (-Ddocker.sign.trustedRoot) '" + missing
        + "' cannot be used: <signTrustedRoot> (-Ddocker.sign.trustedRoot) '" + missing + "' does not exist");
  }

  @Test
  void trustedRootWithoutCtLog_isRefused_forFulcioCertificatesCarrySct() throws Exception {
    var root = (com.fasterxml.jackson.databind.node.ObjectNode) SigstoreFixtures.JSON.readTree(
        SigstoreFixtures.trustedRootFile().toFile());
    root.putArray("ctlogs");
    File file = temp.resolve("no-ct.json").toFile();
    SigstoreFixtures.JSON.writeValue(file, root);

    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> create(keyless("https://fulcio.example", "https://rekor.example", file)));

    assertThat(e.getMessage()).isEqualTo("<signTrustedRoot> (-Ddocker.sign.trustedRoot) '" + file + "' has no CT log:"
        + " give a trusted_root.json with the ctlogs of the Sigstore instance: Fulcio certificates carry SCTs");
  }

  @Test
  void keylessWithKey_isRefused() throws Exception {
    File key = Files.writeString(temp.resolve("cosign.key"), "x").toFile();
    SignerFactory.KeylessSettings keyless = keyless("https://fulcio.example", "https://rekor.example",
        SigstoreFixtures.trustedRootFile().toFile());

    InvalidValueException both = catchThrowableOfType(InvalidValueException.class,
        () -> SignerFactory.create(new SignerFactory.KeySettings(key, null, null), keyless, TOKEN_ENV, id -> null,
            m -> { }));

    assertThat(both.getMessage()).isEqualTo("<signKeyless> (-Ddocker.sign.keyless) 'true' is set together with"
        + " <signKey> (-Ddocker.sign.key) '" + key + "': sign either with the key or keyless: drop one of them");
  }

  @Test
  void keyNeitherGivenNorKeyless_offersBoth() {
    InvalidValueException e = catchThrowableOfType(InvalidValueException.class,
        () -> SignerFactory.create(NO_KEY, new SignerFactory.KeylessSettings(false, null, null, null, null, null, null,
            null), Map.of(), id -> null, m -> { }));

    assertThat(e.parameter()).isEqualTo("<signKey> (-Ddocker.sign.key)");
    assertThat(e.fix()).contains("set <signKeyless> (-Ddocker.sign.keyless) to sign keyless");
  }

  private static Signer create(SignerFactory.KeylessSettings keyless) {
    return SignerFactory.create(NO_KEY, keyless, TOKEN_ENV, id -> null, m -> { });
  }

  private SignerFactory.KeylessSettings keyless(String fulcio, String rekor, File trustedRoot) {
    return new SignerFactory.KeylessSettings(true, null, "SIGSTORE_ID_TOKEN", "sigstore", fulcio, rekor, trustedRoot,
        temp.resolve("tuf").toFile());
  }
}
