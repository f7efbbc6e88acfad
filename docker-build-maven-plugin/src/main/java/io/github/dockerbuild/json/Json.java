package io.github.dockerbuild.json;

import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plugin's own JSON: a parser into plain Java values and a writer of them, plus
 * {@link Binding} between those values and the plugin's records. It exists for start-up: the
 * plan, the record, the registry's manifests and Docker's files are read and written on every goal,
 * and a general-purpose mapper's first use costs more than the goal's own work.
 *
 * <p>The values: {@code Map<String, Object>} (insertion-ordered), {@code List<Object>}, {@code
 * String}, {@code Long} (or {@code BigInteger} beyond it), {@code Double}, {@code Boolean}, and
 * {@code null}. Duplicate keys: the last wins.
 */
public final class Json {
  private Json() {}

  /** How {@link #write} lays out its text. */
  public enum Style {
    /** No whitespace, keys in the order given: the same value always gives the same bytes. */
    COMPACT,
    /**
     * No whitespace, the keys of maps sorted (as Go's encoding/json does; a record's members keep
     * their order), so the same value gives the same digest.
     */
    COMPACT_SORTED,
    /** Two-space indentation, one member per line, for files people read. */
    PRETTY
  }

  /** The value {@code text} holds. */
  public static Object parse(String text) throws JsonException {
    Parser parser = new Parser(text);
    Object value = parser.value();
    parser.end();
    return value;
  }

