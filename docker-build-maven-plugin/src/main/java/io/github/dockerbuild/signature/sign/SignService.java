package io.github.dockerbuild.signature.sign;

import java.util.EnumSet;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.io.IOException;
import io.github.dockerbuild.record.RecordStore;
import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.domain.SignPlan;
import io.github.dockerbuild.domain.SignTarget;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.registry.RegistryException;
import io.github.dockerbuild.domain.SignatureFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs image digests: one step per digest and format, run by the step runner. Registry calls are
 * retried by the registry client (429, 5xx and connection errors, 5 attempts with backoff); what
 * still fails is reported per digest and format, after every other step has finished.
 */
public final class SignService {
  private final RegistryClient client;
  private final StepRunner runner;
  private final BuildLog log;
  private final Clock clock;

  public SignService(RegistryClient client, StepRunner runner, BuildLog log, Clock clock) {
    this.client = client;
    this.runner = runner;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Executes the plan's signing: the digests of what the record says publish and build pushed, in
   * every format of the plan, with the signer the plan made; then the record.
   *
   * @throws SignException naming every digest and format that could not be signed
   */
  public SignResult run(SignPlan plan, Signer signer, String image, RecordStore store, String module,
      BuildMetadata metadata) throws InterruptedException, IOException {
    BuildRecord record = store.read().orElse(null);
    List<SignSubject> subjects = SignSubjects.resolve(image, record, EnumSet.copyOf(plan.subjects()), client);
    log.info("Signing " + subjects.size() + " digest(s) of " + image + " with " + signer + " as "
        + String.join(" and ", plan.formats().stream().map(SignatureFormat::id).toList()));
    SignResult result = sign(new SignSpec(subjects, plan.formats(), plan.annotations(), signer));
    List<BuildRecord.Signature> signatures = result.signatures().stream()
        .map(w -> new BuildRecord.Signature(w.subject().image().toString(), w.subject().platform(), w.format().id(),
            w.location(), w.signer()))
        .toList();
    store.update(module, r -> r.withMetadata(metadata).withSign(new BuildRecord.Sign(
        Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString(), signatures)));
    return result;
  }

  /**
   * After another platform failed: signs the per-arch images the others pushed, where they live,
   * when the plan signs platforms and asks for it ({@code <signPartial>}) and the build pushes; the
   * index is not published, so it is not signed.
   *
   * @param plan the run's sign plan, or null when the sign goal does not run
   * @return what was written, or null when the plan does not sign after a failure
   */
  public SignResult runAfterPartialFailure(SignPlan plan, Signer signer, String image, RecordStore store,
      String module, BuildMetadata metadata) throws InterruptedException, IOException {
    if (plan == null || signer == null || !plan.partial() || !plan.subjects().contains(SignTarget.PLATFORMS)
        || !metadata.push()) {
      return null;
    }
    return run(plan.platformsOnly(), signer, image, store, module, metadata);
  }

  /**
   * @throws SignException naming every digest and format that could not be signed
   */
  public SignResult sign(SignSpec spec) throws InterruptedException {
    long before = client.counter().total().requests();
    LegacySignatureWriter legacy = new LegacySignatureWriter(client);
    BundleSignatureWriter bundle = new BundleSignatureWriter(client, clock);
    List<StepRunner.Step<SignResult.Written>> steps = new ArrayList<>();
    for (SignSubject subject : spec.subjects()) {
      for (SignatureFormat format : spec.formats()) {
        steps.add(new StepRunner.Step<>(subject.describe() + " " + format.id(), () -> switch (format) {
          case LEGACY -> legacy.write(subject, spec.signer(), spec.annotations());
          case BUNDLE -> bundle.write(subject, spec.signer(), spec.annotations());
        }));
      }
    }
    List<SignResult.Written> written = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (StepRunner.Outcome<SignResult.Written> outcome : runner.run(steps)) {
      if (outcome.succeeded()) {
        SignResult.Written w = outcome.value();
        written.add(w);
        log.info((w.existed() ? "already signed " : "signed ") + w.subject().describe() + " [" + w.format().id() + "] "
            + (w.existed() ? "by " + w.signer() + " at " : "-> ") + w.location());
      } else {
        failures.add(outcome.name() + ": " + reason(outcome.failure()));
      }
    }
    if (!failures.isEmpty()) {
      throw new SignException("could not sign " + failures.size() + " of " + steps.size() + ": "
          + String.join("; ", failures));
    }
    return new SignResult(written, client.counter().total().requests() - before);
  }

  private static String reason(Exception e) {
    if (e instanceof RegistryException || e instanceof SignException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
