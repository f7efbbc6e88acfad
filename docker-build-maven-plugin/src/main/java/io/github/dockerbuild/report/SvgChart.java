package io.github.dockerbuild.report;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts as inline SVG: no script, no external resource, readable in any browser
 * and in the HTML file itself. Bar widths are proportional to the values, the longest bar filling
 * the plot width.
 */
public final class SvgChart {
  /** Width of the plot area (bars), in px. */
  static final int PLOT_WIDTH = 400;
  static final int LABEL_WIDTH = 160;
  static final int VALUE_WIDTH = 110;
  static final int BAR_HEIGHT = 18;
  static final int GAP = 6;

  private SvgChart() {}

  /**
   * One bar.
   *
   * @param label the text before the bar
   * @param value the length, 0 or more
   * @param text the value as shown after the bar
   * @param kind a CSS class suffix: {@code ok}, {@code failed}, {@code cached}
   */
  public record Bar(String label, double value, String text, String kind) {}

  /** The width in px of a bar of {@code value} when the longest is {@code max}. */
  static double width(double value, double max) {
    if (max <= 0 || value <= 0) {
      return 0;
    }
    return PLOT_WIDTH * value / max;
  }

  /**
   * @param id the element id (also the CSS hook)
   * @param title what the chart shows (the SVG title, read by screen readers)
   */
  public static String bars(String id, String title, List<Bar> bars) {
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    int height = bars.size() * (BAR_HEIGHT + GAP) + GAP;
    int totalWidth = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"docker-build-chart\" id=\"")
        .append(Html.escape(id)).append("\" role=\"img\" width=\"").append(totalWidth)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(totalWidth).append(' ')
        .append(height).append("\" aria-label=\"").append(Html.escape(title)).append("\">");
    svg.append("<title>").append(Html.escape(title)).append("</title>");
    int y = GAP;
    for (Bar bar : bars) {
      double w = width(bar.value(), max);
      String fill = switch (bar.kind() == null ? "ok" : bar.kind()) {
        case "failed" -> "#c9302c";
        case "cached" -> "#8aa4c8";
        default -> "#337ab7";
      };
      int textY = y + BAR_HEIGHT - 5;
      svg.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(textY)
          .append("\" text-anchor=\"end\" font-size=\"12\" font-family=\"sans-serif\">")
          .append(Html.escape(bar.label())).append("</text>");
      svg.append("<rect class=\"bar bar-").append(Html.escape(bar.kind() == null ? "ok" : bar.kind()))
          .append("\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
          .append(format(w)).append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(fill)
          .append("\"><title>").append(Html.escape(bar.label() + ": " + bar.text())).append("</title></rect>");
      svg.append("<text x=\"").append(format(LABEL_WIDTH + w + 6)).append("\" y=\"").append(textY)
          .append("\" font-size=\"12\" font-family=\"sans-serif\">").append(Html.escape(bar.text())).append("</text>");
      y += BAR_HEIGHT + GAP;
    }
    svg.append("</svg>");
    return svg.toString();
  }

  static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
