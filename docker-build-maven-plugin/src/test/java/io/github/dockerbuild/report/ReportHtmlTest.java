package io.github.dockerbuild.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dockerbuild.record.BuildRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportHtmlTest {

  /** The fragment must be well-formed XML (the site's XHTML5 sink passes it through as is). */
  private static Document parse(String html) throws Exception {
    String doc = "<!DOCTYPE html [<!ENTITY nbsp \"&#160;\">]><html>" + html + "</html>";
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
  }

  private static Element byId(Document d, String id) {
    NodeList all = d.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    return null;
  }

  private static int rows(Element table) {
    return ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr").getLength();
  }

  @Test
  void full_tablesChartsAndValues() throws Exception {
    String html = ReportHtml.render(ImageReportFactory.create("it:app", Fixtures.full(), Fixtures.DOCKERFILE));
    Document d = parse(html);
    assertThat(rows(byId(d, "platform-table"))).isEqualTo(2);
    assertThat(rows(byId(d, "tags"))).isEqualTo(2);
    assertThat(rows(byId(d, "build-args-table"))).isEqualTo(7);
    assertThat(rows(byId(d, "labels-table"))).isEqualTo(6);
    assertThat(rows(byId(d, "base-images-table"))).isEqualTo(2);
    assertThat(rows(byId(d, "cache-table"))).isEqualTo(4);
    assertThat(rows(byId(d, "published-tags"))).isEqualTo(2);
    assertThat(rows(byId(d, "signatures-table"))).isEqualTo(2);
    assertThat(byId(d, "build-time-chart").getElementsByTagName("rect").getLength()).isEqualTo(2);
    assertThat(byId(d, "layers-linux-amd64").getElementsByTagName("rect").getLength()).isEqualTo(2);
    assertThat(byId(d, "layers-linux-arm64").getElementsByTagName("rect").getLength()).isEqualTo(2);
    assertThat(byId(d, "index-digest").getTextContent()).isEqualTo(Fixtures.INDEX);
    assertThat(html).contains(Fixtures.AMD).contains(Fixtures.ARM)
        .contains("<tr class=\"primary\"><td>1.0.0</td>")
        .contains("12.3 s").contains("3.0 MiB").contains("3 / 1").contains("context node2")
        .contains("App &lt;one&gt;").doesNotContain("App <one>");
    assertThat(byId(d, "status").getAttribute("class")).isEqualTo("alert alert-success");
  }

  @Test
  void failedPlatform_markedFailedWithTheEscapedReason() throws Exception {
    BuildRecord record = BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(true))
        .withBuild(new BuildRecord.Build("t", "b", true, List.of(Fixtures.amd64(), Fixtures.arm64Failed())));
    String html = ReportHtml.render(ImageReportFactory.create("it:app", record, Fixtures.DOCKERFILE));
    Document d = parse(html);
    assertThat(html).contains("<tr class=\"platform failed\" data-platform=\"linux/arm64\">")
        .contains("<strong class=\"failed\">failed</strong>")
        .contains("ERROR: &lt;boom&gt; &amp; &quot;quoted&quot;")
        .contains("class=\"bar bar-failed\"")
        .contains("4.1 s (failed)");
    assertThat(byId(d, "status").getAttribute("class")).isEqualTo("alert alert-danger");
    assertThat(byId(d, "publish")).isNull();
    assertThat(byId(d, "signatures")).isNull();
  }

  @Test
  void upToDateBuild_saysItWasNotBuiltAgain() throws Exception {
    BuildRecord.Build build = new BuildRecord.Build("2026-12-01T10:00:00Z", "buildx 0.13", true,
        List.of(Fixtures.amd64()), "sha256:" + "f".repeat(64), false);
    String built = ReportHtml.render(ImageReportFactory.create("it:app",
        BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(true)).withBuild(build), Fixtures.DOCKERFILE));
    String kept = ReportHtml.render(ImageReportFactory.create("it:app",
        BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(true)).withBuild(build.leftOut()), Fixtures.DOCKERFILE));
    assertThat(built).contains("<p>Built 2026-12-01T10:00:00Z with buildx 0.13, pushed.</p>");
    assertThat(kept).contains("<p>Built 2026-12-01T10:00:00Z with buildx 0.13, pushed; the last run left the build out, "
        + "nothing it is made from having changed.</p>");
  }

  @Test
  void noRecord_saysSoInsteadOfAnEmptyPage() throws Exception {
    String html = ReportHtml.render(ImageReportFactory.create("it:app", null, Fixtures.DOCKERFILE));
    Document d = parse(html);
    assertThat(byId(d, "status").getTextContent()).startsWith("No build record yet");
    assertThat(byId(d, "platform-table")).isNull();
    assertThat(byId(d, "build-time-chart")).isNull();
    assertThat(html).contains("data-status=\"no_record\"");
  }

  @Test
  void layerSizesNotRecorded_saysSo() throws Exception {
    BuildRecord record = BuildRecord.empty("it:app").withMetadata(Fixtures.metadata(false))
        .withBuild(new BuildRecord.Build("t", "b", false, List.of(new io.github.dockerbuild.domain.PlatformResult(
            io.github.dockerbuild.domain.Platform.parse("linux/amd64"), true, "x:1", null, null, 800))));
    String html = ReportHtml.render(ImageReportFactory.create("it:app", record, null));
    parse(html);
    assertThat(html).contains("Layer sizes: not recorded").contains("800 ms");
  }

  @Test
  void durationsAndSizes() {
    assertThat(ReportHtml.duration(0)).isEqualTo("0 ms");
    assertThat(ReportHtml.duration(999)).isEqualTo("999 ms");
    assertThat(ReportHtml.duration(1000)).isEqualTo("1.0 s");
    assertThat(ReportHtml.duration(125_000)).isEqualTo("2 min 05 s");
    assertThat(ReportHtml.size(512)).isEqualTo("512 B");
    assertThat(ReportHtml.size(1536)).isEqualTo("1.5 KiB");
    assertThat(ReportHtml.size(3L * 1024 * 1024)).isEqualTo("3.0 MiB");
    assertThat(ReportHtml.size(2L * 1024 * 1024 * 1024)).isEqualTo("2.00 GiB");
  }

  @Test
  void overview_oneRowPerModuleWithLinks() throws Exception {
    BuildRecord failed = BuildRecord.empty("it:b").withMetadata(Fixtures.metadata(true))
        .withBuild(new BuildRecord.Build("t", "b", true, List.of(Fixtures.amd64(), Fixtures.arm64Failed())));
    String html = Overview.render("Image modules", List.of(
        new Overview.Row("app-a", "app-a/docker-build.html", ImageReportFactory.create("it:a", Fixtures.full(), null)),
        new Overview.Row("app-b", "app-b/docker-build.html", ImageReportFactory.create("it:b", failed, null)),
        new Overview.Row("app-<c>", "app-c/docker-build.html", ImageReportFactory.create("it:c", null, null))));
    Document d = parse(html);
    assertThat(rows(byId(d, "modules-table"))).isEqualTo(3);
    assertThat(html).contains("<a href=\"app-a/docker-build.html\">app-a</a>")
        .contains("failed (1/2 built)").contains("linux/arm64 (failed)")
        .contains("no build record yet").contains("app-&lt;c&gt;").contains(Fixtures.INDEX);
  }

  @Test
  void overview_noModules() {
    assertThat(Overview.render("Image modules", List.of())).contains("No module of this build has a Dockerfile.");
  }
}
