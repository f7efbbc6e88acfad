package io.github.dockerbuild.mojo;

import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.config.Values;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.domain.SignPlan;
import io.github.dockerbuild.signature.sign.SignResult;
import io.github.dockerbuild.signature.sign.SignService;
import io.github.dockerbuild.signature.sign.SignSubjects;
import io.github.dockerbuild.signature.sign.Signer;
import io.github.dockerbuild.signature.sign.SignerFactory;
import java.io.File;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Signs the published image by digest, never by tag: the index digest from publish and the per-arch
 * digests from build. With a cosign key, in cosign's legacy {@code sha256-<hex>.sig} format, the
 * Sigstore bundle format (an OCI referrer), or both; a signature the registry already holds for the
 * same payload and key is not written again. Or keyless: a Fulcio certificate for an OIDC token,
 * each signature logged in Rekor. Skipped in builds that do not push.
 *
 * @since 0.1.0
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SignMojo extends AbstractRegistryMojo {
  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_SKIP, defaultValue = "false")
  private boolean skipSign;

  /**
   * The private key: cosign's {@code cosign.key} ({@code ENCRYPTED SIGSTORE PRIVATE KEY}, from
   * {@code cosign generate-key-pair}) or an unencrypted PKCS#8 PEM {@code PRIVATE KEY}; ECDSA P-256.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_KEY)
  private File signKey;

  /**
   * Signs keyless instead of with a key, as {@code cosign sign} without {@code --key}: an OIDC
   * identity token buys a short-lived Fulcio certificate for an ephemeral key, and each signature is
   * logged in Rekor, in the formats of {@code <signFormats>}. The token comes from {@code
   * <signIdentityTokenFile>}, else the variable {@code <signIdentityTokenEnv>} names, else GitHub
   * Actions' ID token service.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_KEYLESS, defaultValue = "false")
  private boolean signKeyless;

  /**
   * A file holding the OIDC identity token (a JWT) for keyless signing.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_IDENTITY_TOKEN_FILE)
  private File signIdentityTokenFile;

  /**
   * The environment variable that may hold the OIDC identity token for keyless signing.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_IDENTITY_TOKEN_ENV, defaultValue = "SIGSTORE_ID_TOKEN")
  private String signIdentityTokenEnv;

  /**
   * The audience asked of GitHub Actions' ID token service ({@code ACTIONS_ID_TOKEN_REQUEST_URL} and
   * {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}, present with {@code permissions: id-token: write}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_OIDC_AUDIENCE, defaultValue = "sigstore")
  private String signOidcAudience;

  /**
   * Fulcio, the certificate authority of keyless signing (gRPC over TLS: a private instance's TLS
   * certificate must be trusted by the JVM).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_FULCIO_URL, defaultValue = "https://fulcio.sigstore.dev")
  private String signFulcioUrl;

  /**
   * Rekor, the transparency log keyless signatures are logged in (API v1).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_REKOR_URL, defaultValue = "https://rekor.sigstore.dev")
  private String signRekorUrl;

  /**
   * The {@code trusted_root.json} of a private Sigstore instance (its Fulcio CA, CT log and Rekor
   * keys); unset means the public-good instance's, through TUF. Every certificate and log entry is
   * checked against it before a signature is written.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_TRUSTED_ROOT)
  private File signTrustedRoot;

  /**
   * Where the public-good trust root is cached between builds.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_TUF_CACHE, defaultValue = "${user.home}/.sigstore/root")
  private File signTufCacheDirectory;

  /**
   * The environment variable holding the password of an encrypted key.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_KEY_PASSWORD_ENV, defaultValue = "COSIGN_PASSWORD")
  private String signKeyPasswordEnv;

  /**
   * The id of a {@code settings.xml} server whose password decrypts the key (it may be encrypted
   * with Maven's master password); wins over the environment variable.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_KEY_PASSWORD_SERVER)
  private String signKeyPasswordServer;

  /**
   * What to sign: {@code index} (the digest publish pushed), {@code platforms} (each per-arch digest
   * build pushed), or both (default).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_SUBJECTS, defaultValue = "index,platforms")
  private List<String> signSubjects;

  /**
   * When a platform fails, sign the per-arch images the other platforms pushed (the build goal
   * does it before it fails; the index is not published and no multi-arch tag moves), as release
   * pipelines sign what they pushed. {@code false}: sign nothing after a failure.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_PARTIAL, defaultValue = "true")
  private boolean signPartial;

  /**
   * Where signatures go: {@code legacy} (the {@code sha256-<hex>.sig} tag, which every cosign 2.x
   * {@code verify --key} reads; default), {@code bundle} (a Sigstore bundle as an OCI referrer, with
   * the {@code sha256-<hex>} tag-schema fallback), or both.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SIGN_FORMATS, defaultValue = "legacy")
  private List<String> signFormats;

  /**
   * Claims signed along with each digest, e.g. {@code <git-sha>abc</git-sha>}; replaced from the
   * command line by {@code -Ddocker.sign.annotations=key=value,key2=value2}.
   *
   * @since 0.1.0
   */
  @Parameter
  private Map<String, String> signAnnotations;

  @Override
  String skipReason(BuildMetadata metadata) {
    return skipUnlessPushing(skipSign, PropertyNames.SIGN_SKIP, metadata, "sign");
  }

  @Override
  void plan(PlanAssembly plan) throws InterruptedException {
    offerSignatureLibraries();
    planRegistry(plan);
    Overrides d = overrides();
    var kinds = plan.attempt(() -> subjects(d));
    List<SignatureFormat> formats = plan.attempt(() -> formats(Values.list(d.list(PropertyNames.SIGN_FORMATS, signFormats))));
    Map<String, String> annotations = plan.attempt(() -> annotations(d));
    Signer signer = plan.attempt(() -> signer(d));
    if (kinds != null && formats != null && annotations != null && signer != null) {
      plan.sign = new SignPlan(signer.toString(), List.copyOf(kinds), formats, annotations,
          d.bool(PropertyNames.SIGN_PARTIAL, signPartial));
      plan.signer = signer;
    }
  }

  @Override
  public void execute() throws MojoExecutionException {
    if (skipped(skipSign, PropertyNames.SIGN_SKIP)) {
      return;
    }
    offerSignatureLibraries();
    try {
      io.github.dockerbuild.domain.BuildPlan plan = plan();
      BuildMetadata metadata = metadata();
      String notPushing = skipReason(metadata);
      if (notPushing != null) {
        getLog().info("Not signing " + metadata.image() + ": " + notPushing);
        return;
      }
      SignPlan planned = plan.sign();
      Signer signer = plannedSigner();
      if (planned == null || signer == null) {
        throw new MojoExecutionException("image " + metadata.image() + ": this run's plan has no signing part");
      }
      RegistryClient client = call(this::registryClient);
      SignResult result = call(() -> new SignService(client, StepRunner.parallel(4), buildLog(), Clock.systemUTC())
          .run(planned, signer, metadata.image(), recordStore(), module(), metadata));
      long existed = result.signatures().stream().filter(SignResult.Written::existed).count();
      getLog().info("signatures written: " + (result.signatures().size() - existed) + ", already present: " + existed
          + ", registry requests: " + result.requests());
      writeCiOutputs();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted while signing: signatures written so far stay in the registry");
    }
  }

  /** The signer this run's plan made. */
  private Signer plannedSigner() {
    return project.getContextValue(PlanMaker.SIGNER_KEY) instanceof Signer signer ? signer : null;
  }

  private java.util.Set<io.github.dockerbuild.domain.SignTarget> subjects(Overrides d) {
    return SignSubjects.parse(Values.list(d.list(PropertyNames.SIGN_SUBJECTS, signSubjects)),
        "<signSubjects> (-D" + PropertyNames.SIGN_SUBJECTS + ")");
  }

  private Signer signer(Overrides d) {
    return SignerFactory.create(
        new SignerFactory.KeySettings(d.file(PropertyNames.SIGN_KEY, signKey),
            d.string(PropertyNames.SIGN_KEY_PASSWORD_ENV, signKeyPasswordEnv),
            d.string(PropertyNames.SIGN_KEY_PASSWORD_SERVER, signKeyPasswordServer)),
        new SignerFactory.KeylessSettings(d.bool(PropertyNames.SIGN_KEYLESS, signKeyless),
            d.file(PropertyNames.SIGN_IDENTITY_TOKEN_FILE, signIdentityTokenFile),
            d.string(PropertyNames.SIGN_IDENTITY_TOKEN_ENV, signIdentityTokenEnv),
            d.string(PropertyNames.SIGN_OIDC_AUDIENCE, signOidcAudience),
            d.string(PropertyNames.SIGN_FULCIO_URL, signFulcioUrl),
            d.string(PropertyNames.SIGN_REKOR_URL, signRekorUrl),
            d.file(PropertyNames.SIGN_TRUSTED_ROOT, signTrustedRoot),
            d.file(PropertyNames.SIGN_TUF_CACHE, signTufCacheDirectory)),
        System.getenv(), this::serverPassword, buildLog()::warn);
  }

  private static List<SignatureFormat> formats(List<String> values) {
    List<SignatureFormat> formats = new ArrayList<>();
    for (String value : values) {
      SignatureFormat format = switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "legacy" -> SignatureFormat.LEGACY;
        case "bundle" -> SignatureFormat.BUNDLE;
        default -> throw new InvalidValueException("<signFormats> (-D" + PropertyNames.SIGN_FORMATS + ")", value,
            "is not a signature format", "use legacy, bundle or both");
      };
      if (!formats.contains(format)) {
        formats.add(format);
      }
    }
    if (formats.isEmpty()) {
      throw new InvalidValueException("<signFormats> (-D" + PropertyNames.SIGN_FORMATS + ")", "", "is empty",
          "use legacy, bundle or both");
    }
    return formats;
  }

  private Map<String, String> annotations(Overrides d) {
    List<String> given = d.list(PropertyNames.SIGN_ANNOTATIONS, null);
    if (given == null) {
      return signAnnotations == null ? Map.of() : new LinkedHashMap<>(signAnnotations);
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (String pair : given) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new InvalidValueException("-D" + PropertyNames.SIGN_ANNOTATIONS, pair, "is not key=value",
            "write -D" + PropertyNames.SIGN_ANNOTATIONS + "=key=value,key2=value2");
      }
      result.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return result;
  }
}
