package io.github.dockerbuild.report;

import io.github.dockerbuild.report.ImageReport.PlatformRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders an {@link ImageReport} as an HTML fragment for the body of a site page: tables and inline
 * SVG charts, no script. Every value from the record or the Dockerfile is escaped.
 */
public final class ReportHtml {
  static final String TABLE = "<table class=\"bodyTable table table-striped docker-build\"";

  private ReportHtml() {}

  /** A page of its own around a body this class rendered: what the report goal writes outside a site. */
  public static String document(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\"><title>" + Html.escape(title)
        + "</title></head>\n<body>\n" + body + "\n</body></html>\n";
  }

  public static String render(ImageReport report) {
    StringBuilder h = new StringBuilder();
    h.append("<section class=\"docker-build-report\" id=\"docker-build-report\" data-status=\"")
        .append(report.status().name().toLowerCase(Locale.ROOT)).append("\">");
    h.append("<h1>Container image: ").append(Html.escape(report.image() == null ? report.module() : report.image()))
        .append("</h1>");
    String cls = switch (report.status()) {
      case NO_RECORD, NOT_BUILT -> "alert alert-info";
      case FAILED -> "alert alert-danger";
      case BUILT -> "alert alert-success";
    };
    h.append("<p class=\"").append(cls).append("\" id=\"status\">").append(Html.escape(report.message())).append("</p>");

    if (report.image() != null) {
      names(h, report);
    }
    if (!report.platforms().isEmpty()) {
      platforms(h, report);
      charts(h, report);
    }
    decisions(h, report);
    if (!report.buildArgs().isEmpty()) {
      table(h, "Build args", "build-args", List.of("name", "value passed", "source", "Dockerfile default", "note"),
          report.buildArgs().stream().map(a -> List.of(a.name(), a.value() == null ? "" : a.value(), a.source(),
              a.dockerfileDefault() == null ? "" : a.dockerfileDefault(), a.note() == null ? "" : a.note())).toList());
    }
    if (!report.labels().isEmpty()) {
      table(h, "Labels", "labels", List.of("key", "value", "source", "note"),
          report.labels().stream().map(l -> List.of(l.key(), l.value(), l.source(), l.note() == null ? "" : l.note()))
              .toList());
    }
    if (!report.baseImages().isEmpty()) {
      table(h, "Base images", "base-images", List.of("stage", "FROM", "resolved", "verification", "detail"),
          report.baseImages().stream().map(b -> List.of(b.stage(), b.written(), b.resolved(), b.outcome(), b.detail()))
              .toList());
    }
    if (!report.cache().isEmpty()) {
      table(h, "Cache", "cache", List.of("platform", "direction", "entry", "outcome", "detail"),
          report.cache().stream().map(c -> List.of(c.platform(), c.direction(), c.entry(), c.outcome(), c.detail()))
              .toList());
    }
    if (report.publish() != null) {
      publish(h, report.publish());
    }
    if (report.signatures() != null) {
      if (report.signatures().isEmpty()) {
        section(h, "Signatures", "signatures");
        h.append("<p>The sign stage ran and wrote no signature.</p></section>");
      } else {
        table(h, "Signatures", "signatures", List.of("subject", "platform", "format", "stored at", "signer"),
            report.signatures().stream().map(s -> List.of(s.subject(), s.platform() == null ? "index" : s.platform(),
                s.format(), s.location(), s.signer() == null ? "" : s.signer())).toList());
      }
    }
    h.append("</section>");
    return h.toString();
  }

  private static void names(StringBuilder h, ImageReport report) {
    section(h, "Names and tags", "names");
    h.append("<p>Multi-arch image <code id=\"image\">").append(Html.escape(report.image())).append("</code>");
    List<String> perArch = report.platforms().stream().map(ImageReport.PlatformRow::archReference)
        .filter(java.util.Objects::nonNull).toList();
    if (!perArch.isEmpty()) {
      h.append(", per-arch images ").append(String.join(", ", perArch.stream()
          .map(r -> "<code>" + Html.escape(r) + "</code>").toList()));
    } else if ("{image}".equals(report.archImage())) {
      h.append(", per-arch images tagged TAG-ARCH in the same repository");
    } else {
      h.append(", per-arch images in a repository of their own per architecture");
    }
    h.append(".</p>");
    h.append(TABLE).append(" id=\"tags\"><thead><tr><th>tag</th><th>reference</th><th></th></tr></thead><tbody>");
    for (ImageReport.Tag tag : report.tags()) {
      h.append("<tr").append(tag.primary() ? " class=\"primary\"" : "").append("><td>").append(Html.escape(tag.name()))
          .append("</td><td><code>").append(Html.escape(tag.reference())).append("</code></td><td>")
          .append(tag.primary() ? "<strong>primary</strong>" : "").append("</td></tr>");
    }
    h.append("</tbody></table></section>");
  }

