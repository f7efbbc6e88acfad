package io.github.dockerbuild.verify;

import io.github.dockerbuild.domain.VerifyOutcome;
import io.github.dockerbuild.signature.SignatureEvidence;
import io.github.dockerbuild.signature.SignatureVerifier;
import io.github.dockerbuild.signature.Check;
import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.signature.SignatureFetcher;
import io.github.dockerbuild.signature.VerificationFailure;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.RecordStore;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.registry.ImageRef;
import io.github.dockerbuild.registry.ManifestInfo;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.registry.RegistryException;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verify stage: resolves each base image and registry cache source to a digest, verifies the
 * signatures of that digest, and records the outcome. The build then uses exactly the verified
 * digests. A base image that fails stops the build; a cache source that fails is dropped with a
 * warning. Knows nothing of Maven.
 */
public final class VerifyService {
  private final RegistryClient client;
  private final SignatureFetcher fetcher;
  private final StepRunner steps;
  private final BuildLog log;
  private final SharedVerifications shared;

  public VerifyService(RegistryClient client, StepRunner steps, BuildLog log) {
    this(client, steps, log, new SharedVerifications());
  }

  /** @param shared the verdicts of this Maven run, which the modules verifying the same image share */
  public VerifyService(RegistryClient client, StepRunner steps, BuildLog log, SharedVerifications shared) {
    this.client = client;
    this.fetcher = new SignatureFetcher(client);
    this.steps = steps;
    this.log = log;
    this.shared = shared;
  }

  /**
   * Verifies every target (in parallel), logs each outcome, and writes them to the build record in
   * target order, also when a base image failed, so the report shows why.
   *
   * @throws VerificationFailedException when a base image failed
   */
  public BuildRecord.Verify verify(VerifySpec spec, RecordStore store, String module)
      throws VerificationFailedException, InterruptedException, IOException {
    List<StepRunner.Step<BuildRecord.Verification>> work = new ArrayList<>();
    for (VerifyTarget target : spec.targets()) {
      work.add(new StepRunner.Step<>(target.reference(), () -> verifyShared(spec, target, module)));
    }
    List<BuildRecord.Verification> outcomes = new ArrayList<>();
    for (StepRunner.Outcome<BuildRecord.Verification> outcome : steps.run(work)) {
      if (outcome.failure() instanceof InterruptedException ie) {
        throw ie;
      }
      if (outcome.failure() instanceof RuntimeException e) {
        throw e;
      }
      outcomes.add(outcome.value());
    }
    BuildRecord.Verify verify = new BuildRecord.Verify(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        outcomes);
    store.update(module, r -> r.withVerify(verify));
    List<BuildRecord.Verification> failed = outcomes.stream().filter(v -> v.outcome() == VerifyOutcome.FAILED).toList();
    if (!failed.isEmpty()) {
      throw new VerificationFailedException(spec.image(), failed);
    }
    return verify;
  }

  /**
   * One target, resolved and verified once per run and policy: a module that finds the verdict of
   * another takes it (the same image, the same policy, the same formats) and says so.
   */
  private BuildRecord.Verification verifyShared(VerifySpec spec, VerifyTarget target, String module)
      throws InterruptedException {
    String policy = target.isBase() ? spec.basePolicy() : spec.cachePolicy();
    boolean checked = (target.isBase() ? spec.base() : spec.cache()) != null
        && !(target.isBase() && spec.baseSkipReason() != null);
    if (policy == null || !checked) {
      return verifyOne(spec, target);
    }
    String key = target.role() + " " + target.reference() + " " + policy + " " + spec.formats().stream().sorted().toList();
    SharedVerifications.Verdict verdict = shared.get(key, module, () -> verifyOne(spec, target));
    if (verdict.module().equals(module)) {
      return verdict.verification();
    }
    BuildRecord.Verification v = verdict.verification();
    String what = (target.isBase() ? "base image " : "cache source ") + target.reference();
    String how = v.outcome() == VerifyOutcome.VERIFIED
        ? "verified " + v.digest() + ", signed by " + v.signer() + " (" + v.format() + " format)"
        : v.outcome().name() + (v.reason() == null ? "" : ": " + v.reason());
    String line = what + ": " + how + ", as module " + verdict.module() + " found in this run";
    if (v.outcome() == VerifyOutcome.VERIFIED) {
      log.info(line);
    } else {
      log.warn(line);
    }
    return outcome(target, v.digest() == null ? null : Digest.parse(v.digest()), v.outcome(), v.check(), v.reason(),
        v.signer(), v.format());
  }

