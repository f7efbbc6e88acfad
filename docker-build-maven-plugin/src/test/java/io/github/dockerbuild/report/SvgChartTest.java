package io.github.dockerbuild.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SvgChartTest {
  private static final Pattern RECT_WIDTH = Pattern.compile("<rect [^>]*width=\"([0-9.]+)\"");

  private static List<Double> widths(String svg) {
    List<Double> widths = new ArrayList<>();
    Matcher m = RECT_WIDTH.matcher(svg);
    while (m.find()) {
      widths.add(Double.parseDouble(m.group(1)));
    }
    return widths;
  }

  static Stream<Arguments> charts() {
    return Stream.of(
        Arguments.of("one bar fills the plot", List.of(5.0), List.of(400.0)),
        Arguments.of("proportional", List.of(1000.0, 500.0, 250.0), List.of(400.0, 200.0, 100.0)),
        Arguments.of("the longest is not first", List.of(1.0, 4.0), List.of(100.0, 400.0)),
        Arguments.of("a zero bar", List.of(0.0, 3.0), List.of(0.0, 400.0)),
        Arguments.of("all zero", List.of(0.0, 0.0), List.of(0.0, 0.0)),
        Arguments.of("no bars", List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("charts")
  void bars_oneRectPerBar_widthsProportional(String name, List<Double> values, List<Double> expected) {
    List<SvgChart.Bar> bars = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      bars.add(new SvgChart.Bar("b" + i, values.get(i), values.get(i) + " s", "ok"));
    }
    String svg = SvgChart.bars("c", "Chart", bars);
    assertThat(widths(svg)).containsExactlyElementsOf(expected);
    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
    assertThat(svg).contains("height=\"" + (values.size() * 24 + 6) + "\"");
  }

  @Test
  void bars_labelsAndTitleAreEscaped() {
    String svg = SvgChart.bars("id\"x", "a <b> & c", List.of(new SvgChart.Bar("<script>alert(1)</script>", 1, "1 & 2", "failed")));
    assertThat(svg).doesNotContain("<script>").doesNotContain("<b>");
    assertThat(svg).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("a &lt;b&gt; &amp; c")
        .contains("1 &amp; 2").contains("id=\"id&quot;x\"");
  }

  @Test
  void bars_failedBarsAreMarked() {
    String svg = SvgChart.bars("c", "t", List.of(new SvgChart.Bar("a", 1, "1", "failed"), new SvgChart.Bar("b", 1, "1", "ok")));
    assertThat(svg).contains("class=\"bar bar-failed\"").contains("class=\"bar bar-ok\"");
  }

  @Test
  void bars_isWellFormedXml() throws Exception {
    String svg = SvgChart.bars("c", "t & u", List.of(new SvgChart.Bar("<a>", 2, "x", "ok")));
    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
