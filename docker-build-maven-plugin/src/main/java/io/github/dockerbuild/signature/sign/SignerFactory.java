package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.config.LazyLibrary;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns the sign configuration into a {@link Signer}: a private key, or keyless signing through
 * Fulcio and Rekor. Every bad value is a one-line {@link InvalidValueException} naming the parameter.
 */
public final class SignerFactory {
  public static final URI PUBLIC_GOOD_FULCIO = URI.create("https://fulcio.sigstore.dev");
  public static final URI PUBLIC_GOOD_REKOR = URI.create("https://rekor.sigstore.dev");
  static final String KEY = "<signKey> (-Ddocker.sign.key)";
  static final String KEYLESS = "<signKeyless> (-Ddocker.sign.keyless)";
  static final String FULCIO = "<signFulcioUrl> (-Ddocker.sign.fulcioUrl)";
  static final String REKOR = "<signRekorUrl> (-Ddocker.sign.rekorUrl)";
  static final String TRUSTED_ROOT = "<signTrustedRoot> (-Ddocker.sign.trustedRoot)";

  /**
   * How to sign with a key.
   *
   * @param key the private key file, or null
   * @param passwordEnv the environment variable holding its password, or null
   * @param passwordServer the settings.xml server whose password decrypts it (wins over the variable), or null
   */
  public record KeySettings(File key, String passwordEnv, String passwordServer) {}

  /**
   * How to sign keyless.
   *
   * @param enabled whether to sign keyless
   * @param tokenFile a file with the OIDC identity token, or null
   * @param tokenEnv an environment variable with it, or null
   * @param audience the audience of a GitHub Actions ID token
   * @param fulcio Fulcio's URL
   * @param rekor Rekor's URL
   * @param trustedRoot the trusted_root.json of the Sigstore instance, or null for the public-good one
   * @param tufCache where the public-good trust root is cached
   */
  public record KeylessSettings(boolean enabled, File tokenFile, String tokenEnv, String audience, String fulcio,
      String rekor, File trustedRoot, File tufCache) {}

  private SignerFactory() {}

  /**
   * @param env the process environment (passwords, tokens)
   * @param serverPassword the decrypted password of a settings.xml server, or null when there is none
   * @param onRetry told about each retried Sigstore request
   */
  public static Signer create(KeySettings key, KeylessSettings keyless, Map<String, String> env, Function<String, char[]> serverPassword, Consumer<String> onRetry) {
    if (keyless.enabled()) {
      if (key.key() != null) {
        throw new InvalidValueException(KEYLESS, "true", "is set together with " + KEY + " '" + key.key() + "'",
            "sign either with the key or keyless: drop one of them");
      }
      // the sigstore side (Fulcio, Rekor, trust roots) is entered here, once sigstore-java is there
      LazyLibrary.SIGSTORE.require("keyless signing");
      return KeylessSigners.create(keyless, env, onRetry);
    }
    return new KeySigner(keyPair(key, env, serverPassword));
  }

  static URI url(String parameter, String value, URI fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      URI uri = URI.create(value.trim().replaceAll("/+$", ""));
      if ((!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(parameter, value, "is not an http(s) URL", "give the service's base URL,"
          + " e.g. " + fallback);
    }
  }

  static Path path(File file) {
    return file == null ? null : file.toPath();
  }

  /** Reads and decrypts the private key; the password is wiped once used. */
  static java.security.KeyPair keyPair(KeySettings settings, Map<String, String> env,
      Function<String, char[]> serverPassword) {
    File key = settings.key();
    if (key == null) {
      throw new InvalidValueException(KEY, "", "is not set",
          "give cosign's private key file (cosign generate-key-pair), set " + KEYLESS
              + " to sign keyless, or skip signing with -Ddocker.sign.skip");
    }
    String pem;
    try {
      pem = Files.readString(key.toPath(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new InvalidValueException(KEY, key.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")",
          "give the path of a readable key file");
    }
    String server = settings.passwordServer();
    String envName = settings.passwordEnv();
    char[] password;
    String source;
    if (server != null && !server.isBlank()) {
      password = serverPassword.apply(server);
      source = "the password of settings.xml server '" + server + "'";
      if (password == null) {
        throw new InvalidValueException("<signKeyPasswordServer> (-Ddocker.sign.keyPasswordServer)", server,
            "is not a settings.xml server with a password", "add the server, or use an environment variable");
      }
    } else {
      String value = envName == null || envName.isBlank() ? null : env.get(envName);
      password = value == null ? null : value.toCharArray();
      source = password == null ? "no password (environment variable " + envName + " is not set)"
          : "the password in environment variable " + envName;
    }
    try {
      // Bouncy Castle is not in the realm Maven makes at start-up: it joins it here
      LazyLibrary.BOUNCY_CASTLE.require("the signing key");
      return PrivateKeys.parse(pem, password);
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(KEY, key.toString(), e.getMessage(), "tried " + source);
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }
}
