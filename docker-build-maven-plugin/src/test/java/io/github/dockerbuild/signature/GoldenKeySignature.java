package io.github.dockerbuild.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerbuild.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The legacy signature the cosign CLI made with a key (test resources cosign/key-legacy). */
public final class GoldenKeySignature {
  private GoldenKeySignature() {}

  public static byte[] resource(String name) {
    try (InputStream in = GoldenKeySignature.class.getResourceAsStream("/cosign/key-legacy/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource cosign/key-legacy/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(resource(name), StandardCharsets.UTF_8);
  }

  public static Digest digest() {
    return Digest.parse(text("digest.txt").trim());
  }

  public static byte[] payload() {
    return resource("payload.json");
  }

  public static String publicKeyPem() {
    return text("cosign.pub");
  }

  /** The annotations of the signature manifest's only layer. */
  public static Map<String, String> annotations() {
    try {
      JsonNode layer = new ObjectMapper().readTree(resource("sig-manifest.json")).path("layers").path(0);
      Map<String, String> map = new LinkedHashMap<>();
      layer.path("annotations").fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
      return map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SignatureEvidence.Legacy evidence() {
    return new SignatureEvidence.Legacy(payload(), annotations());
  }
}
