package io.github.dockerbuild.signature.keyless;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.encryption.certificates.Certificates;
import dev.sigstore.encryption.signers.Verifiers;
import dev.sigstore.fulcio.client.FulcioVerificationException;
import dev.sigstore.fulcio.client.FulcioVerifier;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.trustroot.CertificateAuthority;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.trustroot.TransparencyLog;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.signature.Check;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.signature.Dsse;
import io.github.dockerbuild.signature.SignatureEvidence;
import io.github.dockerbuild.signature.SignatureVerifier;
import io.github.dockerbuild.signature.SimpleSigningPayload;
import io.github.dockerbuild.signature.VerificationFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies keyless (Fulcio certificate) cosign signatures of an image digest, offline, against a
 * Sigstore trust root and a {@link KeylessPolicy}. Both places cosign keeps signatures are read:
 *
 * <ul>
 *   <li>legacy: a simple-signing payload with the signature, certificate, chain and Rekor bundle
 *       (signed entry timestamp) in the layer's annotations;
 *   <li>bundle: a Sigstore bundle v0.3 whose DSSE envelope holds an in-toto statement about the
 *       digest, with predicate type {@value CosignLayout#SIGN_PREDICATE_TYPE}.
 * </ul>
 *
 * <p>The checks run in the order of {@link Check}: format, certificate chain (at the certificate's
 * issuance, to the trust root's CAs; the evidence's chain is not trusted), certificate validity at the
 * log's integrated time, SCT, transparency log (signed entry timestamp, and for bundles the
 * inclusion proof and checkpoint, all offline; the entry's body must record this signature,
 * certificate and payload hash), identity, issuer, GitHub claims, signature, predicate type,
 * payload digest. The first that fails ends verification with a {@link VerificationFailure}.
 *
 * <p>sigstore-java is used for the SCT, the Rekor entry's proofs and the trust root; the rest is here
 * because sigstore-java 2.0.0 accepts a certificate that expired before the entry was integrated,
 * does not check the predicate type, cannot parse cosign's in-toto subjects (they have no name) and
 * matches regular expressions against the whole claim, unlike cosign.
 */
