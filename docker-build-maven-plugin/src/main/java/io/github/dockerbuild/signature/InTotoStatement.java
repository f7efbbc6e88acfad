package io.github.dockerbuild.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerbuild.registry.Digest;
import java.io.IOException;
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
 * @param predicate the predicate, an empty object for a cosign signature
 * @see <a href="https://github.com/in-toto/attestation/blob/v1.0/spec/v1/statement.md">statement.md</a>
 */
public record InTotoStatement(String type, List<Subject> subjects, String predicateType, JsonNode predicate) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public InTotoStatement {
    subjects = List.copyOf(subjects);
    predicate = predicate == null ? JSON.createObjectNode() : predicate.deepCopy();
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

  @Override
  public JsonNode predicate() {
    return predicate.deepCopy();
  }

  public byte[] toBytes() {
    ObjectNode root = JSON.createObjectNode();
    root.put("_type", type);
    var array = root.putArray("subject");
    for (Subject s : subjects) {
      ObjectNode entry = array.addObject();
      if (s.name() != null) {
        entry.put("name", s.name());
      }
      ObjectNode digest = entry.putObject("digest");
      s.digest().forEach(digest::put);
      if (!s.annotations().isEmpty()) {
        ObjectNode annotations = entry.putObject("annotations");
        s.annotations().forEach(annotations::put);
      }
    }
    root.put("predicateType", predicateType);
    root.set("predicate", predicate);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an in-toto statement", e);
    }
  }

  /**
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static InTotoStatement parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("the statement is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the statement is not a JSON object");
    }
    String type = root.path("_type").asText("");
    if (!type.startsWith("https://in-toto.io/Statement/")) {
      throw new IllegalArgumentException("the statement's _type is '" + type + "', not an in-toto statement");
    }
    JsonNode subjectArray = root.path("subject");
    if (!subjectArray.isArray() || subjectArray.isEmpty()) {
      throw new IllegalArgumentException("the statement has no subject");
    }
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode s : subjectArray) {
      Map<String, String> digest = new LinkedHashMap<>();
      s.path("digest").fields().forEachRemaining(e -> digest.put(e.getKey(), e.getValue().asText()));
      if (digest.isEmpty()) {
        throw new IllegalArgumentException("a subject of the statement has no digest");
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      s.path("annotations").fields().forEachRemaining(e ->
          annotations.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      subjects.add(new Subject(s.hasNonNull("name") ? s.get("name").asText() : null, digest, annotations));
    }
    String predicateType = root.path("predicateType").asText("");
    if (predicateType.isEmpty()) {
      throw new IllegalArgumentException("the statement has no predicateType");
    }
    return new InTotoStatement(type, subjects, predicateType, root.get("predicate"));
  }
}
