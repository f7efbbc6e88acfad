package io.github.dockerbuild.buildx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files a build context leaves out, read from {@code .dockerignore} the way BuildKit's context
 * transfer reads it: the Dockerfile's own {@code <name>.dockerignore} beside it first, else the
 * context's; one pattern a line, {@code #} comments, {@code !} taking files back in, the last
 * matching pattern deciding, a pattern matching a directory leaving out what is under it, {@code *}
 * and {@code ?} within one path element, {@code **} across any number of them.
 *
 * <p>Used only to leave files out of an up-to-date fingerprint, where leaving out too much would
 * hide a change: a file with a pattern this reading does not follow exactly (a character class or a
 * backslash escape) is not read at all, so every file of the context counts.
 */
public final class DockerIgnore {
  /** Leaves nothing out. */
  public static final DockerIgnore NONE = new DockerIgnore(List.of(), null);

  private record Rule(Pattern pattern, boolean reinclude) {}

  private final List<Rule> rules;
  private final String text;

  private DockerIgnore(List<Rule> rules, String text) {
    this.rules = List.copyOf(rules);
    this.text = text;
  }

  /** The ignore file of a build, or {@link #NONE} when there is none or it cannot be followed exactly. */
  public static DockerIgnore of(Path contextDir, Path dockerfile) throws IOException {
    Path own = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
    Path file = Files.isRegularFile(own) ? own : contextDir.resolve(".dockerignore");
    return Files.isRegularFile(file) ? parse(Files.readString(file)) : NONE;
  }

  /** The rules of an ignore file's text, or {@link #NONE} when one cannot be followed exactly. */
  public static DockerIgnore parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : text.split("\r?\n|\r")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean reinclude = line.startsWith("!");
      if (reinclude) {
        line = line.substring(1).strip();
      }
      if (line.contains("[") || line.contains("]") || line.contains("\\")) {
        return NONE;
      }
      String cleaned = clean(line);
      if (cleaned.isEmpty()) {
        continue;
      }
      rules.add(new Rule(Pattern.compile(regex(cleaned)), reinclude));
    }
    return rules.isEmpty() ? NONE : new DockerIgnore(rules, text);
  }

  /** The ignore file's text when it is followed, for the fingerprint; null otherwise. */
  public String text() {
    return text;
  }

  /** Whether the file (a path relative to the context, {@code /}-separated) is left out. */
  public boolean excludes(String path) {
    boolean matched = false;
    String[] parts = path.split("/");
    for (Rule rule : rules) {
      if (rule.reinclude() != matched) {
        continue; // an exclusion cannot change a file not matched yet, nor an inclusion one matched
      }
      boolean match = rule.pattern().matcher(path).matches();
      StringBuilder parent = new StringBuilder();
      for (int i = 0; !match && i < parts.length - 1; i++) {
        if (i > 0) {
          parent.append('/');
        }
        parent.append(parts[i]);
        match = rule.pattern().matcher(parent).matches();
      }
      if (match) {
        matched = !rule.reinclude();
      }
    }
    return matched;
  }

  /** Whether nothing under the directory can count: it is left out and no pattern takes files back. */
  public boolean prunes(String directory) {
    return rules.stream().noneMatch(Rule::reinclude) && excludes(directory);
  }

  /** The pattern as BuildKit cleans it: {@code .} and {@code ..} resolved, no leading or doubled slash. */
  static String clean(String pattern) {
    List<String> parts = new ArrayList<>();
    for (String part : pattern.split("/+")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
          parts.remove(parts.size() - 1);
        }
        continue; // above the root is the root
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  /** The pattern as a regular expression over the whole path. */
  static String regex(String pattern) {
    StringBuilder re = new StringBuilder("^");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
            i++;
          }
          re.append(i + 1 == pattern.length() ? ".*" : "(.*/)?");
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.append('$').toString();
  }
}
