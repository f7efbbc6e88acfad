package io.github.dockerbuild.report;

import io.github.dockerbuild.domain.BuildPlan;
import io.github.dockerbuild.domain.ImagePlan;
import io.github.dockerbuild.domain.PlannedCache;
import io.github.dockerbuild.domain.PlannedGoal;
import io.github.dockerbuild.domain.PlannedValue;
import io.github.dockerbuild.domain.PlatformPlan;
import io.github.dockerbuild.domain.PublishPlan;
import io.github.dockerbuild.domain.SignPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The plan as a person reads it in a CI log: the goals in the order they run, then each stage's part. */
public final class PlanText {
  private PlanText() {}

  public static List<String> lines(BuildPlan plan) {
    List<String> out = new ArrayList<>();
    out.add("plan for image " + plan.image() + " (" + plan.module() + ")");
    if (plan.metadata() != null) {
      out.add("  version " + plan.metadata().version() + ", " + plan.metadata().mode().id() + " build, "
          + (plan.metadata().push() ? "push" : "no push") + ", created " + plan.metadata().created()
          + ", tags " + String.join(", ", plan.metadata().tags()));
    }
    out.add("  goals:");
    for (PlannedGoal goal : plan.goals()) {
      out.add("    " + goal.goal() + (goal.phase() == null ? "" : " (" + goal.phase() + ")")
          + (goal.runs() ? "" : ": skipped, " + goal.reason()));
    }
    if (plan.verify() != null) {
      verify(out, plan.verify());
    }
    if (plan.build() != null) {
      build(out, plan.build());
    }
    if (plan.publish() != null) {
      publish(out, plan.publish());
    }
    if (plan.sign() != null) {
      sign(out, plan.sign());
    }
    return out;
  }

  private static void verify(List<String> out, io.github.dockerbuild.domain.VerifyPlan verify) {
    out.add("  verify: base images " + (verify.baseSkipReason() != null ? "not verified (" + verify.baseSkipReason() + ")"
        : verify.basePolicy() == null ? "not verified (no <basePolicy>)" : "signed by " + verify.basePolicy())
        + "; cache sources " + (verify.cachePolicy() == null ? "not verified (no <cachePolicy>)"
        : "signed by " + verify.cachePolicy()) + "; formats "
        + String.join(", ", verify.formats().stream().map(f -> f.id()).toList()));
    for (io.github.dockerbuild.domain.VerifyPlan.Target t : verify.targets()) {
      out.add("    " + (t.role() == io.github.dockerbuild.domain.InputRole.BASE ? "base image " + t.name() + " = "
          : "cache source ") + t.reference());
    }
  }

  private static void build(List<String> out, ImagePlan build) {
    out.add("  build: " + build.dockerfile() + " in " + build.contextDirectory() + (build.push() ? ", pushed" : ", not pushed")
        + (build.secrets().isEmpty() ? "" : ", secrets " + String.join(", ", build.secrets())));
    for (PlatformPlan p : build.platforms()) {
      out.add("    " + p.platform() + " (arch " + p.arch() + ")" + (p.reference() == null ? "" : " -> " + p.reference())
          + node(p));
      out.add("      build args: " + values(p.buildArgs()));
      out.add("      labels: " + values(p.labels()));
      cache(out, "cache from", p.cacheFrom());
      cache(out, "cache to", p.cacheTo());
      out.add("      output: " + p.output());
      out.add("      buildx: " + io.github.dockerbuild.exec.ShellLine.of(p.buildx()));
    }
  }

  private static String node(PlatformPlan p) {
    List<String> on = new ArrayList<>();
    if (p.node().builder() != null) {
      on.add("builder " + p.node().builder());
    }
    if (p.node().context() != null) {
      on.add("context " + p.node().context());
    }
    return on.isEmpty() ? "" : " on " + String.join(", ", on);
  }

  private static String values(List<PlannedValue> values) {
    if (values.isEmpty()) {
      return "none";
    }
    return values.stream().map(v -> v.name() + "=" + v.value() + switch (v.origin()) {
          case POM -> " (POM)";
          case DOCKERFILE -> " (Dockerfile)";
          case INJECTED -> "";
        })
        .collect(Collectors.joining(", "));
  }

  private static void cache(List<String> out, String what, List<PlannedCache> entries) {
    if (entries.isEmpty()) {
      out.add("      " + what + ": none");
      return;
    }
    for (PlannedCache c : entries) {
      out.add("      " + what + ": " + c.resolved().toArg() + " (" + c.status().text() + ")");
    }
  }

  private static void publish(List<String> out, PublishPlan publish) {
    out.add("  publish: " + publish.image() + " tags " + String.join(", ", publish.tags()) + ", platforms "
        + (publish.platforms().isEmpty() ? "of the build record" : publish.platforms().stream()
            .map(Object::toString).collect(Collectors.joining(", ")))
        + (publish.digests().isEmpty() ? "" : ", digests given: " + publish.digests().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")))
        + (publish.allowPartial() ? ", partial allowed" : "") + (publish.dryRun() ? ", dry run" : ""));
    for (Map.Entry<String, String> a : publish.annotations().entrySet()) {
      out.add("    annotation " + a.getKey() + "=" + a.getValue());
    }
  }

  private static void sign(List<String> out, SignPlan sign) {
    out.add("  sign: " + String.join(" and ", sign.subjects().stream().map(s -> s.id()).toList()) + " with "
        + sign.signer() + " as " + String.join(" and ", sign.formats().stream().map(f -> f.id()).toList()) + (sign.annotations().isEmpty() ? "" : ", annotations "
            + sign.annotations().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "))));
  }
}
