package io.github.dockerbuild.mojo;

/** Every {@code -D} property of the plugin, in one place. Precedence: -D, then POM, then default. */
public final class PropertyNames {
  private PropertyNames() {}

  public static final String SKIP = "docker.skip";
  public static final String METADATA_SKIP = "docker.metadata.skip";
  public static final String BUILD_SKIP = "docker.build.skip";
  public static final String BUILD_FORCE = "docker.build.force";

  public static final String IMAGE = "docker.image";
  public static final String ARCH_IMAGE = "docker.archImage";
  public static final String TAGS = "docker.tags";
  public static final String LATEST = "docker.latest";
  public static final String VERSION = "docker.version";
  public static final String VERSION_FROM_CI = "docker.versionFromCi";
  public static final String MODE = "docker.mode";
  public static final String PUSH = "docker.push";
  public static final String REVISION = "docker.revision";
  public static final String VERSION_ARG = "docker.versionArg";
  public static final String DATE_ARG = "docker.dateArg";
  public static final String ARCH_ARG = "docker.archArg";
  public static final String REPOSITORY_ARG = "docker.repositoryArg";

  public static final String PLATFORMS = "docker.platforms";
  public static final String CONTEXT_DIRECTORY = "docker.contextDirectory";
  public static final String DOCKERFILE = "docker.dockerfile";
  public static final String PULL = "docker.pull";
  public static final String NO_CACHE = "docker.noCache";
  public static final String TARGET = "docker.target";
  public static final String COMPRESSION = "docker.compression";
  public static final String COMPRESSION_LEVEL = "docker.compressionLevel";
  public static final String FORCE_COMPRESSION = "docker.forceCompression";
  public static final String OCI_MEDIA_TYPES = "docker.ociMediaTypes";
  public static final String CACHE_FROM = "docker.cacheFrom";
  public static final String PUSH_MODES = "docker.pushModes";
  public static final String ARCH_TAGS = "docker.archTags";
  public static final String REPRODUCIBLE = "docker.reproducible";
  public static final String COMPARE_SKIP = "docker.compare.skip";
  public static final String COMPARE_FAIL = "docker.compare.fail";
  public static final String CACHE_TO = "docker.cacheTo";
  public static final String CACHE_EXPORT = "docker.cache.export";
  public static final String CACHE_SCOPE = "docker.cacheScope";
  public static final String PROVENANCE = "docker.provenance";
  public static final String SBOM = "docker.sbom";
  public static final String BUILDER = "docker.builder";
  public static final String CONTEXT = "docker.context";
  public static final String RETRY_ON_ANOTHER_NODE = "docker.retryOnAnotherNode";
  public static final String PARALLELISM = "docker.parallelism";
  public static final String SERIAL = "docker.serial";
  public static final String BUILD_TIMEOUT = "docker.build.timeout";
  public static final String PROGRESS = "docker.progress";
  public static final String EXECUTABLE = "docker.executable";

  public static final String PUBLISH_SKIP = "docker.publish.skip";
  public static final String PUBLISH_DRY_RUN = "docker.publish.dryRun";
  public static final String PUBLISH_ALLOW_PARTIAL = "docker.publish.allowPartial";
  public static final String PUBLISH_DIGESTS = "docker.publish.digests";
  public static final String PUBLISH_ANNOTATE = "docker.publish.annotate";
  public static final String VERIFY_SKIP = "docker.verify.skip";
  public static final String VERIFY_BASE_IMAGES = "docker.verify.baseImages";
  public static final String VERIFY_BASE = "docker.verify.base";
  public static final String VERIFY_FORMATS = "docker.verify.formats";
  public static final String VERIFY_ATTEMPTS = "docker.verify.attempts";
  public static final String VERIFY_RETRY_DELAY = "docker.verify.retryDelay";
  public static final String VERIFY_TRUSTED_ROOT = "docker.verify.trustedRoot";
  public static final String VERIFY_TUF_CACHE = "docker.verify.tufCacheDirectory";
  /** Prefix of the {@code <basePolicy>} fields: {@code docker.verify.basePolicy.publicKey}, ... */
  public static final String VERIFY_BASE_POLICY = "docker.verify.basePolicy.";
  /** Prefix of the {@code <cachePolicy>} fields: {@code docker.verify.cachePolicy.publicKey}, ... */
  public static final String VERIFY_CACHE_POLICY = "docker.verify.cachePolicy.";

  public static final String SIGN_SKIP = "docker.sign.skip";
  public static final String SIGN_KEY = "docker.sign.key";
  public static final String SIGN_KEY_PASSWORD_ENV = "docker.sign.keyPasswordEnv";
  public static final String SIGN_KEY_PASSWORD_SERVER = "docker.sign.keyPasswordServer";
  public static final String SIGN_SUBJECTS = "docker.sign.subjects";
  public static final String SIGN_PARTIAL = "docker.sign.partial";
  public static final String SIGN_FORMATS = "docker.sign.formats";
  public static final String SIGN_ANNOTATIONS = "docker.sign.annotations";
  public static final String SIGN_KEYLESS = "docker.sign.keyless";
  public static final String SIGN_IDENTITY_TOKEN_FILE = "docker.sign.identityTokenFile";
  public static final String SIGN_IDENTITY_TOKEN_ENV = "docker.sign.identityTokenEnv";
  public static final String SIGN_OIDC_AUDIENCE = "docker.sign.oidcAudience";
  public static final String SIGN_FULCIO_URL = "docker.sign.fulcioUrl";
  public static final String SIGN_REKOR_URL = "docker.sign.rekorUrl";
  public static final String SIGN_TRUSTED_ROOT = "docker.sign.trustedRoot";
  public static final String SIGN_TUF_CACHE = "docker.sign.tufCacheDirectory";
  public static final String INSECURE_REGISTRIES = "docker.insecureRegistries";
  public static final String CA_CERTIFICATE = "docker.caCertificate";

  public static final String REPORT_SKIP = "docker.report.skip";
  public static final String PLAN_PHASE = "docker.plan.phase";
  public static final String PLAN_ONLY = "docker.plan";
  public static final String ALLOW_SECRET_BUILD_ARGS = "docker.allowSecretBuildArgs";

  /** Project properties the metadata goal sets for other plugins. */
  public static final String OUT_VERSION = "docker.build.version";
  public static final String OUT_DATE = "docker.build.date";
  public static final String OUT_REVISION = "docker.build.revision";
  public static final String OUT_MODE = "docker.build.mode";
  public static final String OUT_PUSH = "docker.build.push";
  public static final String OUT_IMAGE = "docker.build.image";
  public static final String OUT_TAGS = "docker.build.tags";
}
