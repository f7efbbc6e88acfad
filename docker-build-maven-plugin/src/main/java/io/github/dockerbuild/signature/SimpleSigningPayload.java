package io.github.dockerbuild.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dockerbuild.registry.Digest;
import java.io.IOException;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  public SimpleSigningPayload {
    optional = java.util.Collections.unmodifiableMap(new TreeMap<>(optional));
  }

  /**
   * The payload bytes as cosign writes them: fields in cosign's order, optional claims sorted by
   * name, {@code "optional":null} when there are none.
   */
  public byte[] toBytes() {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", manifestDigest.value());
    critical.put("type", CosignLayout.SIMPLE_SIGNING_TYPE);
    if (optional.isEmpty()) {
      root.putNull("optional");
    } else {
      ObjectNode claims = root.putObject("optional");
      optional.forEach(claims::put);
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a simple-signing payload", e);
    }
  }

  /**
   * Parses a payload. Non-string optional claims are kept as their JSON text.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static SimpleSigningPayload parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("the payload is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the payload is not a JSON object");
    }
    JsonNode critical = root.path("critical");
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
    JsonNode optional = root.path("optional");
    if (optional.isObject()) {
      optional.fields().forEachRemaining(e ->
          claims.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    }
    return new SimpleSigningPayload(reference, manifest, claims);
  }
}