  public static Object parse(byte[] utf8) throws JsonException {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  public static Object parse(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** {@code text} read as {@code type} (a class or a parameterized type): see {@link Binding}. */
  @SuppressWarnings("unchecked")
  public static <T> T read(String text, Class<T> type) throws JsonException {
    return (T) Binding.fromValue(parse(text), type);
  }

  public static <T> T read(byte[] utf8, Class<T> type) throws JsonException {
    return read(new String(utf8, StandardCharsets.UTF_8), type);
  }

  @SuppressWarnings("unchecked")
  public static <T> T read(Path file, Type type) throws IOException {
    return (T) Binding.fromValue(parse(file), type);
  }

  /** {@code value} (plain values, records, enums: see {@link Binding}) as JSON text. */
  public static String write(Object value, Style style) {
    StringBuilder out = new StringBuilder();
    new Writer(out, style).value(Binding.toValue(value, style == Style.COMPACT_SORTED), 0);
    return out.toString();
  }

  public static byte[] writeBytes(Object value, Style style) {
    return write(value, style).getBytes(StandardCharsets.UTF_8);
  }

  /** A tree for reading {@code text} path by path. */
  public static Tree tree(String text) throws JsonException {
    return new Tree(parse(text), true);
  }

  public static Tree tree(byte[] utf8) throws JsonException {
    return new Tree(parse(utf8), true);
  }

  public static Tree tree(Path file) throws IOException {
    return new Tree(parse(file), true);
  }

  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
      // a UTF-8 byte order mark is no JSON, but some editors write it
      this.i = s.startsWith("\uFEFF") ? 1 : 0;
    }

    void end() throws JsonException {
      skip();
      if (i < s.length()) {
        throw error("unexpected '" + s.charAt(i) + "' after the value");
      }
    }

    Object value() throws JsonException {
      skip();
      if (i >= s.length()) {
        throw error("unexpected end of input");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          return word("true", Boolean.TRUE);
        case 'f':
          return word("false", Boolean.FALSE);
        case 'n':
          return word("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected '" + c + "'");
      }
    }

    private Map<String, Object> object() throws JsonException {
      Map<String, Object> map = new LinkedHashMap<>();
      i++;
      skip();
      if (peek() == '}') {
        i++;
        return map;
      }
      while (true) {
        skip();
        if (peek() != '"') {
          throw error("expected a member name in quotes");
        }
        String key = string();
        skip();
        if (peek() != ':') {
          throw error("expected ':' after \"" + key + "\"");
        }
        i++;
        map.put(key, value());
        if (closed('}')) {
          return map;
        }
      }
    }

    private List<Object> array() throws JsonException {
      List<Object> list = new ArrayList<>();
      i++;
      skip();
      if (peek() == ']') {
        i++;
        return list;
      }
      while (true) {
        list.add(value());
        if (closed(']')) {
          return list;
        }
      }
    }

    /** After a member or element: true past the {@code close} that ends it, false past a comma. */
    private boolean closed(char close) throws JsonException {
      skip();
      char c = peek();
      if (c != close && c != ',') {
        throw error("expected ',' or '" + close + "'");
      }
      i++;
      return c == close;
    }

    private String string() throws JsonException {
      i++;
      StringBuilder b = null;
      int start = i;
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i);
        if (c == '"') {
          String text = b == null ? s.substring(start, i) : b.append(s, start, i).toString();
          i++;
          return text;
        }
        if (c < 0x20) {
          throw error("control character in a string");
        }
        if (c != '\\') {
          i++;
          continue;
        }
        if (b == null) {
          b = new StringBuilder();
        }
        b.append(s, start, i);
        i++;
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char e = s.charAt(i++);
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'u' -> {
            if (i + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            i += 4;
          }
          default -> {
            i--;
            throw error("bad escape '\\" + e + "'");
          }
        }
        start = i;
      }
    }

    private Object number() throws JsonException {
      int start = i;
      if (peek() == '-') {
        i++;
      }
      boolean fraction = false;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
          i++;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
          fraction = true;
          i++;
        } else {
          break;
        }
      }
      String text = s.substring(start, i);
      try {
        if (fraction) {
          return Double.parseDouble(text);
        }
        if (text.length() < 19) {
          return Long.parseLong(text);
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
      } catch (NumberFormatException e) {
        i = start;
        throw error("bad number '" + text + "'");
      }
    }

    private Object word(String word, Object value) throws JsonException {
      if (!s.startsWith(word, i)) {
        throw error("unexpected '" + s.charAt(i) + "'");
      }
      i += word.length();
      return value;
    }

    private char peek() throws JsonException {
      if (i >= s.length()) {
        throw error("unexpected end of input");
      }
      return s.charAt(i);
    }

    private void skip() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        i++;
      }
    }

    private JsonException error(String what) {
      int line = 1;
      int column = 1;
      for (int k = 0; k < Math.min(i, s.length()); k++) {
        if (s.charAt(k) == '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return JsonException.at(what, line, column);
    }
  }

  private static final class Writer {
    private final StringBuilder out;
    private final Style style;

    Writer(StringBuilder out, Style style) {
      this.out = out;
      this.style = style;
    }

    void value(Object v, int depth) {
      if (v == null) {
        out.append("null");
      } else if (v instanceof String text) {
        string(text);
      } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof BigInteger
          || v instanceof Short || v instanceof Byte) {
        out.append(v);
      } else if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new IllegalArgumentException("JSON has no " + d);
        }
        out.append(v);
      } else if (v instanceof Map<?, ?> map) {
        object(map, depth);
      } else if (v instanceof Collection<?> list) {
        array(list, depth);
      } else {
        throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
      }
    }

    private void object(Map<?, ?> map, int depth) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        newline(depth + 1);
        string(String.valueOf(e.getKey()));
        out.append(style == Style.PRETTY ? ": " : ":");
        value(e.getValue(), depth + 1);
      }
      newline(depth);
      out.append('}');
    }

    private void array(Collection<?> list, int depth) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object e : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        newline(depth + 1);
        value(e, depth + 1);
      }
      newline(depth);
      out.append(']');
    }

    private void newline(int depth) {
      if (style == Style.PRETTY) {
        out.append('\n');
        out.append("  ".repeat(depth));
      }
    }

    /** Escapes as Jackson does: quote, backslash and control characters; nothing else. */
    private void string(String text) {
      out.append('"');
      for (int k = 0; k < text.length(); k++) {
        char c = text.charAt(k);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04X", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      out.append('"');
    }
  }
}
