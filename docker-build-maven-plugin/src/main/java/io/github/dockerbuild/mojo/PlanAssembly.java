package io.github.dockerbuild.mojo;

import io.github.dockerbuild.config.InvalidConfigurationException;
import io.github.dockerbuild.config.InvalidValueException;
import io.github.dockerbuild.config.Problems;
import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.domain.ImagePlan;
import io.github.dockerbuild.domain.ImageSpec;
import io.github.dockerbuild.domain.PlannedGoal;
import io.github.dockerbuild.domain.PublishPlan;
import io.github.dockerbuild.domain.SignPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plan while the goals of a run add their parts: every problem any goal finds is collected
 * here, so the first goal reports them all at once.
 */
final class PlanAssembly {
  private final Set<String> problems = new LinkedHashSet<>();
  final List<PlannedGoal> goals = new ArrayList<>();
  /** The module's metadata; null when it has problems of its own. */
  BuildMetadata metadata;
  /** The spec the build goals share, made once by the first of them. */
  ImageSpec spec;
  /** The spec could not be made: the build goals' problems are already recorded. */
  boolean specFailed;
  io.github.dockerbuild.domain.VerifyPlan verify;
  /** The verify goal's spec, which it executes. */
  io.github.dockerbuild.verify.VerifySpec verifySpec;
  ImagePlan build;
  PublishPlan publish;
  SignPlan sign;
  /** The signer the sign goal made (its key read and decrypted, or its keyless settings checked). */
  io.github.dockerbuild.signature.sign.Signer signer;
  /** The verify goal runs with a cache policy: registry cache sources are used once verified. */
  boolean verifiesCache;

  /** Work that may find configuration problems. */
  @FunctionalInterface
  interface Check<T> {
    T run() throws Exception;
  }

  /** Runs a check; its configuration problems are recorded and the result is then null. */
  <T> T attempt(Check<T> check) throws InterruptedException {
    try {
      return check.run();
    } catch (InvalidConfigurationException e) {
      problems.addAll(e.problems());
    } catch (InvalidValueException e) {
      problems.add(e.getMessage());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      problems.add(e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return null;
  }

  /** The image's name for messages: from the metadata, else as configured, else the module's. */
  String image(AbstractImageMojo goal) {
    return metadata != null ? metadata.image() : goal.configuredImage();
  }

  void problem(String message) {
    problems.add(message);
  }

  void addAll(Problems found) {
    problems.addAll(found.messages());
  }

  List<String> problems() {
    return List.copyOf(problems);
  }
}
