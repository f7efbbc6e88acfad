package io.github.dockerbuild.signature;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.JsonException;
import io.github.dockerbuild.json.Tree;
import io.github.dockerbuild.registry.Digest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simple-signing payload that a legacy cosign signature signs: which manifest digest, under
 * which repository name, plus optional claims.
 *
 * <pre>{"critical":{"identity":{"docker-reference":"REPO"},"image":{"docker-manifest-digest":"sha256:..."},
 * "type":"cosign container image signature"},"optional":{...}|null}</pre>
 *
 * @param dockerReference the repository the image was signed under (no tag or digest)
 * @param manifestDigest the signed manifest digest
 * @param optional claims (annotations) signed along, empty for none
 */
public record SimpleSigningPayload(String dockerReference, Digest manifestDigest, Map<String, String> optional) {
  public SimpleSigningPayload {
    optional = java.util.Collections.unmodifiableMap(new TreeMap<>(optional));
  }

  /**
   * The payload bytes as cosign writes them: fields in cosign's order, optional claims sorted by
   * name, {@code "optional":null} when there are none.
   */
  public byte[] toBytes() {
    Map<String, Object> critical = new LinkedHashMap<>();
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("docker-reference", dockerReference);
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("docker-manifest-digest", manifestDigest.value());
    critical.put("identity", identity);
    critical.put("image", image);
    critical.put("type", CosignLayout.SIMPLE_SIGNING_TYPE);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("critical", critical);
    // optional is sorted already (a TreeMap's view); null when there are none, as cosign writes it
    root.put("optional", optional.isEmpty() ? null : new LinkedHashMap<>(optional));
    return Json.writeBytes(root, Json.Style.COMPACT);
  }

  /**
   * Parses a payload. Non-string optional claims are kept as their JSON text.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static SimpleSigningPayload parse(byte[] bytes) {
    Tree root;
    try {
      root = Json.tree(bytes);
    } catch (JsonException e) {
      throw new IllegalArgumentException("the payload is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("the payload is not a JSON object");
    }
    Tree critical = root.path("critical");
    String type = critical.path("type").asText("");
    if (!type.equals(CosignLayout.SIMPLE_SIGNING_TYPE)) {
      throw new IllegalArgumentException("the payload's critical.type is '" + type + "', not '"
          + CosignLayout.SIMPLE_SIGNING_TYPE + "'");
    }
    String digest = critical.path("image").path("docker-manifest-digest").asText("");
    Digest manifest;
    try {
      manifest = Digest.parse(digest);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the payload's critical.image.docker-manifest-digest '" + digest
          + "' is not a sha256 digest");
    }
    String reference = critical.path("identity").path("docker-reference").asText("");
    Map<String, String> claims = new LinkedHashMap<>();
    Tree optional = root.path("optional");
    if (optional.isObject()) {
      optional.fields().forEach((key, value) -> claims.put(key, value.isText() ? value.asText() : value.toString()));
    }
    return new SimpleSigningPayload(reference, manifest, claims);
  }
}
