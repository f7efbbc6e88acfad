package io.github.dockerbuild.mojo;

import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.registry.RetryPolicy;
import io.github.dockerbuild.verify.KeylessVerifiers;
import io.github.dockerbuild.verify.PolicySettings;
import io.github.dockerbuild.verify.VerifyService;
import io.github.dockerbuild.verify.VerifySpec;
import io.github.dockerbuild.verify.VerifySpecFactory;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Verifies the cosign signatures of the base images and registry cache sources before the build:
 * each is resolved to a digest and that digest is verified; the build then uses exactly the
 * verified digests. A base image that fails stops the build before buildx runs; a cache source that
 * fails is dropped with a warning. Outcomes go to the build record.
 *
 * @since 0.1.0
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class VerifyMojo extends AbstractBuildMojo {

  /**
   * Skips this goal.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_SKIP, defaultValue = "false")
  private boolean skipVerify;

  /**
   * The build args that hold base images ({@code FROM ${BUILD_FROM}}); their values are verified
   * and pinned to the verified digest, e.g. {@code <baseImage>BUILD_FROM</baseImage>}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_BASE_IMAGES)
  private List<String> baseImages;

  /**
   * Who must have signed the base images. Without it base images are not verified.
   *
   * @since 0.1.0
   */
  @Parameter
  private PolicyConfig basePolicy;

  /**
   * Who must have signed the registry cache sources. Without it cache sources are used unverified.
   *
   * @since 0.1.0
   */
  @Parameter
  private PolicyConfig cachePolicy;

  /**
   * When base images are verified: {@code always}, or {@code push} (only in builds that push).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_BASE, defaultValue = "always")
  private String verifyBase;

  /**
   * The signature formats accepted: {@code legacy} (the {@code sha256-<hex>.sig} tag) and
   * {@code bundle} (an OCI referrer).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_FORMATS, defaultValue = "legacy,bundle")
  private List<String> formats;

  /**
   * Attempts per registry request on transient errors (429, 5xx, no answer); a missing or bad
   * signature is never retried.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_ATTEMPTS, defaultValue = "5")
  private String attempts;

  /**
   * The first retry delay in seconds; it doubles up to 16 times that (2 s to 32 s by default).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_RETRY_DELAY, defaultValue = "2")
  private String retryDelay;

  /**
   * A {@code trusted_root.json} for keyless policies (a private Sigstore, or offline use); unset
   * means the public-good instance through TUF, which needs the network the first time.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_TRUSTED_ROOT)
  private File trustedRoot;

  /**
   * Where the public-good trust root is cached between builds.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_TUF_CACHE, defaultValue = "${user.home}/.sigstore/root")
  private File tufCacheDirectory;

  @Override
  String skipReason(BuildMetadata metadata) {
    return flagReason(skipVerify, PropertyNames.VERIFY_SKIP);
  }

  @Override
  void plan(PlanAssembly plan) throws InterruptedException {
    offerSignatureLibraries();
    planSpec(plan);
    plan.attempt(() -> retryPolicy(plan.image(this)));
    if (plan.spec == null) {
      return;
    }
    PolicySettings base = policy("<basePolicy>", PropertyNames.VERIFY_BASE_POLICY, basePolicy);
    PolicySettings cache = policy("<cachePolicy>", PropertyNames.VERIFY_CACHE_POLICY, cachePolicy);
    VerifySpec spec = plan.attempt(() -> verifySpec(plan.spec, plan.metadata));
    if (spec != null) {
      plan.verifiesCache = spec.cache() != null;
      plan.verifySpec = spec;
      plan.verify = new io.github.dockerbuild.domain.VerifyPlan(spec.targets().stream()
          .map(t -> new io.github.dockerbuild.domain.VerifyPlan.Target(t.role(), t.name(), t.reference())).toList(),
          spec.base() == null ? null : base.describe(), spec.cache() == null ? null : cache.describe(),
          spec.formats().stream().sorted().toList(), spec.baseSkipReason());
    }
  }

  @Override
  public void execute() throws MojoExecutionException {
    if (skipped(skipVerify, PropertyNames.VERIFY_SKIP)) {
      forgetEarlierOutcomes();
      return;
    }
    offerSignatureLibraries();
    try {
      ImageSpec image = plannedSpec();
      BuildMetadata metadata = metadata();
      VerifySpec spec = project.getContextValue(PlanMaker.VERIFY_KEY) instanceof VerifySpec planned ? planned
          : call(() -> verifySpec(image, metadata));
      if (spec.targets().isEmpty()) {
        getLog().info("image " + spec.image() + ": nothing to verify (no <baseImages>, no registry <cacheFrom>)");
        return;
      }
      RetryPolicy retries = call(() -> retryPolicy(spec.image()));
      VerifyService service = new VerifyService(registryClient(retries), StepRunner.parallel(4), buildLog(),
          shared("verifications", io.github.dockerbuild.verify.SharedVerifications::new));
      call(() -> service.verify(spec, recordStore(), module()));
      writeCiOutputs();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted while verifying signatures");
    }
  }

  /**
   * A verify goal skipped in this run leaves no outcome of an earlier run behind: the build would
   * otherwise pin, or drop, inputs by what another configuration verified.
   */
  private void forgetEarlierOutcomes() throws MojoExecutionException {
    io.github.dockerbuild.record.RecordStore store = recordStore();
    if (store.file().toFile().isFile()) {
      try {
        call(() -> store.update(module(), r -> r.verify() == null ? r : r.withVerify(null)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MojoExecutionException("interrupted");
      }
    }
  }

  private VerifySpec verifySpec(ImageSpec image, BuildMetadata metadata) {
    Overrides d = overrides();
    return VerifySpecFactory.create(image, d.list(PropertyNames.VERIFY_BASE_IMAGES, baseImages),
        policy("<basePolicy>", PropertyNames.VERIFY_BASE_POLICY, basePolicy),
        policy("<cachePolicy>", PropertyNames.VERIFY_CACHE_POLICY, cachePolicy),
        d.string(PropertyNames.VERIFY_BASE, verifyBase), d.list(PropertyNames.VERIFY_FORMATS, formats),
        new KeylessVerifiers(path(d.file(PropertyNames.VERIFY_TRUSTED_ROOT, trustedRoot)),
            path(d.file(PropertyNames.VERIFY_TUF_CACHE, tufCacheDirectory)), metadata.image(),
            shared("keyless trust roots", java.util.concurrent.ConcurrentHashMap::new)));
  }

  private RetryPolicy retryPolicy(String image) {
    Overrides d = overrides();
    Integer tries = d.whole(PropertyNames.VERIFY_ATTEMPTS, attempts, "attempts", "5");
    Integer delay = d.whole(PropertyNames.VERIFY_RETRY_DELAY, retryDelay, "retryDelay", "2");
    return VerifySpecFactory.retryPolicy(tries == null ? 5 : tries, delay == null ? 2 : delay, image);
  }

  private PolicySettings policy(String parameter, String prefix, PolicyConfig pom) {
    PolicyConfig c = pom == null ? new PolicyConfig() : pom;
    Overrides d = overrides();
    return new PolicySettings(parameter, prefix, path(d.file(prefix + "publicKey", c.publicKey)),
        d.bool(prefix + "insecureIgnoreTlog", c.insecureIgnoreTlog),
        blank(d.string(prefix + "certificateIdentity", c.certificateIdentity)),
        blank(d.string(prefix + "certificateIdentityRegexp", c.certificateIdentityRegexp)),
        blank(d.string(prefix + "certificateOidcIssuer", c.certificateOidcIssuer)),
        blank(d.string(prefix + "certificateOidcIssuerRegexp", c.certificateOidcIssuerRegexp)),
        blank(d.string(prefix + "certificateGithubWorkflowRepository", c.certificateGithubWorkflowRepository)),
        blank(d.string(prefix + "certificateGithubWorkflowRef", c.certificateGithubWorkflowRef)),
        blank(d.string(prefix + "certificateGithubWorkflowTrigger", c.certificateGithubWorkflowTrigger)));
  }

  private static java.nio.file.Path path(File file) {
    return file == null ? null : file.toPath();
  }

  private static String blank(String value) {
    return io.github.dockerbuild.config.Values.blankToNull(value);
  }
}
