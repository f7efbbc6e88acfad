package io.github.dockerbuild.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The POMs carry what Maven Central requires of a release (name, description, URL, licences,
 * developers, SCM), and the URLs match the {@code io.github.dockerbuild} namespace, which Central
 * verifies against the GitHub organisation {@code dockerbuild}.
 */
class PublishingMetadataTest {
  private static Xpp3Dom parent;
  private static Xpp3Dom plugin;

  @BeforeAll
  static void read() throws Exception {
    // the module's directory is the working directory of its tests
    parent = pom(Path.of("..", "pom.xml"));
    plugin = pom(Path.of("pom.xml"));
  }

  private static Xpp3Dom pom(Path file) throws Exception {
    try (Reader in = Files.newBufferedReader(file)) {
      return Xpp3DomBuilder.build(in);
    }
  }

  private static String text(Xpp3Dom dom, String... path) {
    Xpp3Dom node = dom;
    for (String name : path) {
      node = node == null ? null : node.getChild(name);
    }
    return node == null || node.getValue() == null ? "" : node.getValue().trim();
  }

  @Test
  void groupIdIsTheNamespaceOfTheGithubOrganisation() {
    assertThat(text(parent, "groupId")).isEqualTo("io.github.dockerbuild");
    assertThat(text(plugin, "parent", "groupId")).isEqualTo("io.github.dockerbuild");
  }

  @Test
  void urlAndScmPointIntoTheNamespace() {
    assertThat(text(parent, "url")).startsWith("https://dockerbuild.github.io/");
    assertThat(text(parent, "scm", "url")).startsWith("https://github.com/dockerbuild/");
    assertThat(text(parent, "scm", "connection")).startsWith("scm:git:https://github.com/dockerbuild/");
    assertThat(text(parent, "scm", "developerConnection")).startsWith("scm:git:ssh://git@github.com/dockerbuild/");
    assertThat(text(parent, "issueManagement", "url")).startsWith("https://github.com/dockerbuild/");
    // every module shares the one repository, not a path below it
    assertThat(parent.getChild("scm").getAttribute("child.scm.connection.inherit.append.path")).isEqualTo("false");
    assertThat(parent.getChild("scm").getAttribute("child.scm.developerConnection.inherit.append.path"))
        .isEqualTo("false");
    assertThat(parent.getChild("scm").getAttribute("child.scm.url.inherit.append.path")).isEqualTo("false");
  }

  @Test
  void licencesAndDevelopersAreNamed() {
    Xpp3Dom[] licenses = parent.getChild("licenses").getChildren("license");
    assertThat(licenses).isNotEmpty();
    assertThat(Arrays.stream(licenses).map(l -> text(l, "name"))).allMatch(name -> !name.isEmpty());
    assertThat(Arrays.stream(licenses).map(l -> text(l, "url"))).allMatch(url -> url.startsWith("https://"));
    Xpp3Dom[] developers = parent.getChild("developers").getChildren("developer");
    assertThat(developers).isNotEmpty();
    assertThat(Arrays.stream(developers).map(d -> text(d, "name"))).allMatch(name -> !name.isEmpty());
  }

  @Test
  void thePublishedModuleHasANameAndADescription() {
    assertThat(text(plugin, "name")).isNotEmpty();
    assertThat(text(plugin, "description")).isNotEmpty();
    assertThat(text(parent, "description")).isNotEmpty();
  }

  @Test
  void theSiteHasADistributionUrl() {
    // site:stage needs it to lay the modules' sites out below the parent's
    assertThat(text(parent, "distributionManagement", "site", "url")).isEqualTo(text(parent, "url"));
  }
}
