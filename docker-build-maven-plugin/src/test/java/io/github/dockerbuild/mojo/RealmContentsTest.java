package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The POM the plugin is installed and deployed with, which Maven reads each time it sets up the
 * plugin's realm, on every goal of every build: flattened (no parent and no imported BOMs to read and
 * merge), and its runtime dependencies only what every goal needs. Each further jar costs every start
 * its POM chain and its component scan; a library one goal needs joins the realm when that goal asks
 * for it ({@link RealmLibrary}).
 */
class RealmContentsTest {
  private static final Path FLATTENED = Path.of(".flattened-pom.xml");

  @Test
  void installedPom_hasNoParentAndOnlyTheRealmEveryGoalNeeds() throws Exception {
    assertThat(FLATTENED).as("the flattened POM, written at process-resources").isRegularFile();
    Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(FLATTENED));
    Element project = pom.getDocumentElement();

    assertThat(children(project, "parent")).isEmpty();
    assertThat(children(project, "dependencyManagement")).isEmpty();
    List<String> runtime = new ArrayList<>();
    for (Element dependencies : children(project, "dependencies")) {
      for (Element dependency : children(dependencies, "dependency")) {
        String scope = text(dependency, "scope");
        if (scope == null || scope.equals("compile") || scope.equals("runtime")) {
          runtime.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
        }
      }
    }
    assertThat(runtime).containsExactlyInAnyOrder(
        "org.codehaus.plexus:plexus-utils",
        "org.apache.maven.reporting:maven-reporting-api",
        "org.apache.maven.doxia:doxia-sink-api");
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(name)) {
        found.add((Element) nodes.item(i));
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0).getTextContent().trim();
  }
}
