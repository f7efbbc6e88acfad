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
 * A Rekor (API v1) that logs {@code hashedrekord} entries in an RFC 6962 Merkle tree: it checks the
 * entry's signature against its certificate or key, keeps the request bytes as the body, and answers
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

  RekorStandIn(StandInPki pki, String host) {
    this.pki = pki;
    this.origin = host + " - " + Math.abs(System.nanoTime() % 1_000_000_000L);
  }

  synchronized int entries() {
    return leaves.size();
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
    byte[] body = exchange.getRequestBody().readAllBytes();
    String problem = check(body);
    if (problem != null) {
      SigstoreStandIn.respond(exchange, 400, JSON.writeValueAsString(JSON.createObjectNode().put("message", problem)));
      return;
    }
    ObjectNode response = log(body);
    String uuid = response.fieldNames().next();
    exchange.getResponseHeaders().add("Location", "/api/v1/log/entries/" + uuid);
    SigstoreStandIn.respond(exchange, 201, JSON.writeValueAsString(response));
  }

  /** Why a hashedrekord request is refused, or null: its signature must verify over the digest. */
  private static String check(byte[] body) {
    try {
      JsonNode entry = JSON.readTree(body);
      if (!"hashedrekord".equals(entry.path("kind").asText()) || !"0.0.1".equals(entry.path("apiVersion").asText())) {
        return "only hashedrekord 0.0.1 entries are logged here";
      }
      JsonNode spec = entry.path("spec");
      byte[] digest = HEX.parseHex(spec.path("data").path("hash").path("value").asText());
      byte[] signature = Base64.getDecoder().decode(spec.path("signature").path("content").asText());
      String pem = new String(Base64.getDecoder().decode(spec.path("signature").path("publicKey").path("content")
          .asText()), StandardCharsets.US_ASCII);
      PublicKey key = pem.contains("CERTIFICATE")
          ? CertificateFactory.getInstance("X.509").generateCertificate(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getPublicKey()
          : io.github.dockerbuild.signature.PublicKeys.parsePem(pem);
      Signature verifier = Signature.getInstance("NONEwithECDSA");
      verifier.initVerify(key);
      verifier.update(digest);
      return verifier.verify(signature) ? null : "the signature does not verify over the digest";
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return "not a valid hashedrekord entry: " + e.getMessage();
    }
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
