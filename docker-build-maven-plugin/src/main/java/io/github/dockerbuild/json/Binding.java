package io.github.dockerbuild.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Between the plugin's values and {@link Json}'s plain ones, with the conventions the plugin's types
 * are written for (the same JSON a general-purpose mapper such as Jackson writes and reads for them,
 * with the plugin's annotations in the place of its own):
 *
 * <ul>
 *   <li>a record is an object of its components in order, each named by its {@link JsonName} or its
 *       own name; nulls are written unless the record is {@link OmitNulls}; a member that is not
 *       there is read as null (or 0, false), one the record does not have is ignored;
 *   <li>a type with a {@link JsonValue} method is written as what it returns, and read through its
 *       static {@link JsonCreator} method (an enum without them: its name);
 *   <li>lists, sets and maps as arrays and objects (a map's keys as their JSON text), byte arrays in
 *       Base64, numbers and booleans as themselves.
 * </ul>
 */
public final class Binding {
  private Binding() {}

  /** {@code value} as {@link Json}'s plain values. */
  public static Object toValue(Object value) {
    return toValue(value, false);
  }

  /**
   * {@code value} as {@link Json}'s plain values; with {@code sortMaps}, the entries of every map
   * in it sorted by key (a record's members keep their order).
   */
  public static Object toValue(Object value, boolean sortMaps) {
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
        || value instanceof Integer || value instanceof Double || value instanceof BigInteger || value instanceof Short
        || value instanceof Byte || value instanceof Float) {
      return value;
    }
    if (value instanceof Character c) {
      return String.valueOf(c);
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = sortMaps ? new java.util.TreeMap<>() : new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(keyText(k), toValue(v, sortMaps)));
      return out;
    }
    if (value instanceof Collection<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(e -> out.add(toValue(e, sortMaps)));
      return out;
    }
    Shape shape = SHAPES.get(value.getClass());
    if (shape.jsonValue != null) {
      return toValue(invoke(shape.jsonValue, value), sortMaps);
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (shape.components != null) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Component c : shape.components) {
        Object v = invoke(c.accessor, value);
        if (v != null || !shape.omitNulls) {
          out.put(c.name, toValue(v, sortMaps));
        }
      }
      return out;
    }
    throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
  }

  /** {@code value} ({@link Json}'s plain values) as {@code type}. */
  public static Object fromValue(Object value, Type type) throws JsonException {
    return read(value, type, "$");
  }

  private static String keyText(Object key) {
    Object text = toValue(key);
    return String.valueOf(text);
  }

  private static Object read(Object v, Type type, String at) throws JsonException {
    Class<?> raw = raw(type);
    if (raw.isPrimitive()) {
      if (v == null) {
        return raw == boolean.class ? Boolean.FALSE : number(0L, raw, at);
      }
      return raw == boolean.class ? bool(v, at) : number(v, raw, at);
    }
    if (v == null) {
      return null;
    }
    if (raw == Object.class) {
      return v;
    }
    if (raw == String.class) {
      if (v instanceof String || v instanceof Number || v instanceof Boolean) {
        return String.valueOf(v);
      }
      throw mismatch("a string", v, at);
    }
    if (raw == Boolean.class) {
      return bool(v, at);
    }
    if (Number.class.isAssignableFrom(raw)) {
      return number(v, raw, at);
    }
    if (raw == byte[].class) {
      if (!(v instanceof String s)) {
        throw mismatch("Base64 text", v, at);
      }
      try {
        return Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        throw new JsonException("not Base64 at " + at + ": " + e.getMessage());
      }
    }
    if (Collection.class.isAssignableFrom(raw)) {
      if (!(v instanceof List<?> list)) {
        throw mismatch("an array", v, at);
      }
      Type element = argument(type, 0);
      Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>(list.size());
      int index = 0;
      for (Object e : list) {
        out.add(read(e, element, at + "[" + index++ + "]"));
      }
      return out;
    }
    if (Map.class.isAssignableFrom(raw)) {
      if (!(v instanceof Map<?, ?> map)) {
        throw mismatch("an object", v, at);
      }
      Type keyType = argument(type, 0);
      Type valueType = argument(type, 1);
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        out.put(read(key, keyType, at + "." + key), read(e.getValue(), valueType, at + "." + key));
      }
      return out;
    }
    Shape shape = SHAPES.get(raw);
    if (shape.creator != null) {
      Type parameter = shape.creator.getGenericParameterTypes()[0];
      return call(shape.creator, at, read(v, parameter, at));
    }
    if (raw.isEnum()) {
      for (Object constant : raw.getEnumConstants()) {
        Object text = shape.jsonValue != null ? toValue(invoke(shape.jsonValue, constant)) : ((Enum<?>) constant).name();
        if (text.equals(v)) {
          return constant;
        }
      }
      throw new JsonException("'" + v + "' at " + at + " is not one of " + raw.getSimpleName() + "'s values");
    }
    if (shape.components != null) {
      if (!(v instanceof Map<?, ?> map)) {
        throw mismatch("an object", v, at);
      }
      Object[] args = new Object[shape.components.size()];
      for (int k = 0; k < args.length; k++) {
        Component c = shape.components.get(k);
        args[k] = read(map.get(c.name), c.type, at + "." + c.name);
      }
      return call(shape.constructor, at, args);
    }
    throw new JsonException("cannot read a " + raw.getName() + " from JSON (at " + at + ")");
  }

  private static Boolean bool(Object v, String at) throws JsonException {
    if (v instanceof Boolean b) {
      return b;
    }
    if ("true".equals(v) || "false".equals(v)) {
      return Boolean.valueOf((String) v);
    }
    throw mismatch("true or false", v, at);
  }

  private static Object number(Object v, Class<?> raw, String at) throws JsonException {
    Number n;
    if (v instanceof Number number) {
      n = number;
    } else if (v instanceof String s) {
      try {
        n = s.contains(".") || s.contains("e") || s.contains("E") ? (Number) Double.parseDouble(s) : Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw mismatch("a number", v, at);
      }
    } else {
      throw mismatch("a number", v, at);
    }
    boolean whole = !(n instanceof Double || n instanceof Float);
    if (raw == int.class || raw == Integer.class) {
      if (!whole || n.longValue() != n.intValue() || n instanceof BigInteger) {
        throw mismatch("a whole number that fits an int", v, at);
      }
      return n.intValue();
    }
    if (raw == long.class || raw == Long.class) {
      if (!whole || n instanceof BigInteger) {
        throw mismatch("a whole number that fits a long", v, at);
      }
      return n.longValue();
    }
    if (raw == double.class || raw == Double.class) {
      return n.doubleValue();
    }
    if (raw == float.class || raw == Float.class) {
      return n.floatValue();
    }
    if (raw == short.class || raw == Short.class) {
      return n.shortValue();
    }
    if (raw == BigInteger.class) {
      return n instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue());
    }
    if (raw == Number.class) {
      return n;
    }
    throw new JsonException("cannot read a " + raw.getName() + " from JSON (at " + at + ")");
  }

  private static JsonException mismatch(String expected, Object v, String at) {
    String found = v instanceof Map ? "an object" : v instanceof List ? "an array" : v instanceof String s ? "\"" + s + "\""
        : String.valueOf(v);
    return new JsonException("expected " + expected + " at " + at + ", found " + found);
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return raw(p.getRawType());
    }
    if (type instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    }
    if (type instanceof GenericArrayType) {
      return Object[].class;
    }
    return Object.class;
  }

  private static Type argument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  private static Object invoke(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private static Object call(java.lang.reflect.Executable target, String at, Object... args) throws JsonException {
    try {
      return target instanceof Method m ? m.invoke(null, args) : ((Constructor<?>) target).newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new JsonException("cannot make a " + target.getDeclaringClass().getSimpleName() + " of the value at " + at
          + ": " + (cause == null ? e : cause.getMessage() == null ? cause.toString() : cause.getMessage()));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What reading and writing a class needs, found once per class. */
  private record Shape(Method jsonValue, Method creator, List<Component> components, Constructor<?> constructor,
      boolean omitNulls) {}

  private record Component(String name, Type type, Method accessor) {}

  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      Method jsonValue = null;
      Method creator = null;
      for (Method m : type.getMethods()) {
        if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonValue.class)) {
          jsonValue = m;
        }
        if (m.getParameterCount() == 1 && Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonCreator.class)) {
          creator = m;
        }
      }
      if (!type.isRecord()) {
        return new Shape(jsonValue, creator, null, null, false);
      }
      List<Component> components = new ArrayList<>();
      RecordComponent[] all = type.getRecordComponents();
      Class<?>[] types = new Class<?>[all.length];
      for (int k = 0; k < all.length; k++) {
        RecordComponent rc = all[k];
        Method accessor = rc.getAccessor();
        accessor.setAccessible(true);
        JsonName name = accessor.getAnnotation(JsonName.class);
        components.add(new Component(name != null ? name.value() : rc.getName(), rc.getGenericType(), accessor));
        types[k] = rc.getType();
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new Shape(jsonValue, creator, List.copyOf(components), constructor,
            type.isAnnotationPresent(OmitNulls.class));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("a record without its canonical constructor: " + type, e);
      }
    }
  };
}
