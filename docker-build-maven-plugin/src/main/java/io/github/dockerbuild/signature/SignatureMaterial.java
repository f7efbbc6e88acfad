package io.github.dockerbuild.signature;

import io.github.dockerbuild.domain.SignatureFormat;
import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
import io.github.dockerbuild.registry.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one signature consists of, parsed from either place cosign keeps it, before any check but
 * {@link Check#FORMAT}: the signature and the bytes it is over, the signing certificate when there
 * is one, the transparency-log entry when there is one, and what the signed payload says.
 *
 * <ul>
 *   <li>legacy: a simple-signing payload; the signature, certificate and Rekor bundle (signed entry
 *       timestamp) in the layer's annotations;
 *   <li>bundle: a Sigstore bundle v0.3 whose DSSE envelope holds an in-toto statement; the
 *       verification material is a certificate (keyless) or a {@code publicKey} hint (key-based),
 *       with the log entries and their inclusion proofs.
 * </ul>
 */
public final class SignatureMaterial {

  /** Who the evidence says signed it, as far as parsing can tell. */
  public enum SignerKind {
    /** A certificate: a keyless signature, verified against the trust root's CAs and the identity policy. */
    CERTIFICATE,
    /** No certificate: a key signature, verified with the policy's public key. */
    KEY
  }

  private final SignatureFormat format;
  private final X509Certificate certificate;
  private final byte[] signature;
  private final byte[] signed;
  private final byte[] payload;
  private final LogEntry entry;
  private final SimpleSigningPayload simpleSigning;
  private final InTotoStatement statement;

  private SignatureMaterial(SignatureFormat format, X509Certificate certificate, byte[] signature, byte[] signed,
      byte[] payload, LogEntry entry, SimpleSigningPayload simpleSigning, InTotoStatement statement) {
    this.format = format;
    this.certificate = certificate;
    this.signature = signature;
    this.signed = signed;
    this.payload = payload;
    this.entry = entry;
    this.simpleSigning = simpleSigning;
    this.statement = statement;
  }

  /**
   * @param expected the signer the policy expects: with {@link SignerKind#CERTIFICATE} evidence
   *     without a certificate fails the format check; with {@link SignerKind#KEY} a certificate is
   *     read when present (the log entry may record it) but never trusted
   * @throws VerificationFailure of {@link Check#FORMAT} saying what is missing or malformed
   */
  public static SignatureMaterial parse(SignatureEvidence evidence, SignerKind expected) throws VerificationFailure {
    if (evidence instanceof SignatureEvidence.Legacy legacy) {
      return legacy(legacy, expected);
    }
    if (evidence instanceof SignatureEvidence.Bundle bundle) {
      return bundle(bundle, expected);
    }
    throw new VerificationFailure(Check.FORMAT, "unknown evidence " + evidence.format().id());
  }

  public SignatureFormat format() {
    return format;
  }

  public boolean isBundle() {
    return format == SignatureFormat.BUNDLE;
  }

  /** The signing certificate the evidence carries; empty for a key signature. */
  public Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  /** When the transparency log integrated the entry; empty without an entry. */
  public Optional<Instant> integratedTime() {
    return entry().map(LogEntry::integratedAt);
  }

  /** What signed: the payload (legacy) or the DSSE envelope (bundle), for messages. */
  public String signedName() {
    return isBundle() ? "DSSE envelope" : "payload";
  }

  /** Where the log entry would be, for messages. */
  String entryPlace() {
    return isBundle() ? "the bundle's verificationMaterial.tlogEntries is empty"
        : "the layer has no " + CosignLayout.REKOR_BUNDLE_ANNOTATION + " annotation";
  }

  byte[] signature() {
    return signature.clone();
  }

  /** The bytes the signature is over: the payload, or the DSSE pre-authentication encoding. */
  byte[] signed() {
    return signed.clone();
  }

  /** The signed payload: the simple-signing payload, or the in-toto statement. */
  byte[] payload() {
    return payload.clone();
  }

  Optional<LogEntry> entry() {
    return Optional.ofNullable(entry);
  }

  /** The predicate type of a bundle's statement; empty for a legacy signature. */
  Optional<String> predicateType() {
    return statement == null ? Optional.empty() : Optional.of(statement.predicateType());
  }

  /** Whether the signed payload names {@code image}. */
  boolean names(Digest image) {
    return statement == null ? simpleSigning.manifestDigest().equals(image) : statement.names(image);
  }

  /** The digests the signed payload names, for messages. */
  String namedDigests() {
    if (statement == null) {
      return simpleSigning.manifestDigest().toString();
    }
    return statement.subjects().stream().map(s -> s.digest().entrySet().stream()
        .map(d -> d.getKey() + ":" + d.getValue()).findFirst().orElse("?")).toList().toString();
  }

  // ---- legacy

  private static SignatureMaterial legacy(SignatureEvidence.Legacy evidence, SignerKind expected)
      throws VerificationFailure {
    Map<String, String> annotations = evidence.annotations();
    byte[] payload = evidence.payload();
    String sig = annotations.get(CosignLayout.SIGNATURE_ANNOTATION);
    if (sig == null || sig.isBlank()) {
      throw new VerificationFailure(Check.FORMAT, "the layer has no " + CosignLayout.SIGNATURE_ANNOTATION
          + " annotation");
    }
    byte[] signature = base64(sig.trim(), CosignLayout.SIGNATURE_ANNOTATION + " annotation");
    String pem = annotations.get(CosignLayout.CERTIFICATE_ANNOTATION);
    X509Certificate leaf = null;
    if (pem != null && !pem.isBlank()) {
      leaf = certificate(pem, CosignLayout.CERTIFICATE_ANNOTATION + " annotation");
    } else if (expected == SignerKind.CERTIFICATE) {
      throw new VerificationFailure(Check.FORMAT, "the layer has no " + CosignLayout.CERTIFICATE_ANNOTATION
          + " annotation: it is a key signature, not a keyless one");
    }
    SimpleSigningPayload parsed;
    try {
      parsed = SimpleSigningPayload.parse(payload);
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure(Check.FORMAT, e.getMessage());
    }
    String bundle = annotations.get(CosignLayout.REKOR_BUNDLE_ANNOTATION);
    LogEntry entry = null;
    if (bundle != null && !bundle.isBlank()) {
      Tree root = tree(bundle.getBytes(StandardCharsets.UTF_8), CosignLayout.REKOR_BUNDLE_ANNOTATION + " annotation");
      Tree p = root.path("Payload");
      if (!p.path("body").isText() || !p.path("integratedTime").isLong()
          || !p.path("logID").isText() || !p.path("logIndex").isLong()) {
        throw new VerificationFailure(Check.FORMAT, "the " + CosignLayout.REKOR_BUNDLE_ANNOTATION
            + " annotation lacks Payload.body, integratedTime, logIndex or logID");
      }
      entry = new LogEntry(p.path("body").asText(), p.path("integratedTime").asLong(0), p.path("logID").asText(),
          p.path("logIndex").asLong(0), root.path("SignedEntryTimestamp").asText(null), null);
    }
    return new SignatureMaterial(SignatureFormat.LEGACY, leaf, signature, payload, payload, entry, parsed, null);
  }

  // ---- bundle

  private static SignatureMaterial bundle(SignatureEvidence.Bundle evidence, SignerKind expected)
      throws VerificationFailure {
    Tree root = tree(evidence.json(), "bundle");
    String mediaType = root.path("mediaType").asText("");
    if (!mediaType.startsWith("application/vnd.dev.sigstore.bundle")) {
      throw new VerificationFailure(Check.FORMAT, "expected a Sigstore bundle media type, got '" + mediaType + "'");
    }
    Tree node = root.path("dsseEnvelope");
    if (!node.isObject()) {
      throw new VerificationFailure(Check.FORMAT, "the bundle has no DSSE envelope"
          + (root.has("messageSignature") ? " (a message signature is not a cosign image signature)" : ""));
    }
    Dsse.Envelope envelope;
    InTotoStatement statement;
    try {
      envelope = Dsse.Envelope.fromJson(node);
      if (!envelope.payloadType().equals(CosignLayout.IN_TOTO_PAYLOAD_TYPE)) {
        throw new IllegalArgumentException("expected DSSE payload type '" + CosignLayout.IN_TOTO_PAYLOAD_TYPE
            + "', got '" + envelope.payloadType() + "'");
      }
      if (envelope.signatures().size() != 1) {
        throw new IllegalArgumentException("expected 1 DSSE signature, got " + envelope.signatures().size());
      }
      statement = InTotoStatement.parse(envelope.payload());
    } catch (IllegalArgumentException e) {
      throw new VerificationFailure(Check.FORMAT, e.getMessage());
    }

    Tree material = root.path("verificationMaterial");
    X509Certificate leaf = null;
    if (material.path("certificate").path("rawBytes").isText()) {
      leaf = certificate(base64(material.path("certificate").path("rawBytes").asText(), "certificate"), "certificate");
    } else if (material.path("x509CertificateChain").path("certificates").path(0).path("rawBytes").isText()) {
      leaf = certificate(base64(material.path("x509CertificateChain").path("certificates").path(0).path("rawBytes")
          .asText(), "certificate"), "certificate chain");
    } else if (expected == SignerKind.CERTIFICATE) {
      throw new VerificationFailure(Check.FORMAT, "the bundle has no certificate"
          + (material.has("publicKey") ? ": it is a key signature, not a keyless one" : ""));
    } else if (!material.path("publicKey").isObject()) {
      throw new VerificationFailure(Check.FORMAT, "the bundle's verificationMaterial has neither a publicKey "
          + "nor a certificate");
    }

    Tree entries = material.path("tlogEntries");
    LogEntry entry = entries.isArray() && entries.size() > 0 ? tlogEntry(entries.path(0)) : null;
    return new SignatureMaterial(SignatureFormat.BUNDLE, leaf, envelope.signatures().get(0).sig(), envelope.pae(),
        envelope.payload(), entry, null, statement);
  }

  private static LogEntry tlogEntry(Tree e) throws VerificationFailure {
    if (!e.path("canonicalizedBody").isText() || !e.path("logId").path("keyId").isText()) {
      throw new VerificationFailure(Check.FORMAT, "the bundle's tlog entry lacks canonicalizedBody or logId");
    }
    String logId = HexFormat.of().formatHex(base64(e.path("logId").path("keyId").asText(), "tlog logId"));
    Tree p = e.path("inclusionProof");
    LogEntry.InclusionProof proof = null;
    if (p.isObject()) {
      List<String> hashes = new ArrayList<>();
      for (Tree h : p.path("hashes").elements()) {
        hashes.add(HexFormat.of().formatHex(base64(h.asText(), "inclusion proof hash")));
      }
      proof = new LogEntry.InclusionProof(p.path("logIndex").asLong(0), HexFormat.of().formatHex(
          base64(p.path("rootHash").asText(""), "inclusion proof root hash")), p.path("treeSize").asLong(0), hashes,
          p.path("checkpoint").path("envelope").asText(""));
    }
    String set = e.path("inclusionPromise").path("signedEntryTimestamp").asText(null);
    return new LogEntry(e.path("canonicalizedBody").asText(), e.path("integratedTime").asLong(0), logId,
        e.path("logIndex").asLong(0), set, proof);
  }

  // ---- helpers

  private static Tree tree(byte[] json, String what) throws VerificationFailure {
    try {
      Tree node = Json.tree(json);
      if (!node.isObject()) {
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
      return PublicKeys.certificate(pem);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VerificationFailure(Check.FORMAT, "the " + what + " is not a PEM certificate");
    }
  }

  private static X509Certificate certificate(byte[] der, String what) throws VerificationFailure {
    try {
      return PublicKeys.certificate(der);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VerificationFailure(Check.FORMAT, "the " + what + " is not a DER certificate");
    }
  }

  /** A message as one line: its lines stripped and joined with spaces. */
  public static String oneLine(String text) {
    return text == null ? "" : String.join(" ", text.lines().map(String::strip).toList());
  }
}
