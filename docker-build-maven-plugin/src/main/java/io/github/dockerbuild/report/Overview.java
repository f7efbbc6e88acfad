package io.github.dockerbuild.report;

import java.util.List;

/**
 * The parent's page in a multi-module build: one row per image module, linking to its page.
 */
public final class Overview {
  private Overview() {}

  /**
   * @param module the module name
   * @param link the module's report page, relative to the parent's
   * @param report the module's view model
   */
  public record Row(String module, String link, ImageReport report) {}

  public static String render(String title, List<Row> rows) {
    StringBuilder h = new StringBuilder();
    h.append("<section class=\"docker-build-overview\" id=\"docker-build-overview\"><h1>")
        .append(Html.escape(title)).append("</h1>");
    if (rows.isEmpty()) {
      h.append("<p id=\"status\">No module of this build has a Dockerfile.</p></section>");
      return h.toString();
    }
    h.append(ReportHtml.TABLE).append(" id=\"modules-table\"><thead><tr><th>module</th><th>image</th><th>tags</th>"
        + "<th>platforms</th><th>status</th><th>index</th></tr></thead><tbody>");
    for (Row row : rows) {
      ImageReport r = row.report();
      h.append("<tr class=\"module\"><td><a href=\"").append(Html.escape(row.link())).append("\">")
          .append(Html.escape(row.module())).append("</a></td>");
      h.append("<td><code>").append(Html.escape(r.image() == null ? "" : r.image())).append("</code></td>");
      h.append("<td>").append(Html.escape(String.join(", ", r.tags().stream().map(ImageReport.Tag::name).toList())))
          .append("</td>");
      long built = r.platforms().stream().filter(p -> !p.failed()).count();
      h.append("<td>").append(Html.escape(String.join(", ", r.platforms().stream()
          .map(p -> p.platform() + (p.failed() ? " (failed)" : "")).toList()))).append("</td>");
      String status = switch (r.status()) {
        case NO_RECORD -> "no build record yet";
        case NOT_BUILT -> "not built";
        case FAILED -> "failed (" + built + "/" + r.platforms().size() + " built)";
        case BUILT -> "built";
      };
      h.append("<td>").append(Html.escape(status)).append("</td>");
      h.append("<td>").append(r.publish() == null ? "" : "<code>" + Html.escape(r.publish().indexDigest()) + "</code>")
          .append("</td></tr>");
    }
    h.append("</tbody></table></section>");
    return h.toString();
  }
}
