package io.github.dockerbuild.metadata;

import java.util.List;

/**
 * What the POM says about the module, copied out of Maven's model by the mojo layer.
 *
 * @param artifactId the module's artifactId
 * @param version the project version
 * @param name the project name, or null
 * @param description the description, or null
 * @param url the project URL, or null
 * @param scmUrl the SCM web URL, or null
 * @param licenses license names
 * @param outputTimestamp {@code project.build.outputTimestamp}, or null
 */
public record ProjectInfo(
    String artifactId,
    String version,
    String name,
    String description,
    String url,
    String scmUrl,
    List<String> licenses,
    String outputTimestamp) {
  public ProjectInfo {
    licenses = licenses == null ? List.of() : List.copyOf(licenses);
  }
}
