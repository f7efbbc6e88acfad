package io.github.dockerbuild.signature;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.JsonException;
import io.github.dockerbuild.json.Tree;
import io.github.dockerbuild.registry.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-toto statement: what a bundle's DSSE envelope signs. Written in the field order cosign's
 * {@code sign --new-bundle-format} uses ({@code _type}, {@code subject}, {@code predicateType},
 * {@code predicate}); a subject may have no name (cosign's image signatures name only the digest).
 *
 * <pre>{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"HEX"}}],
 *  "predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}</pre>
 *
 * @param type {@code https://in-toto.io/Statement/v1} (v0.1 is read too)
 * @param subjects what the statement is about
 * @param predicateType e.g. {@link CosignLayout#SIGN_PREDICATE_TYPE}
 * @param predicate the predicate as the plugin's JSON reads it ({@link Json#parse}: maps, lists,
 *     strings, numbers), an empty object for a cosign signature
 * @see <a href="https://github.com/in-toto/attestation/blob/v1.0/spec/v1/statement.md">statement.md</a>
 */
public record InTotoStatement(String type, List<Subject> subjects, String predicateType, Object predicate) {
  public InTotoStatement {
    subjects = List.copyOf(subjects);
    predicate = predicate == null ? Map.of() : copy(predicate);
  }

  /**
   * One subject.
   *
   * @param name the subject's name, or null for none
   * @param digest algorithm to hex, e.g. {@code sha256 -> e3b0...}
   * @param annotations claims about the subject (cosign puts {@code -a} annotations here), empty for none
   */
  public record Subject(String name, Map<String, String> digest, Map<String, String> annotations) {
    public Subject {
      digest = Collections.unmodifiableMap(new TreeMap<>(digest));
      annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** A nameless subject of one image digest. */
    public static Subject of(Digest image, Map<String, String> annotations) {
      return new Subject(null, Map.of(image.algorithm(), image.hex()), annotations);
    }
  }

  /** cosign's image signature statement about one digest. */
  public static InTotoStatement cosignSignature(Digest image, Map<String, String> annotations) {
    return new InTotoStatement(CosignLayout.IN_TOTO_STATEMENT_TYPE, List.of(Subject.of(image, annotations)),
        CosignLayout.SIGN_PREDICATE_TYPE, null);
  }

  /** Whether a subject has exactly this digest. */
  public boolean names(Digest image) {
    return subjects.stream().anyMatch(s -> image.hex().equals(s.digest().get(image.algorithm())));
  }

  /** An unmodifiable deep copy of a plain JSON value. */
  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(copy(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  public byte[] toBytes() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("_type", type);
    List<Object> array = new ArrayList<>();
    for (Subject s : subjects) {
      Map<String, Object> entry = new LinkedHashMap<>();
      if (s.name() != null) {
        entry.put("name", s.name());
      }
      entry.put("digest", s.digest());
      if (!s.annotations().isEmpty()) {
        entry.put("annotations", s.annotations());
      }
      array.add(entry);
    }
    root.put("subject", array);
    root.put("predicateType", predicateType);
    root.put("predicate", predicate);
    return Json.writeBytes(root, Json.Style.COMPACT);
  }

  /**
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static InTotoStatement parse(byte[] bytes) {
    Tree root;
    try {
      root = Json.tree(bytes);
    } catch (JsonException e) {
      throw new IllegalArgumentException("the statement is not JSON");
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("the statement is not a JSON object");
    }
    String type = root.path("_type").asText("");
    if (!type.startsWith("https://in-toto.io/Statement/")) {
      throw new IllegalArgumentException("the statement's _type is '" + type + "', not an in-toto statement");
    }
    Tree subjectArray = root.path("subject");
    if (!subjectArray.isArray() || subjectArray.size() == 0) {
      throw new IllegalArgumentException("the statement has no subject");
    }
    List<Subject> subjects = new ArrayList<>();
    for (Tree s : subjectArray.elements()) {
      Map<String, String> digest = new LinkedHashMap<>();
      s.path("digest").fields().forEach((k, v) -> digest.put(k, v.asText()));
      if (digest.isEmpty()) {
        throw new IllegalArgumentException("a subject of the statement has no digest");
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      s.path("annotations").fields().forEach((k, v) -> annotations.put(k, v.isText() ? v.asText() : v.toString()));
      subjects.add(new Subject(s.path("name").exists() ? s.path("name").asText() : null, digest, annotations));
    }
    String predicateType = root.path("predicateType").asText("");
    if (predicateType.isEmpty()) {
      throw new IllegalArgumentException("the statement has no predicateType");
    }
    Tree predicate = root.path("predicate");
    return new InTotoStatement(type, subjects, predicateType, predicate.isMissing() ? null : predicate.value());
  }
}
