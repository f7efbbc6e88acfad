package io.github.dockerbuild.signature.sign;

import dev.sigstore.fulcio.client.CertificateRequest;
import dev.sigstore.fulcio.client.FulcioClientGrpc;
import dev.sigstore.fulcio.client.FulcioVerifier;
import dev.sigstore.oidc.client.OidcToken;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorResponse;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.trustroot.Service;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.signature.Dsse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.cert.CertPath;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyless DSSE signatures for the bundle format, from sigstore-java's parts: its Fulcio client and
 * certificate checks (chain and embedded SCT against the trust root), and its Rekor entry checks
 * (SET, inclusion proof, checkpoint). sigstore-java's keyless signer logs DSSE envelopes only in
 * Rekor v2, so the {@code dsse} entry is posted to Rekor's v1 API here, as cosign does.
 *
 * <p>One ephemeral P-256 key and one certificate serve every bundle of the run. Thread-safe.
 */
final class DsseLogSession {
  private static final HexFormat HEX = HexFormat.of();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Rekor answered with an error status; 429 and 5xx are worth another attempt. */
  static final class RekorStatusException extends IOException {
    final int status;

    RekorStatusException(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final URI fulcio;
  private final URI rekor;
  private final SigstoreTrustedRoot root;
  private final IdentityToken token;
  private final RekorVerifier rekorVerifier;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  /** The ephemeral key Fulcio certified, once it has. */
  private volatile KeySigner key;
  private X509Certificate leaf;

  DsseLogSession(URI fulcio, URI rekor, SigstoreTrustedRoot root, IdentityToken token) {
    this.fulcio = fulcio;
    this.rekor = rekor;
    this.root = root;
    this.token = token;
    this.rekorVerifier = RekorVerifier.newRekorVerifier(root);
  }

  /** Signs the envelope's PAE, logs it, checks the entry, and says what the bundle carries. */
  Signer.BundleSignature sign(Dsse.Envelope unsigned) throws Exception {
    X509Certificate cert = certificate();
    byte[] signature = key.sign(unsigned.pae());
    Dsse.Envelope signed = new Dsse.Envelope(unsigned.payloadType(), unsigned.payload(),
        java.util.List.of(new Dsse.Signature(null, signature)));
    String certPem = FulcioSigner.pem(java.util.List.of(cert));
    RekorEntry entry = log(signed, certPem, signature);
    rekorVerifier.verifyEntry(entry);
    return new Signer.BundleSignature(signature, verificationMaterial(cert, entry));
  }

  /** The certificate, asked of Fulcio once and checked against the trust root. */
  synchronized X509Certificate certificate() throws Exception {
    if (leaf != null) {
      return leaf;
    }
    OidcToken oidc = token.clients().getIDToken();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeySigner ephemeral = new KeySigner(generator.generateKeyPair());
    byte[] proof = ephemeral.sign(oidc.getSubjectAlternativeName().getBytes(StandardCharsets.UTF_8));
    CertPath path = FulcioClientGrpc.builder().setService(Service.of(fulcio, 1)).build()
        .signingCertificate(CertificateRequest.newCertificateRequest(ephemeral.publicKey(), oidc.getIdToken(), proof));
    FulcioVerifier verifier = FulcioVerifier.newFulcioVerifier(root);
    CertPath trimmed = verifier.trimTrustedParent(path);
    verifier.verifySigningCertificate(trimmed);
    X509Certificate cert = (X509Certificate) trimmed.getCertificates().get(0);
    if (!cert.getPublicKey().equals(ephemeral.publicKey())) {
      throw new GeneralSecurityException("Fulcio certified another key than the one it was asked to");
    }
    key = ephemeral;
    leaf = cert;
    return leaf;
  }

  /** Posts a {@code dsse} 0.0.1 entry and checks that what Rekor logged is this signature by this certificate. */
  private RekorEntry log(Dsse.Envelope signed, String certPem, byte[] signature) throws Exception {
    String verifier = Base64.getEncoder().encodeToString(certPem.getBytes(StandardCharsets.US_ASCII));
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("envelope", Json.write(signed.toJson(), Json.Style.COMPACT));
    content.put("verifiers", List.of(verifier));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("apiVersion", "0.0.1");
    request.put("kind", "dsse");
    request.put("spec", Map.of("proposedContent", content));
    URI endpoint = rekor.resolve("/api/v1/log/entries");
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(request, Json.Style.COMPACT))).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 201) {
      throw new RekorStatusException(response.statusCode(), "Rekor: HTTP " + response.statusCode() + " "
          + response.body().replaceAll("\\s+", " ").trim());
    }
    RekorEntry entry = RekorResponse.newRekorResponse(endpoint, response.body()).getEntry();
    Tree body = Json.tree(Base64.getDecoder().decode(entry.getBody()));
    Tree spec = body.path("spec");
    String payloadHash = Digest.of(signed.payload()).hex();
    Tree logged = spec.path("signatures").path(0);
    if (!"dsse".equals(body.path("kind").asText()) || !payloadHash.equals(spec.path("payloadHash").path("value").asText())
        || spec.path("signatures").size() != 1
        || !Base64.getEncoder().encodeToString(signature).equals(logged.path("signature").asText())
        || !verifier.equals(logged.path("verifier").asText())) {
      throw new GeneralSecurityException("Rekor's entry does not record this envelope, signature and certificate");
    }
    return entry;
  }

  /** A bundle v0.3's {@code verificationMaterial}: the certificate and the log entry, as cosign writes them. */
  static Map<String, Object> verificationMaterial(X509Certificate cert, RekorEntry entry) throws GeneralSecurityException {
    Base64.Encoder b64 = Base64.getEncoder();
    RekorEntry.InclusionProof proof = entry.getVerification().getInclusionProof();
    Map<String, Object> inclusion = new LinkedHashMap<>();
    inclusion.put("logIndex", String.valueOf(proof.getLogIndex()));
    inclusion.put("rootHash", b64.encodeToString(HEX.parseHex(proof.getRootHash())));
    inclusion.put("treeSize", String.valueOf(proof.getTreeSize()));
    inclusion.put("hashes", proof.getHashes().stream().map(h -> b64.encodeToString(HEX.parseHex(h))).toList());
    inclusion.put("checkpoint", Map.of("envelope", proof.getCheckpoint()));
    Map<String, Object> kindVersion = new LinkedHashMap<>();
    kindVersion.put("kind", "dsse");
    kindVersion.put("version", "0.0.1");
    Map<String, Object> tlog = new LinkedHashMap<>();
    tlog.put("logIndex", String.valueOf(entry.getLogIndex()));
    tlog.put("logId", Map.of("keyId", b64.encodeToString(HEX.parseHex(entry.getLogID()))));
    tlog.put("kindVersion", kindVersion);
    tlog.put("integratedTime", String.valueOf(entry.getIntegratedTime()));
    tlog.put("inclusionPromise", Map.of("signedEntryTimestamp", entry.getVerification().getSignedEntryTimestamp()));
    tlog.put("inclusionProof", inclusion);
    tlog.put("canonicalizedBody", entry.getBody());
    Map<String, Object> material = new LinkedHashMap<>();
    material.put("certificate", Map.of("rawBytes", b64.encodeToString(cert.getEncoded())));
    material.put("tlogEntries", List.of(tlog));
    return material;
  }
}
