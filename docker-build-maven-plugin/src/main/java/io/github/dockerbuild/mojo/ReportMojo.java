package io.github.dockerbuild.mojo;

import io.github.dockerbuild.record.BuildRecord;
import io.github.dockerbuild.record.RecordStore;
import io.github.dockerbuild.report.ImageReport;
import io.github.dockerbuild.report.ImageReportFactory;
import io.github.dockerbuild.report.Overview;
import io.github.dockerbuild.report.ReportHtml;
import io.github.dockerbuild.report.SitePluginCheck;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;

/**
 * The site report of the image: names, tags, platforms and builders, build args and labels
 * (injected, configured and the Dockerfile's own), base images and cache sources with their
 * verification, and, once built, per-platform digests, sizes, build times and cache hits, the
 * published index and the signatures, with inline SVG charts. In a multi-module build the parent's
 * page lists every image module. Reads the build record ({@code target/docker-build/build-record.json})
 * and the Dockerfile; needs maven-site-plugin 3.20 or newer. Run alone ({@code mvn docker-build:report}),
 * it writes the same page, unskinned, to the reporting directory ({@code target/site/docker-build.html}).
 *
 * <p>Written on the reporting API and the Doxia sink only, not on maven-reporting-impl: that
 * library's tail (a site renderer, archivers, compressors) would be resolved and loaded at every
 * Maven start for every goal of this plugin, for the one goal that renders a page.
 *
 * @since 0.1.0
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractMojo implements MavenReport {
  static final String OUTPUT_NAME = "docker-build";
  private static final String SITE_PLUGIN = "org.apache.maven.plugins:maven-site-plugin";

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /**
   * Where {@code mvn docker-build:report} writes the page; the site plugin gives its own directory.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true, required = true)
  private File outputDirectory;

  /**
   * Skips every goal of this plugin.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  /**
   * Skips this report.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REPORT_SKIP, defaultValue = "false")
  private boolean skipReport;

  /**
   * The Dockerfile, read for its ARG defaults, LABELs and base images.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DOCKERFILE, defaultValue = "${project.basedir}/Dockerfile")
  private File dockerfile;

  @Override
  public String getOutputName() {
    return OUTPUT_NAME;
  }

  @Override
  public String getCategoryName() {
    return CATEGORY_PROJECT_REPORTS;
  }

  @Override
  public void setReportOutputDirectory(File directory) {
    outputDirectory = directory;
  }

  @Override
  public File getReportOutputDirectory() {
    return outputDirectory;
  }

  @Override
  public boolean isExternalReport() {
    return false;
  }

  /** {@code mvn docker-build:report}: the page as a file of its own, without the site's skin. */
  @Override
  public void execute() throws MojoExecutionException {
    if (!canGenerateReport()) {
      getLog().info("docker-build: report skipped: " + (skipped()
          ? "-D" + PropertyNames.SKIP + " or -D" + PropertyNames.REPORT_SKIP + " is set"
          : "this module has no Dockerfile and no image modules below it"));
      return;
    }
    Path page = outputDirectory.toPath().resolve(OUTPUT_NAME + ".html");
    try {
      String html = ReportHtml.document(title(Locale.getDefault()), body());
      Files.createDirectories(page.getParent());
      Files.writeString(page, html, StandardCharsets.UTF_8);
    } catch (MavenReportException | IOException e) {
      throw new MojoExecutionException("docker-build: the report page " + page + " cannot be written: "
          + e.getMessage(), e);
    }
    getLog().info("docker-build: report written to " + page);
  }

  @Override
  public String getName(Locale locale) {
    return "Container image";
  }

  @Override
  public String getDescription(Locale locale) {
    return "The container image of this module: names, tags, platforms, build args, labels, base images, "
        + "caches, digests, build times and signatures.";
  }

  @Override
  public boolean canGenerateReport() {
    if (skipped()) {
      return false;
    }
    return dockerfile().isFile() || !imageModules().isEmpty();
  }

  /** The site plugin's call: the page into the site's sink. */
  @Override
  public void generate(Sink sink, Locale locale) throws MavenReportException {
    String warning = SitePluginCheck.warning(sitePluginVersion());
    if (warning != null) {
      getLog().warn(warning);
    }
    sink.head();
    sink.title();
    sink.text(title(locale));
    sink.title_();
    sink.head_();
    sink.body();
    sink.rawText(body());
    sink.body_();
    sink.flush();
  }

  private String title(Locale locale) {
    return getName(locale) + " - " + project.getArtifactId();
  }

  /** The page's content: this module's image, then the overview of the image modules below it. */
  private String body() throws MavenReportException {
    StringBuilder html = new StringBuilder();
    if (dockerfile().isFile()) {
      html.append(ReportHtml.render(report(project, dockerfile())));
    }
    List<MavenProject> modules = imageModules();
    if (!modules.isEmpty()) {
      List<Overview.Row> rows = new ArrayList<>();
      for (MavenProject module : modules) {
        String path = project.getBasedir().toPath().relativize(module.getBasedir().toPath()).toString()
            .replace(File.separatorChar, '/');
        rows.add(new Overview.Row(module.getArtifactId(), path + "/" + OUTPUT_NAME + ".html",
            report(module, new File(module.getBasedir(), "Dockerfile"))));
      }
      html.append(Overview.render("Image modules", rows));
    }
    return html.toString();
  }

  private boolean skipped() {
    Overrides d = overrides();
    return d.bool(PropertyNames.SKIP, skip) || d.bool(PropertyNames.REPORT_SKIP, skipReport);
  }

  private Overrides overrides() {
    return new Overrides(session == null ? null : session.getUserProperties(), project.getBasedir());
  }

  private File dockerfile() {
    return overrides().file(PropertyNames.DOCKERFILE, dockerfile);
  }

  /** The modules below this one (in the reactor) that have a Dockerfile or a build record. */
  private List<MavenProject> imageModules() {
    List<MavenProject> collected = project.getCollectedProjects() == null ? List.of() : project.getCollectedProjects();
    List<MavenProject> result = new ArrayList<>();
    for (MavenProject module : collected) {
      if (module == project) {
        continue;
      }
      if (new File(module.getBasedir(), "Dockerfile").isFile() || recordStore(module).file().toFile().isFile()) {
        result.add(module);
      }
    }
    return result;
  }

  private static RecordStore recordStore(MavenProject module) {
    return new RecordStore(new File(module.getBuild().getDirectory(), "docker-build").toPath());
  }

  private static ImageReport report(MavenProject module, File dockerfile) throws MavenReportException {
    BuildRecord record;
    io.github.dockerbuild.domain.BuildPlan plan;
    try {
      record = recordStore(module).read().orElse(null);
    } catch (IOException e) {
      throw new MavenReportException(e.getMessage(), e);
    }
    try {
      plan = recordStore(module).readPlan().orElse(null);
    } catch (IOException e) {
      plan = null; // a plan this version cannot read: the page is made from the record alone
    }
    String text = null;
    if (dockerfile.isFile()) {
      try {
        text = Files.readString(dockerfile.toPath(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new MavenReportException("the Dockerfile " + dockerfile + " cannot be read: " + e.getMessage(), e);
      }
    }
    return ImageReportFactory.create(module.getGroupId() + ":" + module.getArtifactId(), record, plan, text);
  }

  /** The maven-site-plugin version the project declares (plugins, then pluginManagement), or null. */
  private String sitePluginVersion() {
    Plugin plugin = project.getPlugin(SITE_PLUGIN);
    if ((plugin == null || plugin.getVersion() == null) && project.getPluginManagement() != null) {
      plugin = project.getPluginManagement().getPluginsAsMap().get(SITE_PLUGIN);
    }
    return plugin == null ? null : plugin.getVersion();
  }
}
