package io.github.dockerbuild.mojo;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;

/** What the mojo tests share: the module a mojo runs in, and Maven's log kept for assertions. */
final class MojoFixtures {
  private MojoFixtures() {}

  /** How the first goal of a run fails on one configuration problem of {@code image}: the problem, then that nothing happened. */
  static String planFailure(String image, String problem) {
    return "image " + image + ": " + problem + System.lineSeparator() + "image " + image
        + ": nothing was built, pushed, tagged or signed";
  }

  /** A module {@code org.example:demo:VERSION} that builds into {@code buildDirectory}. */
  static Model model(String version, Path buildDirectory) {
    Model model = new Model();
    model.setModelVersion("4.0.0");
    model.setGroupId("org.example");
    model.setArtifactId("demo");
    model.setVersion(version);
    Build build = new Build();
    build.setDirectory(buildDirectory.toString());
    model.setBuild(build);
    return model;
  }

  /** The project of {@code model} whose basedir is the test resource directory {@code resource}. */
  static MavenProject project(Model model, String resource) throws URISyntaxException {
    Path basedir = Path.of(MojoFixtures.class.getResource(resource).toURI());
    MavenProject project = new MavenProject(model);
    project.setFile(basedir.resolve("pom.xml").toFile());
    return project;
  }

  /** Maven's log, kept: info lines, and every line (info and warnings) in order. */
  static final class RecordingLog extends SystemStreamLog {
    final List<String> info = Collections.synchronizedList(new ArrayList<>());
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(CharSequence content) {
      info.add(content.toString());
      lines.add(content.toString());
    }

    @Override
    public void warn(CharSequence content) {
      lines.add(content.toString());
    }
  }
}