  private BuildRecord.Verification verifyOne(VerifySpec spec, VerifyTarget target) {
    SignatureVerifier verifier = target.isBase() ? spec.base() : spec.cache();
    String what = (target.isBase() ? "base image " : "cache source ") + target.reference();
    if (target.isBase() && spec.baseSkipReason() != null) {
      log.info(what + ": not verified (" + spec.baseSkipReason() + ")");
      return outcome(target, null, VerifyOutcome.SKIPPED, null, spec.baseSkipReason(), null, null);
    }
    if (verifier == null) {
      String why = "no " + (target.isBase() ? "<basePolicy>" : "<cachePolicy>") + " is configured";
      log.info(what + ": not verified (" + why + ")");
      return outcome(target, null, VerifyOutcome.SKIPPED, null, why, null, null);
    }
    VerifyOutcome failure = target.isBase() ? VerifyOutcome.FAILED : VerifyOutcome.DROPPED;
    Digest digest = null;
    try {
      ImageRef ref = target.ref();
      Optional<Digest> resolved = client.checkManifest(ref).map(ManifestInfo::digest);
      if (resolved.isEmpty()) {
        String why = "the registry has no such image";
        // a missing cache image is warned about too: a person scanning the CI log for warnings must see
        // that this build ran without its cache
        log.warn(what + (target.isBase() ? ": " + why : ": not used (" + why + " yet): this build runs without it"));
        return outcome(target, null, failure, null, why, null, null);
      }
      digest = resolved.get();
      List<SignatureEvidence> evidence = fetcher.fetch(ref.withDigest(digest), spec.formats());
      if (evidence.isEmpty()) {
        throw new VerificationFailure(Check.SIGNATURE_PRESENT, "expected a signature of " + digest + " ("
            + describe(spec) + "), found none");
      }
      VerificationFailure furthest = null;
      for (SignatureEvidence candidate : evidence) {
        try {
          String signer = verifier.verify(digest, candidate);
          log.info(what + ": verified " + digest + ", signed by " + signer + " (" + candidate.format().id()
              + " format)");
          return outcome(target, digest, VerifyOutcome.VERIFIED, null, null, signer, candidate.format().id());
        } catch (VerificationFailure e) {
          if (furthest == null || e.check().ordinal() > furthest.check().ordinal()) {
            furthest = e;
          }
        }
      }
      throw furthest;
    } catch (VerificationFailure e) {
      log.warn(what + (digest == null ? "" : " " + digest) + ": " + (target.isBase() ? "FAILED" : "DROPPED")
          + " verification: " + e.getMessage());
      return outcome(target, digest, failure, e.check().id(), e.detail(), null, null);
    } catch (RegistryException | IllegalArgumentException e) {
      log.warn(what + ": " + (target.isBase() ? "FAILED" : "DROPPED") + ": " + e.getMessage());
      return outcome(target, digest, failure, null, e.getMessage(), null, null);
    }
  }

  private static String describe(VerifySpec spec) {
    List<String> where = new ArrayList<>();
    if (spec.formats().contains(SignatureFormat.LEGACY)) {
      where.add("legacy: the sha256-<hex>.sig tag");
    }
    if (spec.formats().contains(SignatureFormat.BUNDLE)) {
      where.add("bundle: a referrer");
    }
    return String.join("; ", where);
  }

  private static BuildRecord.Verification outcome(
      VerifyTarget target, Digest digest, VerifyOutcome outcome, String check, String reason, String signer,
      String format) {
    return new BuildRecord.Verification(target.role(), target.name(), target.reference(),
        digest == null ? null : digest.value(), outcome, check, reason, signer, format);
  }
}
