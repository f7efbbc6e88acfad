package io.github.dockerbuild.record;

import io.github.dockerbuild.domain.PlatformResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a CI job reads of one image module after its last goal, from its build record: the step
 * outputs ({@code $GITHUB_OUTPUT}), the job summary ({@code $GITHUB_STEP_SUMMARY}), and the files
 * every CI can read, {@code image.digest} and {@code image.json} (as Jib writes
 * {@code jib-image.digest} and {@code jib-image.json}). Pure: the record in, text out.
 */
public final class CiOutputs {
  private CiOutputs() {}

  /**
   * The image's digest: the published index's, else the one platform's when only one was built,
   * else null (several per-arch images and no index: there is no one digest).
   */
  public static String digest(BuildRecord record) {
    if (record.publish() != null && !record.publish().dryRun() && record.publish().indexDigest() != null) {
      return record.publish().indexDigest();
    }
    List<PlatformResult> built = succeeded(record);
    return built.size() == 1 ? built.get(0).digest() : null;
  }

  private static List<PlatformResult> succeeded(BuildRecord record) {
    if (record.build() == null) {
      return List.of();
    }
    return record.build().platforms().stream().filter(p -> p.succeeded() && p.digest() != null).toList();
  }

  /**
   * The step outputs: {@code image}, {@code tags} (comma-separated), {@code digest} (when there is
   * one), {@code image-ref} ({@code image@digest}), and per platform {@code digest-linux-arm64} and
   * so on; values on one line each.
   */
  public static Map<String, String> outputs(BuildRecord record) {
    Map<String, String> outputs = new LinkedHashMap<>();
    if (record.metadata() != null) {
      outputs.put("image", record.metadata().image());
      outputs.put("tags", String.join(",", record.metadata().tags()));
      outputs.put("version", record.metadata().version());
    }
    String digest = digest(record);
    if (digest != null) {
      outputs.put("digest", digest);
      if (record.metadata() != null) {
        outputs.put("image-ref", record.metadata().image() + "@" + digest);
      }
    }
    for (PlatformResult p : succeeded(record)) {
      outputs.put("digest-" + p.platform().toString().replace('/', '-'), p.digest());
    }
    return outputs;
  }

  /** The outputs in the {@code name=value} lines {@code $GITHUB_OUTPUT} takes. */
  public static String githubOutput(Map<String, String> outputs) {
    StringBuilder text = new StringBuilder();
    outputs.forEach((name, value) -> text.append(name).append('=').append(oneLine(value)).append('\n'));
    return text.toString();
  }

  private static String oneLine(String value) {
    return value == null ? "" : value.replace('\r', ' ').replace('\n', ' ');
  }

  /** {@code image.json}: the image, its digest, tags, whether it was pushed, and each platform's digest. */
  public static Map<String, Object> imageJson(BuildRecord record) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("image", record.metadata() == null ? null : record.metadata().image());
    json.put("imageDigest", digest(record));
    json.put("tags", record.metadata() == null ? List.of() : record.metadata().tags());
    json.put("imagePushed", record.build() != null && record.build().pushed());
    json.put("published", record.publish() != null && !record.publish().dryRun());
    List<Map<String, Object>> platforms = new ArrayList<>();
    if (record.build() != null) {
      for (PlatformResult p : record.build().platforms()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("platform", p.platform().toString());
        one.put("succeeded", p.succeeded());
        one.put("reference", p.reference());
        one.put("digest", p.digest());
        platforms.add(one);
      }
    }
    json.put("platforms", platforms);
    return json;
  }

  /** The job summary: one section per image, with tables of platforms, verified inputs and signatures. */
  public static String summary(BuildRecord record) {
    StringBuilder md = new StringBuilder();
    String image = record.metadata() == null ? record.module() : record.metadata().image();
    md.append("### ").append(code(image)).append("\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| module | ").append(cell(record.module())).append(" |\n");
    if (record.metadata() != null) {
      md.append("| version | ").append(code(record.metadata().version())).append(" |\n");
      md.append("| tags | ").append(String.join(" ", record.metadata().tags().stream().map(CiOutputs::code).toList()))
          .append(" |\n");
    }
    String digest = digest(record);
    md.append("| digest | ").append(digest == null ? "none" : code(digest)).append(" |\n");
    if (record.publish() != null) {
      md.append("| published | ").append(record.publish().dryRun() ? "dry run, nothing written"
          : String.join(" ", record.publish().references().stream().map(CiOutputs::code).toList())).append(" |\n");
    }
    md.append('\n');
    if (record.build() != null && !record.build().platforms().isEmpty()) {
      md.append("| platform | result | digest | time |\n|---|---|---|---|\n");
      for (PlatformResult p : record.build().platforms()) {
        md.append("| ").append(code(p.platform().toString())).append(" | ")
            .append(p.succeeded() ? "built" + (record.build().pushed() ? " and pushed" : "") : "failed: " + cell(p.error()))
            .append(" | ").append(p.digest() == null ? "" : code(p.digest())).append(" | ")
            .append(String.format(java.util.Locale.ROOT, "%.1f s", p.millis() / 1000.0)).append(" |\n");
      }
      md.append('\n');
    }
    if (record.verify() != null && !record.verify().images().isEmpty()) {
      md.append("| verified input | reference | outcome | signer |\n|---|---|---|---|\n");
      for (BuildRecord.Verification v : record.verify().images()) {
        md.append("| ").append(v.role().name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(cell(v.name()))
            .append(" | ").append(code(v.reference())).append(" | ")
            .append(v.outcome().name().toLowerCase(java.util.Locale.ROOT))
            .append(v.reason() == null ? "" : ": " + cell(v.reason())).append(" | ").append(cell(v.signer()))
            .append(" |\n");
      }
      md.append('\n');
    }
    if (record.sign() != null && !record.sign().signatures().isEmpty()) {
      md.append("| signed | format | signer |\n|---|---|---|\n");
      for (BuildRecord.Signature s : record.sign().signatures()) {
        md.append("| ").append(s.platform() == null ? "index" : code(s.platform())).append(' ').append(code(s.subject()))
            .append(" | ").append(cell(s.format())).append(" | ").append(cell(s.signer())).append(" |\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String code(String text) {
    return text == null || text.isEmpty() ? "" : "`" + text.replace("`", "'").replace("|", "\\|") + "`";
  }

  private static String cell(String text) {
    return text == null ? "" : oneLine(text).replace("|", "\\|");
  }
}
