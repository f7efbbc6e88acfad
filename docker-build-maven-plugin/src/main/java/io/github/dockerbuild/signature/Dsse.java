package io.github.dockerbuild.signature;

import io.github.dockerbuild.json.Tree;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DSSE (Dead Simple Signing Envelope): the pre-authentication encoding that is signed, and the
 * envelope JSON as a Sigstore bundle carries it ({@code payload}, {@code payloadType},
 * {@code signatures[].sig}, an optional {@code keyid}).
 *
 * @see <a href="https://github.com/secure-systems-lab/dsse/blob/v1.0.0/protocol.md">DSSE protocol</a>
 */
public final class Dsse {

  private Dsse() {}

  /** {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths as ASCII decimal byte counts. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /**
   * One signature of an envelope.
   *
   * @param keyid the key id, or null
   * @param sig the signature bytes
   */
  public record Signature(String keyid, byte[] sig) {
    public Signature {
      sig = sig.clone();
    }

    @Override
    public byte[] sig() {
      return sig.clone();
    }
  }

  /**
   * An envelope.
   *
   * @param payloadType e.g. {@code application/vnd.in-toto+json}
   * @param payload the signed bytes, exactly
   * @param signatures signatures over {@link #pae(String, byte[])} of type and payload
   */
  public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
    public Envelope {
      payload = payload.clone();
      signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
      return payload.clone();
    }

    /** The bytes a signature of this envelope is over. */
    public byte[] pae() {
      return Dsse.pae(payloadType, payload);
    }

    /**
     * The JSON object, as a value for {@link io.github.dockerbuild.json.Json#write}: {@code payload}
     * (base64), {@code payloadType}, {@code signatures}.
     */
    public Map<String, Object> toJson() {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("payload", Base64.getEncoder().encodeToString(payload));
      node.put("payloadType", payloadType);
      List<Object> array = new ArrayList<>();
      for (Signature s : signatures) {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (s.keyid() != null && !s.keyid().isEmpty()) {
          entry.put("keyid", s.keyid());
        }
        entry.put("sig", Base64.getEncoder().encodeToString(s.sig()));
        array.add(entry);
      }
      node.put("signatures", array);
      return node;
    }

    /**
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static Envelope fromJson(Tree node) {
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("the DSSE envelope is not a JSON object");
      }
      String type = node.path("payloadType").asText("");
      if (type.isEmpty()) {
        throw new IllegalArgumentException("the DSSE envelope has no payloadType");
      }
      byte[] payload = base64(node.path("payload"), "payload");
      List<Signature> signatures = new ArrayList<>();
      for (Tree s : node.path("signatures").elements()) {
        String keyid = s.path("keyid").asText("");
        signatures.add(new Signature(keyid.isEmpty() ? null : keyid, base64(s.path("sig"), "signatures[].sig")));
      }
      if (signatures.isEmpty()) {
        throw new IllegalArgumentException("the DSSE envelope has no signatures");
      }
      return new Envelope(type, payload, signatures);
    }

    private static byte[] base64(Tree node, String field) {
      if (!node.isText()) {
        throw new IllegalArgumentException("the DSSE envelope has no " + field);
      }
      try {
        return Base64.getDecoder().decode(node.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the DSSE envelope's " + field + " is not base64");
      }
    }
  }
}
