package io.github.dockerbuild.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

/**
 * The configuration page's "Every parameter and property" table is the plugin descriptor's: every
 * parameter a POM can set, with its {@code -D} property, default and goals. A parameter added,
 * renamed or given another default fails this test until the page says so; the table this test
 * expects is written to {@code target/configuration-table.md}, ready to paste.
 */
class ConfigurationPageTest {
  private static final Path DESCRIPTOR = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");
  private static final Path PAGE = Path.of("..", "src", "site", "markdown", "configuration.md");
  private static final String HEADER = "| parameter | property | default | goals |";

  /** The table's rows, one per parameter, from the descriptor Maven reads. */
  static List<String> rowsOf(Xpp3Dom plugin) {
    Map<String, String[]> byName = new TreeMap<>();
    Map<String, TreeSet<String>> goals = new TreeMap<>();
    for (Xpp3Dom mojo : plugin.getChild("mojos").getChildren("mojo")) {
      String goal = mojo.getChild("goal").getValue();
      Xpp3Dom configuration = mojo.getChild("configuration");
      Xpp3Dom parameters = mojo.getChild("parameters");
      if (parameters == null) {
        continue;
      }
      for (Xpp3Dom parameter : parameters.getChildren("parameter")) {
        Xpp3Dom editable = parameter.getChild("editable");
        if (editable != null && "false".equals(editable.getValue())) {
          continue;
        }
        String name = parameter.getChild("name").getValue();
        Xpp3Dom given = configuration == null ? null : configuration.getChild(name);
        String value = given == null || given.getValue() == null ? "" : given.getValue();
        String property = value.startsWith("${") && value.endsWith("}") ? value.substring(2, value.length() - 1) : "";
        String defaultValue = given == null || given.getAttribute("default-value") == null ? ""
            : given.getAttribute("default-value");
        byName.putIfAbsent(name, new String[] {property, defaultValue});
        goals.computeIfAbsent(name, n -> new TreeSet<>()).add(goal);
      }
    }
    List<String> rows = new ArrayList<>();
    byName.forEach((name, pd) -> rows.add("| `" + name + "` | " + code(pd[0]) + " | " + code(pd[1]) + " | "
        + String.join(", ", goals.get(name)) + " |"));
    return rows;
  }

  private static String code(String text) {
    return text.isEmpty() ? "" : "`" + text + "`";
  }

  /** The rows under the table's header on the page, up to the first line that is no row. */
  static List<String> rowsOnPage(List<String> page) {
    int header = page.indexOf(HEADER);
    assertThat(header).as("the page has the table " + HEADER).isNotNegative();
    List<String> rows = new ArrayList<>();
    for (int i = header + 2; i < page.size() && page.get(i).startsWith("| "); i++) {
      rows.add(page.get(i));
    }
    return rows;
  }

  @Test
  void everyParameterOfTheDescriptorIsOnTheConfigurationPage() throws Exception {
    Xpp3Dom plugin;
    try (Reader in = Files.newBufferedReader(DESCRIPTOR)) {
      plugin = Xpp3DomBuilder.build(in);
    }
    List<String> expected = rowsOf(plugin);
    Files.write(Path.of("target", "configuration-table.md"), expected, StandardCharsets.UTF_8);

    assertThat(expected).as("parameters in the descriptor").hasSizeGreaterThan(50);
    assertThat(rowsOnPage(Files.readAllLines(PAGE)))
        .as("the table of " + PAGE + " (the expected one is in target/configuration-table.md)")
        .containsExactlyElementsOf(expected);
  }
}
