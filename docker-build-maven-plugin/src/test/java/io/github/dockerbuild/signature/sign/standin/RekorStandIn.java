package io.github.dockerbuild.signature.sign.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Rekor (API v1) that logs {@code hashedrekord} and {@code dsse} entries in an RFC 6962 Merkle
 * tree: it checks the entry's signature against its certificate or key, stores the body as Rekor
 * does, and answers
 * with the SET, an inclusion proof against the current tree and a signed checkpoint, all from the
 * stand-in's log key.
 */
final class RekorStandIn {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final StandInPki pki;
  private final String origin;
  private final List<byte[]> leaves = new ArrayList<>();
  /** Requests to answer 503 before serving again. */
  final AtomicInteger unavailable = new AtomicInteger();

  /** Entries the log holds before the first request, as a log in use does. */
  private static final int EARLIER_ENTRIES = 3;

  RekorStandIn(StandInPki pki, String host) {
    this.pki = pki;
    this.origin = host + " - " + Math.abs(System.nanoTime() % 1_000_000_000L);
    // cosign 2.5 refused a bundle whose entry was the log's very first (index 0, tree size 1),
    // which a real log never hands out; the stand-in's log starts where a used log would be
    for (int i = 0; i < EARLIER_ENTRIES; i++) {
      leaves.add(leafHash(("{\"earlier\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Entries logged for requests. */
  synchronized int entries() {
    return leaves.size() - EARLIER_ENTRIES;
  }

  void handle(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      SigstoreStandIn.respond(exchange, 405, "{\"message\":\"POST only\"}");
      return;
    }
    if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      SigstoreStandIn.respond(exchange, 503, "{\"message\":\"the stand-in was told to fail\"}");
      return;
    }
    byte[] request = exchange.getRequestBody().readAllBytes();
    byte[] body;
    try {
      body = entryBody(request);
    } catch (IllegalArgumentException e) {
      SigstoreStandIn.respond(exchange, 400, JSON.writeValueAsString(JSON.createObjectNode()
          .put("message", e.getMessage())));
      return;
    }
    ObjectNode response = log(body);
    String uuid = response.fieldNames().next();
    exchange.getResponseHeaders().add("Location", "/api/v1/log/entries/" + uuid);
    SigstoreStandIn.respond(exchange, 201, JSON.writeValueAsString(response));
  }

  /**
   * What the log stores for a request, once its signature verifies: a hashedrekord request as sent
   * (the client sends it canonical), a dsse request canonicalized as Rekor does (hashes of envelope
   * and payload, the signature and its verifier).
   *
   * @throws IllegalArgumentException saying why the entry is refused
   */
  private static byte[] entryBody(byte[] request) {
    try {
      JsonNode entry = JSON.readTree(request);
      String kind = entry.path("kind").asText() + " " + entry.path("apiVersion").asText();
      JsonNode spec = entry.path("spec");
      if (kind.equals("hashedrekord 0.0.1")) {
        byte[] digest = HEX.parseHex(spec.path("data").path("hash").path("value").asText());
        byte[] signature = Base64.getDecoder().decode(spec.path("signature").path("content").asText());
        Signature verifier = Signature.getInstance("NONEwithECDSA");
        verifier.initVerify(key(spec.path("signature").path("publicKey").path("content").asText()));
        verifier.update(digest);
        require(verifier.verify(signature), "the signature does not verify over the digest");
        return request;
      }
      require(kind.equals("dsse 0.0.1"), "only hashedrekord and dsse 0.0.1 entries are logged here");
      String envelopeJson = spec.path("proposedContent").path("envelope").asText();
      JsonNode envelope = JSON.readTree(envelopeJson);
      String verifierPem = spec.path("proposedContent").path("verifiers").path(0).asText();
      byte[] payload = Base64.getDecoder().decode(envelope.path("payload").asText());
      String signature = envelope.path("signatures").path(0).path("sig").asText();
      require(envelope.path("signatures").size() == 1, "one signature expected");
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key(verifierPem));
      verifier.update(io.github.dockerbuild.signature.Dsse.pae(envelope.path("payloadType").asText(), payload));
      require(verifier.verify(Base64.getDecoder().decode(signature)), "the DSSE signature does not verify");
      ObjectNode body = JSON.createObjectNode();
      body.put("apiVersion", "0.0.1");
      body.put("kind", "dsse");
      ObjectNode bodySpec = body.putObject("spec");
      bodySpec.putObject("envelopeHash").put("algorithm", "sha256")
          .put("value", HEX.formatHex(StandInPki.sha256(envelopeJson.getBytes(StandardCharsets.UTF_8))));
      bodySpec.putObject("payloadHash").put("algorithm", "sha256").put("value", HEX.formatHex(StandInPki.sha256(payload)));
      bodySpec.putArray("signatures").addObject().put("signature", signature).put("verifier", verifierPem);
      return JSON.writeValueAsBytes(body);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid entry: " + e.getMessage(), e);
    }
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The key of a base64 PEM certificate or public key. */
  private static PublicKey key(String base64Pem) throws GeneralSecurityException {
    String pem = new String(Base64.getDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
    return pem.contains("CERTIFICATE")
        ? CertificateFactory.getInstance("X.509").generateCertificate(
            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getPublicKey()
        : io.github.dockerbuild.signature.PublicKeys.parsePem(pem);
  }

  private synchronized ObjectNode log(byte[] body) {
    byte[] leaf = leafHash(body);
    leaves.add(leaf);
    int index = leaves.size() - 1;
    int size = leaves.size();
    long integratedTime = System.currentTimeMillis() / 1000;
    String logId = HEX.formatHex(StandInPki.logId(pki.rekorKeys.getPublic()));
    String b64Body = Base64.getEncoder().encodeToString(body);
    byte[] root = root(0, size);

    ObjectNode response = JSON.createObjectNode();
    ObjectNode entry = response.putObject(HEX.formatHex(leaf));
    entry.put("body", b64Body);
    entry.put("integratedTime", integratedTime);
    entry.put("logID", logId);
    entry.put("logIndex", index);
    ObjectNode verification = entry.putObject("verification");
    ObjectNode proof = verification.putObject("inclusionProof");
    proof.put("checkpoint", checkpoint(size, root));
    proof.putArray("hashes").addAll(path(index, 0, size).stream()
        .map(h -> JSON.getNodeFactory().textNode(HEX.formatHex(h))).toList());
    proof.put("logIndex", index);
    proof.put("rootHash", HEX.formatHex(root));
    proof.put("treeSize", size);
    String signable = "{\"body\":\"" + b64Body + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\"" + logId
        + "\",\"logIndex\":" + index + "}";
    verification.put("signedEntryTimestamp", Base64.getEncoder().encodeToString(
        StandInPki.ecdsa(pki.rekorKeys.getPrivate(), signable.getBytes(StandardCharsets.UTF_8))));
    return response;
  }

  /** A signed note: origin, size and root hash, signed by the log key under the log's host name. */
  private String checkpoint(int size, byte[] root) {
    String header = origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    byte[] signature = StandInPki.ecdsa(pki.rekorKeys.getPrivate(), header.getBytes(StandardCharsets.UTF_8));
    byte[] hintAndSignature = new byte[4 + signature.length];
    System.arraycopy(StandInPki.logId(pki.rekorKeys.getPublic()), 0, hintAndSignature, 0, 4);
    System.arraycopy(signature, 0, hintAndSignature, 4, signature.length);
    String host = origin.substring(0, origin.indexOf(' '));
    return header + "\n\u2014 " + host + " " + Base64.getEncoder().encodeToString(hintAndSignature) + "\n";
  }

  static byte[] leafHash(byte[] body) {
    byte[] prefixed = new byte[body.length + 1];
    System.arraycopy(body, 0, prefixed, 1, body.length);
    return StandInPki.sha256(prefixed);
  }

  /** RFC 6962 MTH over leaves [from, to). */
  private byte[] root(int from, int to) {
    if (to - from == 1) {
      return leaves.get(from);
    }
    int k = split(to - from);
    return node(root(from, from + k), root(from + k, to));
  }

  /** RFC 6962 PATH(m, D[from:to]): the audit path of leaf {@code from + m}, leaf first. */
  private List<byte[]> path(int m, int from, int to) {
    List<byte[]> path = new ArrayList<>();
    if (to - from <= 1) {
      return path;
    }
    int k = split(to - from);
    if (m < k) {
      path.addAll(path(m, from, from + k));
      path.add(root(from + k, to));
    } else {
      path.addAll(path(m - k, from + k, to));
      path.add(root(from, from + k));
    }
    return path;
  }

  private static int split(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }

  private static byte[] node(byte[] left, byte[] right) {
    byte[] data = new byte[1 + left.length + right.length];
    data[0] = 1;
    System.arraycopy(left, 0, data, 1, left.length);
    System.arraycopy(right, 0, data, 1 + left.length, right.length);
    return StandInPki.sha256(data);
  }
}
