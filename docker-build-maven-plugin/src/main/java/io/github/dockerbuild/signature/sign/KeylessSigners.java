package io.github.dockerbuild.signature.sign;

import dev.sigstore.AlgorithmRegistry;
import dev.sigstore.KeylessSigner;
import dev.sigstore.trustroot.ImmutableSigstoreSigningConfig;
import dev.sigstore.trustroot.Service;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.registry.RetryPolicy;
import io.github.dockerbuild.registry.Sleeper;
import io.github.dockerbuild.signature.keyless.KeylessTrustRoot;
import io.github.dockerbuild.signature.keyless.TrustRootException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keyless signing set up with sigstore-java: the identity token, the trust root, Fulcio and Rekor.
 * On the sigstore side: {@link SignerFactory} enters it after asking for the library.
 */
final class KeylessSigners {
  private KeylessSigners() {}

  static Signer create(SignerFactory.KeylessSettings settings, Map<String, String> env, Consumer<String> onRetry) {
    URI fulcio = SignerFactory.url(SignerFactory.FULCIO, settings.fulcio(), SignerFactory.PUBLIC_GOOD_FULCIO);
    URI rekor = SignerFactory.url(SignerFactory.REKOR, settings.rekor(), SignerFactory.PUBLIC_GOOD_REKOR);
    IdentityToken token = IdentityToken.resolve(SignerFactory.path(settings.tokenFile()), settings.tokenEnv(),
        settings.audience() == null || settings.audience().isBlank() ? "sigstore" : settings.audience().trim(), env);
    SigstoreTrustedRoot root = trustedRoot(settings, fulcio, rekor);
    KeylessSigner signer;
    try {
      signer = KeylessSigner.builder()
          .trustedRootProvider(() -> root)
          .signingConfigProvider(() -> ImmutableSigstoreSigningConfig.builder()
              .addCas(Service.of(fulcio, 1))
              .addTLogs(Service.of(rekor, 1))
              .tsaConfig(Service.Config.ofAny())
              .tLogConfig(Service.Config.ofAny())
              .build())
          .forceCredentialProviders(token.clients())
          .signingAlgorithm(AlgorithmRegistry.SigningAlgorithm.PKIX_ECDSA_P256_SHA_256)
          .minSigningCertificateLifetime(KeylessSigner.DEFAULT_MIN_SIGNING_CERTIFICATE_LIFETIME)
          .build();
    } catch (Exception e) {
      throw new InvalidValueException(SignerFactory.TRUSTED_ROOT, settings.trustedRoot() == null ? "" : settings.trustedRoot()
          .toString(), "cannot set up keyless signing (" + FulcioSigner.reason(e) + ")",
          "give the trusted_root.json of the Sigstore instance " + fulcio + " belongs to");
    }
    String description = "a Fulcio certificate from " + fulcio + " for " + token + ", logged in " + rekor;
    return new FulcioSigner(signer, new DsseLogSession(fulcio, rekor, root, token), description, RetryPolicy.DEFAULT,
        Sleeper.REAL, onRetry);
  }

  private static SigstoreTrustedRoot trustedRoot(SignerFactory.KeylessSettings settings, URI fulcio, URI rekor) {
    Path file = SignerFactory.path(settings.trustedRoot());
    try {
      if (file == null) {
        if (!fulcio.equals(SignerFactory.PUBLIC_GOOD_FULCIO) || !rekor.equals(SignerFactory.PUBLIC_GOOD_REKOR)) {
          throw new InvalidValueException(SignerFactory.TRUSTED_ROOT, "", "is not set, but " + SignerFactory.FULCIO + " or " + SignerFactory.REKOR
              + " points at a private Sigstore", "give that instance's trusted_root.json");
        }
        return KeylessTrustRoot.publicGood(SignerFactory.path(settings.tufCache()), SignerFactory.TRUSTED_ROOT);
      }
      SigstoreTrustedRoot root = KeylessTrustRoot.fromFile(file, SignerFactory.TRUSTED_ROOT);
      if (root.getCTLogs().isEmpty()) {
        throw new InvalidValueException(SignerFactory.TRUSTED_ROOT, file.toString(), "has no CT log",
            "give a trusted_root.json with the ctlogs of the Sigstore instance: Fulcio certificates carry SCTs");
      }
      return root;
    } catch (TrustRootException e) {
      throw new InvalidValueException(SignerFactory.TRUSTED_ROOT, file == null ? "" : file.toString(), "cannot be used",
          e.getMessage());
    }
  }

}