  private static void platforms(StringBuilder h, ImageReport report) {
    section(h, "Platforms", "platforms");
    if (report.build() != null) {
      h.append("<p>Built ").append(Html.escape(report.build().finishedAt())).append(" with ")
          .append(Html.escape(report.build().buildx())).append(report.build().pushed() ? ", pushed" : ", not pushed")
          .append(report.build().upToDate() ? "; the last run left the build out, nothing it is made from"
              + " having changed" : "")
          .append(".</p>");
    }
    h.append("<div class=\"table-responsive\">").append(TABLE).append(" id=\"platform-table\"><thead><tr><th>platform</th><th>outcome</th><th>per-arch image</th>"
        + "<th>builder</th><th>digest</th><th>build time</th><th>compressed size</th><th>steps cached / executed</th>"
        + "<th>output</th><th>compression</th></tr></thead><tbody>");
    for (PlatformRow p : report.platforms()) {
      h.append("<tr class=\"platform ").append(p.failed() ? "failed" : "built").append("\" data-platform=\"")
          .append(Html.escape(p.platform())).append("\">");
      cell(h, p.platform());
      h.append("<td>").append(p.failed() ? "<strong class=\"failed\">" + Html.escape(p.outcome()) + "</strong>" : Html.escape(p.outcome()));
      if (p.error() != null) {
        h.append("<br/><span class=\"reason\">").append(Html.escape(p.error())).append("</span>");
      }
      h.append("</td>");
      code(h, p.archReference());
      cell(h, p.builder());
      code(h, p.digest() == null ? "" : p.digest());
      cell(h, p.millis() == null ? "" : duration(p.millis()));
      cell(h, p.compressedSize() == null ? (p.failed() ? "" : ImageReport.NOT_RECORDED) : size(p.compressedSize()));
      cell(h, p.cachedSteps() == null ? (p.failed() ? "" : ImageReport.NOT_RECORDED)
          : p.cachedSteps() + " / " + p.executedSteps());
      code(h, p.output());
      cell(h, p.compression());
      h.append("</tr>");
    }
    h.append("</tbody></table></div></section>");
  }

  private static void charts(StringBuilder h, ImageReport report) {
    section(h, "Build time per platform", "build-time");
    List<SvgChart.Bar> times = new ArrayList<>();
    for (PlatformRow p : report.platforms()) {
      long ms = p.millis() == null ? 0 : p.millis();
      times.add(new SvgChart.Bar(p.platform(), ms, p.failed() ? duration(ms) + " (failed)" : duration(ms),
          p.failed() ? "failed" : "ok"));
    }
    h.append(SvgChart.bars("build-time-chart", "Build time per platform", times)).append("</section>");

    section(h, "Layer sizes", "layer-sizes");
    boolean any = false;
    for (PlatformRow p : report.platforms()) {
      if (p.layerSizes() == null || p.layerSizes().isEmpty()) {
        continue;
      }
      any = true;
      List<SvgChart.Bar> layers = new ArrayList<>();
      for (int i = 0; i < p.layerSizes().size(); i++) {
        long bytes = p.layerSizes().get(i);
        layers.add(new SvgChart.Bar("layer " + (i + 1), bytes, size(bytes), "ok"));
      }
      h.append("<h3>").append(Html.escape(p.platform())).append("</h3>");
      h.append(SvgChart.bars("layers-" + p.platform().replace('/', '-'),
          "Compressed layer sizes of " + p.platform(), layers));
    }
    if (!any) {
      h.append("<p>Layer sizes: ").append(ImageReport.NOT_RECORDED)
          .append(" (they are read from the registry after a push).</p>");
    }
    h.append("</section>");
  }

  private static void decisions(StringBuilder h, ImageReport report) {
    table(h, "Mode and decisions", "decisions", List.of("", ""),
        report.decisions().stream().map(d -> List.of(d.name(), d.value())).toList());
  }

  private static void publish(StringBuilder h, ImageReport.PublishInfo p) {
    section(h, "Published index", "publish");
    h.append("<p>").append(p.dryRun() ? "Planned (dry run, nothing written)" : "Published").append(' ')
        .append(Html.escape(p.finishedAt())).append(": index <code id=\"index-digest\">")
        .append(Html.escape(p.indexDigest())).append("</code></p>");
    h.append(TABLE).append(" id=\"published-tags\"><thead><tr><th>tag</th></tr></thead><tbody>");
    for (String ref : p.references()) {
      h.append("<tr><td><code>").append(Html.escape(ref)).append("</code></td></tr>");
    }
    h.append("</tbody></table>");
    if (!p.children().isEmpty()) {
      h.append("<p>Children:</p><ul>");
      for (String child : p.children()) {
        h.append("<li><code>").append(Html.escape(child)).append("</code></li>");
      }
      h.append("</ul>");
    }
    h.append("</section>");
  }

  private static void section(StringBuilder h, String title, String id) {
    h.append("<section id=\"").append(id).append("\"><h2>").append(Html.escape(title)).append("</h2>");
  }

  private static void table(StringBuilder h, String title, String id, List<String> headers, List<List<String>> rows) {
    section(h, title, id);
    h.append("<div class=\"table-responsive\">").append(TABLE).append(" id=\"").append(id).append("-table\"><thead><tr>");
    for (String header : headers) {
      h.append("<th>").append(Html.escape(header)).append("</th>");
    }
    h.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      h.append("<tr>");
      for (String value : row) {
        cell(h, value);
      }
      h.append("</tr>");
    }
    h.append("</tbody></table></div></section>");
  }

  private static void cell(StringBuilder h, String text) {
    h.append("<td>").append(Html.escape(text)).append("</td>");
  }

  private static void code(StringBuilder h, String text) {
    h.append("<td>").append(text == null || text.isEmpty() ? "" : "<code>" + Html.escape(text) + "</code>").append("</td>");
  }

  /** 850 ms, 12.3 s, 2 min 05 s. */
  static String duration(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long s = millis / 1000;
    return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
  }

  /** 512 B, 3.4 KiB, 12.0 MiB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
