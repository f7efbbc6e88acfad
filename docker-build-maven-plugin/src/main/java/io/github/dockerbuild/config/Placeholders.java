package io.github.dockerbuild.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {name}} placeholders in image names, tags and cache references. */
public final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_.]*)}");

  private Placeholders() {}

  /** Replaces every known placeholder; unknown ones are left as they are. */
  public static String replace(String text, Map<String, String> values) {
    if (text == null || text.indexOf('{') < 0) {
      return text;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The first placeholder left in {@code text}, or null. */
  public static String firstUnresolved(String text) {
    Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
    return m.find() ? m.group() : null;
  }
}
