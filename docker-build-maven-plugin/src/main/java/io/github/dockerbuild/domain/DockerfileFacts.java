package io.github.dockerbuild.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the report reads from a Dockerfile: its stages (with their {@code FROM}), its {@code ARG}s
 * with their defaults and its {@code LABEL}s. Follows the Dockerfile syntax the way BuildKit reads
 * it for these three instructions: case-insensitive instructions, comments, line continuations
 * (with the {@code # escape=} directive), several {@code key=value} pairs per line, quoted values,
 * the legacy {@code LABEL key value} form. Everything else is skipped.
 *
 * @param stages every {@code FROM}, in order
 * @param args every {@code ARG}, in order; {@code stage} null for global args (before the first FROM)
 * @param labels every {@code LABEL} pair, in order
 */
public record DockerfileFacts(List<Stage> stages, List<Arg> args, List<Label> labels) {
  public DockerfileFacts {
    stages = List.copyOf(stages);
    args = List.copyOf(args);
    labels = List.copyOf(labels);
  }

  /**
   * @param index the stage number, from 0
   * @param name the {@code AS} name, or null
   * @param from the image or stage as written (variables unexpanded)
   * @param platform the {@code --platform} flag value, or null
   */
  public record Stage(int index, String name, String from, String platform) {}

  /**
   * @param name the arg name
   * @param defaultValue the default ({@code ARG X=1}), or null when none ({@code ARG X})
   * @param stage the stage it is declared in, null before the first FROM (global)
   */
  public record Arg(String name, String defaultValue, Integer stage) {}

  /** @param stage the stage the label is declared in */
  public record Label(String key, String value, int stage) {}

  public static final DockerfileFacts EMPTY = new DockerfileFacts(List.of(), List.of(), List.of());

  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z]+)\\s*=\\s*(\\S+)\\s*$");

  /** Parses Dockerfile text; never fails: what cannot be read is skipped. */
  public static DockerfileFacts parse(String text) {
    if (text == null) {
      return EMPTY;
    }
    char escape = escape(text);
    List<String> instructions = instructions(text);

    List<Stage> stages = new ArrayList<>();
    List<Arg> args = new ArrayList<>();
    List<Label> labels = new ArrayList<>();
    for (String instruction : instructions) {
      int space = firstWhitespace(instruction);
      String keyword = (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
      String rest = space < 0 ? "" : instruction.substring(space).strip();
      Integer stage = stages.isEmpty() ? null : stages.size() - 1;
      switch (keyword) {
        case "FROM" -> stages.add(parseFrom(stages.size(), rest, escape));
        case "ARG" -> {
          for (String word : words(rest, escape)) {
            int eq = word.indexOf('=');
            args.add(eq < 0 ? new Arg(word, null, stage) : new Arg(word.substring(0, eq), word.substring(eq + 1), stage));
          }
        }
        case "LABEL" -> labels.addAll(parseLabels(rest, escape, stage == null ? 0 : stage));
        default -> { }
      }
    }
    return new DockerfileFacts(stages, args, labels);
  }

  /**
   * The instructions of Dockerfile text, each on one line: parser directives and comments left out,
   * continuation lines (with the {@code # escape=} directive's character) joined, as BuildKit reads
   * them.
   */
  public static List<String> instructions(String text) {
    char escape = escape(text);
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    int i = directiveLines(lines);
    List<String> instructions = new ArrayList<>();
    StringBuilder current = null;
    for (; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        continue; // comments, also inside a continued instruction
      }
      if (trimmed.isEmpty()) {
        continue; // blank lines, also inside a continued instruction, as BuildKit reads them
      }
      String body = line.stripTrailing();
      boolean continues = !body.isEmpty() && body.charAt(body.length() - 1) == escape;
      if (continues) {
        body = body.substring(0, body.length() - 1);
      }
      if (current == null) {
        current = new StringBuilder(body.stripLeading());
      } else {
        current.append(body);
      }
      if (!continues) {
        instructions.add(current.toString());
        current = null;
      }
    }
    if (current != null) {
      instructions.add(current.toString());
    }
    return instructions;
  }

  /** The parser directives at the very top, before any other line, name to value (names lower case). */
  public static Map<String, String> directives(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    Map<String, String> directives = new LinkedHashMap<>();
    for (int i = 0; i < directiveLines(lines); i++) {
      Matcher m = DIRECTIVE.matcher(lines[i].trim());
      if (m.matches()) {
        directives.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
      }
    }
    return directives;
  }

  private static int directiveLines(String[] lines) {
    int i = 0;
    while (i < lines.length && DIRECTIVE.matcher(lines[i].trim()).matches()) {
      i++;
    }
    return i;
  }

  private static char escape(String text) {
    String value = directives(text).get("escape");
    return value != null && value.length() == 1 ? value.charAt(0) : '\\';
  }

  private static Stage parseFrom(int index, String rest, char escape) {
    List<String> words = words(rest, escape);
    String platform = null;
    List<String> plain = new ArrayList<>();
    for (String w : words) {
      if (w.startsWith("--platform=")) {
        platform = w.substring("--platform=".length());
      } else if (!w.startsWith("--")) {
        plain.add(w);
      }
    }
    String from = plain.isEmpty() ? "" : plain.get(0);
    String name = plain.size() >= 3 && plain.get(1).equalsIgnoreCase("AS") ? plain.get(2) : null;
    return new Stage(index, name, from, platform);
  }

  private static List<Label> parseLabels(String rest, char escape, int stage) {
    List<String> words = words(rest, escape);
    List<Label> labels = new ArrayList<>();
    if (!words.isEmpty() && !words.get(0).contains("=")) {
      // legacy form: LABEL key value with spaces
      String key = words.get(0);
      String value = rest.strip().substring(rawFirstWordLength(rest.strip())).strip();
      labels.add(new Label(key, unquoteWhole(value, escape), stage));
      return labels;
    }
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq > 0) {
        labels.add(new Label(w.substring(0, eq), w.substring(eq + 1), stage));
      }
    }
    return labels;
  }

  /**
   * Splits on unquoted whitespace and removes quotes: {@code a="x y" b='z'} gives {@code a=x y},
   * {@code b=z}. Inside double quotes the escape character escapes the next character.
   */
  static List<String> words(String text, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == escape && quote == '"' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == escape && i + 1 < text.length()) {
        word.append(text.charAt(++i));
      } else {
        word.append(c);
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static String unquoteWhole(String value, char escape) {
    if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      List<String> w = words(value, escape);
      return w.size() == 1 ? w.get(0) : value;
    }
    return value;
  }

  private static int rawFirstWordLength(String text) {
    int space = firstWhitespace(text);
    return space < 0 ? text.length() : space;
  }

  private static int firstWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** The global ARG defaults (declared before the first FROM), last declaration winning. */
  public Map<String, String> globalDefaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (Arg arg : args) {
      if (arg.stage() == null && arg.defaultValue() != null) {
        defaults.put(arg.name(), arg.defaultValue());
      }
    }
    return defaults;
  }

  /** Whether an ARG of this name is declared anywhere. */
  public boolean declares(String argName) {
    return args.stream().anyMatch(a -> a.name().equals(argName));
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  /**
   * Expands {@code $X}, {@code ${X}}, {@code ${X:-default}} and {@code ${X:+value}} the way a FROM
   * line sees them; an unknown variable becomes empty.
   */
  public static String expand(String text, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(4);
      String value = values.get(name);
      boolean set = value != null && !value.isEmpty();
      String replacement;
      if ("-".equals(m.group(2))) {
        replacement = set ? value : m.group(3);
      } else if ("+".equals(m.group(2))) {
        replacement = set ? m.group(3) : "";
      } else {
        replacement = value == null ? "" : value;
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The names of the variables a FROM line uses. */
  public static List<String> variables(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(m.group(1) != null ? m.group(1) : m.group(4));
    }
    return names;
  }
}
