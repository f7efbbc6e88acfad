package io.github.dockerbuild.signature.sign;

import io.github.dockerbuild.exec.BuildLog;
import io.github.dockerbuild.exec.StepRunner;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.registry.RegistryException;
import io.github.dockerbuild.signature.SignatureFormat;
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