public final class KeylessVerifier implements SignatureVerifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

  private final SigstoreTrustedRoot trustRoot;
  private final KeylessPolicy policy;
  private final FulcioVerifier fulcio;
  private final RekorVerifier rekor;

  /**
   * @throws IllegalArgumentException when the trust root's keys or certificates cannot be used
   */
  public KeylessVerifier(SigstoreTrustedRoot trustRoot, KeylessPolicy policy) {
    this.trustRoot = trustRoot;
    this.policy = policy;
    try {
      this.fulcio = FulcioVerifier.newFulcioVerifier(trustRoot);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the trust root's CAs or CT log keys cannot be used: " + e.getMessage(), e);
    }
    this.rekor = RekorVerifier.newRekorVerifier(trustRoot);
  }

  public KeylessPolicy policy() {
    return policy;
  }

  @Override
  public String verify(Digest image, SignatureEvidence evidence) throws VerificationFailure {
    Material m;
    if (evidence instanceof SignatureEvidence.Legacy legacy) {
      m = legacy(legacy);
    } else if (evidence instanceof SignatureEvidence.Bundle bundle) {
      m = bundle(bundle);
    } else {
      throw new VerificationFailure(Check.FORMAT, "unknown evidence " + evidence.format().id());
    }
    checkChain(m);
    checkValidity(m);
    checkSct(m);
    checkTlog(m);
    String identity = checkIdentity(m);
    String issuer = checkIssuer(m);
    checkGithub(m);
    checkSignature(m);
    checkPredicateType(m);
    checkPayloadDigest(image, m);
    return identity + " (issuer " + issuer + ")";
  }

  /** What a signature consists of, parsed, before any check. */
  private record Material(
      boolean bundle,
      X509Certificate leaf,
      byte[] signature,
      byte[] signed,
      byte[] payload,
      Optional<LogEntry> entry,
      String entryAbsence,
      SimpleSigningPayload simpleSigning,
      String predicateType,
      List<String> subjectDigests) {}

  // ---- format

  private static Material legacy(SignatureEvidence.Legacy evidence) throws VerificationFailure {
    Map<String, String> annotations = evidence.annotations();
    byte[] payload = evidence.payload();
    String sig = annotations.get(CosignLayout.SIGNATURE_ANNOTATION);
    if (sig == null || sig.isBlank()) {
      throw new VerificationFailure(Check.FORMAT, "the layer has no " + CosignLayout.SIGNATURE_ANNOTATION
          + " annotation");
    }
    byte[] signature = base64(sig.trim(), CosignLayout.SIGNATURE_ANNOTATION + " annotation");
    String pem = annotations.get(CosignLayout.CERTIFICATE_ANNOTATION);
    if (pem == null || pem.isBlank()) {
      throw new VerificationFailure(Check.FORMAT, "the layer has no " + CosignLayout.CERTIFICATE_ANNOTATION
          + " annotation: it is a key signature, not a keyless one");
    }
    X509Certificate leaf = certificate(pem, CosignLayout.CERTIFICATE_ANNOTATION + " annotation");
    SimpleSigningPayload parsed;
    try {
      parsed = SimpleSigningPayload.parse(payload);
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure(Check.FORMAT, e.getMessage());
    }
    String bundle = annotations.get(CosignLayout.REKOR_BUNDLE_ANNOTATION);
    Optional<LogEntry> entry = Optional.empty();
    if (bundle != null && !bundle.isBlank()) {
      JsonNode root = tree(bundle.getBytes(StandardCharsets.UTF_8), CosignLayout.REKOR_BUNDLE_ANNOTATION + " annotation");
      JsonNode p = root.path("Payload");
      if (!p.path("body").isTextual() || !p.path("integratedTime").canConvertToLong()
          || !p.path("logID").isTextual() || !p.path("logIndex").canConvertToLong()) {
        throw new VerificationFailure(Check.FORMAT, "the " + CosignLayout.REKOR_BUNDLE_ANNOTATION
            + " annotation lacks Payload.body, integratedTime, logIndex or logID");
      }
      entry = Optional.of(LogEntry.of(p.path("body").asText(), p.path("integratedTime").asLong(),
          p.path("logID").asText(), p.path("logIndex").asLong(), root.path("SignedEntryTimestamp").asText(null), null));
    }
    return new Material(false, leaf, signature, payload, payload, entry,
        "no transparency log entry (the layer has no " + CosignLayout.REKOR_BUNDLE_ANNOTATION + " annotation)",
        parsed, null, List.of());
  }

  private static Material bundle(SignatureEvidence.Bundle evidence) throws VerificationFailure {
    JsonNode root = tree(evidence.json(), "bundle");
    String mediaType = root.path("mediaType").asText("");
    if (!mediaType.startsWith("application/vnd.dev.sigstore.bundle")) {
      throw new VerificationFailure(Check.FORMAT, "expected a Sigstore bundle media type, got '" + mediaType + "'");
    }
    JsonNode material = root.path("verificationMaterial");
    X509Certificate leaf;
    if (material.path("certificate").path("rawBytes").isTextual()) {
      leaf = certificate(base64(material.path("certificate").path("rawBytes").asText(), "certificate"), "certificate");
    } else if (material.path("x509CertificateChain").path("certificates").path(0).path("rawBytes").isTextual()) {
      leaf = certificate(base64(material.path("x509CertificateChain").path("certificates").path(0).path("rawBytes")
          .asText(), "certificate"), "certificate chain");
    } else {
      throw new VerificationFailure(Check.FORMAT, "the bundle has no certificate"
          + (material.has("publicKey") ? ": it is a key signature, not a keyless one" : ""));
    }
    JsonNode envelope = root.path("dsseEnvelope");
    if (!envelope.isObject()) {
      throw new VerificationFailure(Check.FORMAT, "the bundle has no DSSE envelope"
          + (root.has("messageSignature") ? " (a message signature is not a cosign image signature)" : ""));
    }
    String payloadType = envelope.path("payloadType").asText("");
    if (!payloadType.equals(CosignLayout.IN_TOTO_PAYLOAD_TYPE)) {
      throw new VerificationFailure(Check.FORMAT, "expected DSSE payload type '" + CosignLayout.IN_TOTO_PAYLOAD_TYPE
          + "', got '" + payloadType + "'");
    }
    byte[] payload = base64(envelope.path("payload").asText(""), "DSSE payload");
    JsonNode signatures = envelope.path("signatures");
    if (!signatures.isArray() || signatures.size() != 1) {
      throw new VerificationFailure(Check.FORMAT, "expected 1 DSSE signature, got " + signatures.size());
    }
    byte[] signature = base64(signatures.path(0).path("sig").asText(""), "DSSE signature");

    JsonNode statement = tree(payload, "in-toto statement");
    List<String> subjects = new ArrayList<>();
    for (JsonNode subject : statement.path("subject")) {
      // cosign writes subjects without a name: only the digest counts
      JsonNode sha = subject.path("digest").path("sha256");
      if (sha.isTextual()) {
        subjects.add("sha256:" + sha.asText());
      }
    }
    String predicateType = statement.path("predicateType").asText("");

    JsonNode entries = material.path("tlogEntries");
    Optional<LogEntry> entry = Optional.empty();
    if (entries.isArray() && !entries.isEmpty()) {
      entry = Optional.of(tlogEntry(entries.path(0)));
    }
    return new Material(true, leaf, signature, Dsse.pae(payloadType, payload), payload, entry,
        "no transparency log entry (the bundle's tlogEntries is empty)", null, predicateType, subjects);
  }

  private static LogEntry tlogEntry(JsonNode e) throws VerificationFailure {
    if (!e.path("canonicalizedBody").isTextual() || !e.path("logId").path("keyId").isTextual()) {
      throw new VerificationFailure(Check.FORMAT, "the bundle's tlog entry lacks canonicalizedBody or logId");
    }
    String logId = HexFormat.of().formatHex(base64(e.path("logId").path("keyId").asText(), "tlog logId"));
    JsonNode p = e.path("inclusionProof");
    dev.sigstore.rekor.client.RekorEntry.InclusionProof proof = null;
    if (p.isObject()) {
      List<String> hashes = new ArrayList<>();
      for (JsonNode h : p.path("hashes")) {
        hashes.add(HexFormat.of().formatHex(base64(h.asText(), "inclusion proof hash")));
      }
      proof = LogEntry.proof(p.path("logIndex").asLong(), HexFormat.of().formatHex(
          base64(p.path("rootHash").asText(""), "inclusion proof root hash")), p.path("treeSize").asLong(), hashes,
          p.path("checkpoint").path("envelope").asText(""));
    }
    String set = e.path("inclusionPromise").path("signedEntryTimestamp").asText(null);
    return LogEntry.of(e.path("canonicalizedBody").asText(), e.path("integratedTime").asLong(), logId,
        e.path("logIndex").asLong(), set, proof);
  }

  // ---- certificate

  private void checkChain(Material m) throws VerificationFailure {
    X509Certificate leaf = m.leaf();
    List<CertificateAuthority> cas = CertificateAuthority.find(trustRoot.getCAs(), leaf.getNotBefore().toInstant());
    List<String> failures = new ArrayList<>();
    for (CertificateAuthority ca : cas) {
      try {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        for (var c : ca.getCertPath().getCertificates()) {
          if (!Certificates.isSelfSigned(c)) {
            path.add((X509Certificate) c);
          }
        }
        CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        PKIXParameters params = new PKIXParameters(Set.of(ca.asTrustAnchor()));
        params.setRevocationEnabled(false);
        // a Fulcio certificate lives ten minutes: the chain is checked when it was issued, its
        // validity when the log integrated the entry (next check)
        params.setDate(leaf.getNotBefore());
        CertPathValidator.getInstance("PKIX").validate(certPath, params);
        return;
      } catch (GeneralSecurityException | RuntimeException e) {
        failures.add(ca.getUri() + " (" + e.getMessage() + ")");
      }
    }
    throw new VerificationFailure(Check.CERTIFICATE_CHAIN, "the certificate (issuer "
        + leaf.getIssuerX500Principal().getName() + ") does not chain to a certificate authority of the trust root"
        + (cas.isEmpty() ? ": none was valid at " + leaf.getNotBefore().toInstant() : ": " + String.join(", ", failures)));
  }

  private static void checkValidity(Material m) throws VerificationFailure {
    if (m.entry().isEmpty()) {
      return; // no integrated time to check at: the tlog check fails
    }
    Instant at = m.entry().get().integratedTime();
    try {
      m.leaf().checkValidity(Date.from(at));
    } catch (CertificateExpiredException e) {
      throw new VerificationFailure(Check.CERTIFICATE_VALIDITY, "certificate expired at "
          + m.leaf().getNotAfter().toInstant() + ", the log integrated the entry later, at " + at);
    } catch (CertificateNotYetValidException e) {
      throw new VerificationFailure(Check.CERTIFICATE_VALIDITY, "certificate valid from "
          + m.leaf().getNotBefore().toInstant() + ", the log integrated the entry earlier, at " + at);
    }
  }

  private void checkSct(Material m) throws VerificationFailure {
    if (Certificates.getEmbeddedSCTs(m.leaf()).isEmpty()) {
      throw new VerificationFailure(Check.SCT, "the certificate carries no signed certificate timestamp");
    }
    try {
      // validates the chain again (it passed above) and the embedded SCTs against the CT logs
      fulcio.verifySigningCertificate(Certificates.toCertPath(m.leaf()));
    } catch (FulcioVerificationException | IOException | GeneralSecurityException e) {
      throw new VerificationFailure(Check.SCT, "no signed certificate timestamp of a CT log of the trust root "
          + "verifies (" + oneLine(e.getMessage()) + ")");
    }
  }

  // ---- transparency log

  private void checkTlog(Material m) throws VerificationFailure {
    if (m.entry().isEmpty()) {
      throw new VerificationFailure(Check.TLOG, m.entryAbsence());
    }
    LogEntry entry = m.entry().get();
    TransparencyLog log = entry.log(trustRoot).orElseThrow(() -> new VerificationFailure(Check.TLOG,
        "the entry's log " + entry.logId() + " is not a transparency log of the trust root at "
            + entry.integratedTime()));
    if (entry.hasSet() || !entry.hasInclusionProof()) {
      if (!entry.setVerifies(log)) {
        throw new VerificationFailure(Check.TLOG, (entry.hasSet() ? "the signed entry timestamp does not verify"
            : "the entry has neither a signed entry timestamp nor an inclusion proof to verify")
            + " with the key of log " + log.getBaseUrl());
      }
    }
    if (entry.hasInclusionProof()) {
      try {
        rekor.verifyEntry(entry.rekorEntry());
      } catch (RekorVerificationException e) {
        throw new VerificationFailure(Check.TLOG, "the entry's inclusion proof does not verify against log "
            + log.getBaseUrl() + " (" + oneLine(e.getMessage()) + ")");
      }
    } else if (m.bundle()) {
      throw new VerificationFailure(Check.TLOG, "the bundle's tlog entry has no inclusion proof");
    }
    checkBody(m, entry);
  }

  /** The entry must record this signature, this certificate and the payload's hash. */
  private static void checkBody(Material m, LogEntry entry) throws VerificationFailure {
    JsonNode body;
    try {
      body = JSON.readTree(entry.body());
    } catch (IOException | IllegalArgumentException e) {
      throw new VerificationFailure(Check.TLOG, "the log entry's body is not JSON");
    }
    String kind = body.path("kind").asText("") + " " + body.path("apiVersion").asText("");
    JsonNode spec = body.path("spec");
    String hash;
    String signature;
    String verifier;
    String expectedKind = m.bundle() ? "dsse 0.0.1" : "hashedrekord 0.0.1";
    if (!kind.equals(expectedKind)) {
      throw new VerificationFailure(Check.TLOG, "expected a " + expectedKind + " log entry, got " + kind.trim());
    }
    if (m.bundle()) {
      hash = spec.path("payloadHash").path("algorithm").asText("") + ":" + spec.path("payloadHash").path("value").asText("");
      JsonNode sigs = spec.path("signatures");
      if (sigs.size() != 1) {
        throw new VerificationFailure(Check.TLOG, "expected 1 signature in the log entry, got " + sigs.size());
      }
      signature = sigs.path(0).path("signature").asText("");
      verifier = sigs.path(0).path("verifier").asText("");
    } else {
      hash = spec.path("data").path("hash").path("algorithm").asText("") + ":"
          + spec.path("data").path("hash").path("value").asText("");
      signature = spec.path("signature").path("content").asText("");
      verifier = spec.path("signature").path("publicKey").path("content").asText("");
    }
    String payloadHash = Digest.of(m.payload()).value();
    if (!hash.equals(payloadHash)) {
      throw new VerificationFailure(Check.TLOG, "the log entry records payload hash " + hash
          + ", the payload hashes to " + payloadHash);
    }
    byte[] logged;
    try {
      logged = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      logged = new byte[0];
    }
    if (!Arrays.equals(logged, m.signature())) {
      throw new VerificationFailure(Check.TLOG, "the log entry records another signature than the evidence's");
    }
    if (!sameCertificate(verifier, m.leaf())) {
      throw new VerificationFailure(Check.TLOG, "the log entry records another certificate than the evidence's (subject "
          + "alternative names " + CertificateClaims.identities(m.leaf()) + ")");
    }
  }

  private static boolean sameCertificate(String verifierBase64, X509Certificate leaf) {
    try {
      String pem = new String(Base64.getDecoder().decode(verifierBase64), StandardCharsets.UTF_8);
      if (!pem.contains(PEM_CERTIFICATE)) {
        return false;
      }
      return Arrays.equals(Certificates.fromPem(pem).getEncoded(), leaf.getEncoded());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  // ---- policy

  private String checkIdentity(Material m) throws VerificationFailure {
    List<String> identities = CertificateClaims.identities(m.leaf());
    for (String identity : identities) {
      if (policy.identity().matches(identity)) {
        return identity;
      }
    }
    throw new VerificationFailure(Check.IDENTITY, "expected identity " + policy.identity().describe() + ", got "
        + identities);
  }

  private String checkIssuer(Material m) throws VerificationFailure {
    Optional<String> issuer = CertificateClaims.issuer(m.leaf());
    if (issuer.isEmpty() || !policy.issuer().matches(issuer.get())) {
      throw new VerificationFailure(Check.ISSUER, "expected issuer " + policy.issuer().describe() + ", got "
          + issuer.map(i -> "'" + i + "'").orElse("none (the certificate has no OIDC issuer extension)"));
    }
    return issuer.get();
  }

  private void checkGithub(Material m) throws VerificationFailure {
    claim(m, "repository", policy.githubRepository(), CertificateClaims.OID_GITHUB_REPOSITORY);
    claim(m, "ref", policy.githubRef(), CertificateClaims.OID_GITHUB_REF);
    claim(m, "workflow trigger", policy.githubTrigger(), CertificateClaims.OID_GITHUB_TRIGGER);
  }

  private static void claim(Material m, String name, Optional<String> expected, String oid) throws VerificationFailure {
    if (expected.isEmpty()) {
      return;
    }
    Optional<String> actual = CertificateClaims.raw(m.leaf(), oid);
    if (!actual.equals(expected)) {
      throw new VerificationFailure(Check.GITHUB_CLAIMS, "expected GitHub " + name + " '" + expected.get() + "', got "
          + actual.map(a -> "'" + a + "'").orElse("none (no extension " + oid + " in the certificate)"));
    }
  }

  // ---- signature and payload

  private static void checkSignature(Material m) throws VerificationFailure {
    boolean ok;
    try {
      ok = Verifiers.newVerifier(m.leaf().getPublicKey()).verify(m.signed(), m.signature());
    } catch (GeneralSecurityException | RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new VerificationFailure(Check.SIGNATURE, "the signature over the "
          + (m.bundle() ? "DSSE envelope" : "payload") + " does not verify with the certificate's key");
    }
  }

  private static void checkPredicateType(Material m) throws VerificationFailure {
    if (m.bundle() && !CosignLayout.SIGN_PREDICATE_TYPE.equals(m.predicateType())) {
      throw new VerificationFailure(Check.PREDICATE_TYPE, "expected '" + CosignLayout.SIGN_PREDICATE_TYPE + "', got '"
          + m.predicateType() + "'");
    }
  }

  private static void checkPayloadDigest(Digest image, Material m) throws VerificationFailure {
    if (!m.bundle()) {
      if (!m.simpleSigning().manifestDigest().equals(image)) {
        throw new VerificationFailure(Check.PAYLOAD_DIGEST, "expected " + image + ", got "
            + m.simpleSigning().manifestDigest());
      }
    } else if (!m.subjectDigests().contains(image.value())) {
      throw new VerificationFailure(Check.PAYLOAD_DIGEST, "expected " + image + ", got "
          + (m.subjectDigests().isEmpty() ? "no sha256 subject" : String.join(", ", m.subjectDigests())));
    }
  }

  // ---- helpers

  private static JsonNode tree(byte[] json, String what) throws VerificationFailure {
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || !node.isObject()) {
        throw new VerificationFailure(Check.FORMAT, "the " + what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new VerificationFailure(Check.FORMAT, "the " + what + " is not JSON: " + oneLine(e.getMessage()));
    }
  }

  private static byte[] base64(String text, String what) throws VerificationFailure {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure(Check.FORMAT, "the " + what + " is not base64");
    }
  }

  private static X509Certificate certificate(String pem, String what) throws VerificationFailure {
    try {
      return (X509Certificate) Certificates.fromPem(pem);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VerificationFailure(Check.FORMAT, "the " + what + " is not a PEM certificate");
    }
  }

  private static X509Certificate certificate(byte[] der, String what) throws VerificationFailure {
    try {
      return (X509Certificate) Certificates.fromDer(der);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VerificationFailure(Check.FORMAT, "the " + what + " is not a DER certificate");
    }
  }

  private static String oneLine(String text) {
    return text == null ? "" : String.join(" ", text.lines().map(String::strip).toList());
  }
}
