package io.github.dockerbuild.report;

/**
 * The report is written with Doxia 2: maven-site-plugin before 3.20 runs it but renders an empty
 * body. This decides, from the site plugin's version, whether to warn.
 */
public final class SitePluginCheck {
  static final int[] MINIMUM = {3, 20};

  private SitePluginCheck() {}

  /**
   * @param version the maven-site-plugin version the project declares, or null when it declares none
   * @return the warning to log, or null when the version renders the report
   */
  public static String warning(String version) {
    if (version == null || version.isBlank()) {
      return "maven-site-plugin is not declared, so Maven 3.9 uses its default 3.12.1, which renders this "
          + "report (Doxia 2) as an empty page: declare maven-site-plugin 3.20.0 or newer in <pluginManagement>";
    }
    String[] parts = version.trim().split("[.-]");
    int major = number(parts, 0);
    int minor = number(parts, 1);
    boolean old = major < MINIMUM[0] || (major == MINIMUM[0] && minor < MINIMUM[1]);
    if (!old) {
      return null;
    }
    return "maven-site-plugin " + version.trim() + " renders this report (Doxia 2) as an empty page: "
        + "declare maven-site-plugin 3.20.0 or newer in <pluginManagement>";
  }

  private static int number(String[] parts, int index) {
    if (index >= parts.length) {
      return 0;
    }
    String digits = parts[index].replaceAll("\\D.*$", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
