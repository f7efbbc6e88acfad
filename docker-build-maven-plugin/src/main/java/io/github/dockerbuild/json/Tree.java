package io.github.dockerbuild.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value read path by path, as a general-purpose tree would be: {@link #path} of a
 * member or an element that is not there gives a missing tree, whose text is empty, so a chain of
 * paths never fails. Immutable view of the values {@link Json#parse} returns.
 */
public final class Tree {
  private static final Tree MISSING = new Tree(null, false);

  private final Object value;
  private final boolean present;

  Tree(Object value, boolean present) {
    this.value = value;
    this.present = present;
  }

  /** A tree of a value {@link Json#parse} returned. */
  public static Tree of(Object value) {
    return new Tree(value, true);
  }

  /** The member {@code name} of an object; missing otherwise. */
  public Tree path(String name) {
    if (value instanceof Map<?, ?> map && map.containsKey(name)) {
      return new Tree(map.get(name), true);
    }
    return MISSING;
  }

  /** The element {@code index} of an array; missing otherwise. */
  public Tree path(int index) {
    if (value instanceof List<?> list && index >= 0 && index < list.size()) {
      return new Tree(list.get(index), true);
    }
    return MISSING;
  }

  /** Whether this is an object with a member {@code name} (null or not). */
  public boolean has(String name) {
    return value instanceof Map<?, ?> map && map.containsKey(name);
  }

  /** Whether this is no member or element at all (JSON {@code null} is present). */
  public boolean isMissing() {
    return !present;
  }

  public boolean isNull() {
    return present && value == null;
  }

  /** Present and not {@code null}. */
  public boolean exists() {
    return value != null;
  }

  public boolean isObject() {
    return value instanceof Map;
  }

  public boolean isArray() {
    return value instanceof List;
  }

  public boolean isText() {
    return value instanceof String;
  }

  public boolean isBoolean() {
    return value instanceof Boolean;
  }

  public boolean isNumber() {
    return value instanceof Number;
  }

  /** A whole number that fits an {@code int}. */
  public boolean isInt() {
    return value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE;
  }

  /** A whole number that fits a {@code long}. */
  public boolean isLong() {
    return value instanceof Long;
  }

  /** The text of a string; a number's or boolean's text; empty for anything else. */
  public String asText() {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    return "";
  }

  /** As {@link #asText()}, or {@code otherwise} when missing or {@code null}. */
  public String asText(String otherwise) {
    return value == null ? otherwise : asText();
  }

  /** The text of a string, else null. */
  public String text() {
    return value instanceof String s ? s : null;
  }

  /**
   * A number's value, or a string's that holds a whole number (protobuf's JSON writes 64-bit
   * integers as strings); {@code otherwise} for anything else.
   */
  public long asLong(long otherwise) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        return otherwise;
      }
    }
    return otherwise;
  }

  /** As {@link #asLong}, for an {@code int}. */
  public int asInt(int otherwise) {
    long v = asLong(Long.MIN_VALUE);
    return v == Long.MIN_VALUE || v != (int) v ? otherwise : (int) v;
  }

  public boolean asBoolean(boolean otherwise) {
    return value instanceof Boolean b ? b : otherwise;
  }

  /** The members of an object in order; empty for anything else. */
  public Map<String, Tree> fields() {
    if (!(value instanceof Map<?, ?> map)) {
      return Map.of();
    }
    Map<String, Tree> fields = new LinkedHashMap<>();
    map.forEach((k, v) -> fields.put(String.valueOf(k), new Tree(v, true)));
    return Collections.unmodifiableMap(fields);
  }

  /** The elements of an array in order; empty for anything else. */
  public List<Tree> elements() {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    List<Tree> elements = new ArrayList<>(list.size());
    list.forEach(v -> elements.add(new Tree(v, true)));
    return Collections.unmodifiableList(elements);
  }

  /** Members of an object or elements of an array; 0 for anything else. */
  public int size() {
    return value instanceof Map<?, ?> map ? map.size() : value instanceof List<?> list ? list.size() : 0;
  }

  /** The plain value ({@link Json}'s kinds), null when missing. */
  public Object value() {
    return value;
  }

  @Override
  public String toString() {
    return present ? Json.write(value, Json.Style.COMPACT) : "";
  }
}
