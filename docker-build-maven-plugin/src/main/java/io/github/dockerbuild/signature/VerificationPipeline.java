package io.github.dockerbuild.signature;

import io.github.dockerbuild.json.Json;
import io.github.dockerbuild.json.Tree;
import io.github.dockerbuild.registry.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one verification of a cosign signature, key-based or keyless, as ordered named checks (after
 * cosign's {@code CheckOpts} and {@code verify.go}): the evidence is parsed ({@link Check#FORMAT}),
 * then every check that applies runs in the order of {@link Check}; the first that fails ends
 * verification with a {@link VerificationFailure} naming it.
 *
 * <p>What differs between the two kinds is only who the signer is:
 *
 * <ul>
 *   <li>keyless: the evidence's certificate. Its checks ({@code certificate-chain},
 *       {@code certificate-validity}, {@code sct}, {@code identity}, {@code issuer},
 *       {@code github-claims}) are given by the keyless verifier; the signature verifies with the
 *       certificate's key; the log entry must record that certificate. The log is always required.
 *   <li>key: the policy's public key. No certificate check applies. A certificate in the evidence
 *       (a bundle or layer written with {@code cosign sign --key k --certificate c}) is not trusted
 *       for anything: the signature must verify with the policy's key, as cosign's
 *       {@code verify --key} does. The log entry must record the policy's key (as a public key, or a
 *       certificate of that key). The log is required unless the policy ignores it; an entry is then
 *       not looked at.
 * </ul>
 *
 * <p>A log entry is checked offline against the trust root's transparency logs
 * ({@link TransparencyLogs}: the signed entry timestamp, legacy and bundle; the inclusion proof and
 * checkpoint, bundle, required there), and the entry's body must record this signature, the
 * payload's hash and the signer. Without a log to check, nothing here needs sigstore-java.
 */
public final class VerificationPipeline {
  private static final Set<Check> CERTIFICATE_CHECKS = EnumSet.of(Check.CERTIFICATE_CHAIN,
      Check.CERTIFICATE_VALIDITY, Check.SCT, Check.IDENTITY, Check.ISSUER, Check.GITHUB_CLAIMS);
  /** Where a trust root is configured, for messages. */
  static final String TRUSTED_ROOT_PARAMETER = "<trustedRoot> (-Ddocker.verify.trustedRoot)";

  /** One named check over parsed material. */
  public interface Step {
    Check check();

    /**
     * @throws VerificationFailure of {@link #check()}, with expected and observed values
     */
    void run(Digest image, SignatureMaterial material) throws VerificationFailure;

    static Step of(Check check, Body body) {
      return new Step() {
        @Override
        public Check check() {
          return check;
        }

        @Override
        public void run(Digest image, SignatureMaterial material) throws VerificationFailure {
          body.run(image, material);
        }

        @Override
        public String toString() {
          return check.id();
        }
      };
    }

    /** The work of a step. */
    @FunctionalInterface
    interface Body {
      void run(Digest image, SignatureMaterial material) throws VerificationFailure;
    }
  }

  private final SignatureMaterial.SignerKind signerKind;
  private final PublicKey key;
  private final TransparencyLogs logs;
  private final List<Step> steps;

  private VerificationPipeline(SignatureMaterial.SignerKind signerKind, PublicKey key, TransparencyLogs logs,
      boolean tlogRequired, List<Step> certificateSteps) {
    this.signerKind = signerKind;
    this.key = key;
    this.logs = logs;
    List<Step> all = new ArrayList<>(certificateSteps);
    if (tlogRequired) {
      all.add(Step.of(Check.TLOG, (image, m) -> checkTlog(m)));
    }
    all.add(Step.of(Check.SIGNATURE, (image, m) -> checkSignature(m)));
    all.add(Step.of(Check.PREDICATE_TYPE, (image, m) -> checkPredicateType(m)));
    all.add(Step.of(Check.PAYLOAD_DIGEST, this::checkPayloadDigest));
    all.sort(Comparator.comparing(Step::check)); // stable: the Check order, whoever supplied the step
    this.steps = List.copyOf(all);
  }

  /**
   * Key-based verification ({@code cosign verify --key}).
   *
   * @param key the public key signatures must verify with
   * @param logs the transparency logs log entries are checked against; null when no trust root is
   *     configured (a required log then fails the {@code tlog} check, saying so)
   * @param ignoreTlog skip the {@code tlog} check (cosign's {@code --insecure-ignore-tlog})
   */
  public static VerificationPipeline forKey(PublicKey key, TransparencyLogs logs, boolean ignoreTlog) {
    return new VerificationPipeline(SignatureMaterial.SignerKind.KEY, key, logs, !ignoreTlog, List.of());
  }

  /**
   * Keyless verification: the certificate is the signer; the log is required.
   *
   * @param logs the trust root's transparency logs, which the log entry is checked against
   * @param certificateSteps the certificate's checks (chain, validity, SCT, identity, issuer, GitHub claims)
   * @throws IllegalArgumentException when a step is not a certificate check
   */
  public static VerificationPipeline forCertificate(TransparencyLogs logs, List<Step> certificateSteps) {
    for (Step step : certificateSteps) {
      if (!CERTIFICATE_CHECKS.contains(step.check())) {
        throw new IllegalArgumentException(step.check().id() + " is not a check of the certificate");
      }
    }
    return new VerificationPipeline(SignatureMaterial.SignerKind.CERTIFICATE, null, logs, true,
        certificateSteps);
  }

  /** The checks that run after {@code format}, in order. */
  public List<Check> checks() {
    return steps.stream().map(Step::check).toList();
  }

  /**
   * @return the evidence, parsed, once every check passed
   * @throws VerificationFailure naming the first check that failed
   */
  public SignatureMaterial verify(Digest image, SignatureEvidence evidence) throws VerificationFailure {
    SignatureMaterial material = SignatureMaterial.parse(evidence, signerKind);
    for (Step step : steps) {
      step.run(image, material);
    }
    return material;
  }

  // ---- transparency log

  private void checkTlog(SignatureMaterial m) throws VerificationFailure {
    if (m.entry().isEmpty()) {
      throw new VerificationFailure(Check.TLOG, "no transparency log entry (" + m.entryPlace() + ")"
          + (key == null ? "" : ": the signature was made without the log; accept that only with "
              + "insecureIgnoreTlog=true"));
    }
    if (logs == null) {
      throw new VerificationFailure(Check.TLOG, "the signature has a transparency-log entry but no trust root is "
          + "configured to check it against: give a trusted_root.json with the log's key in "
          + TRUSTED_ROOT_PARAMETER + ", or set insecureIgnoreTlog=true to rely on the key alone");
    }
    LogEntry entry = m.entry().get();
    logs.check(entry, m.isBundle());
    checkBody(m, entry);
  }

  /** The entry must record this signature, the payload's hash and the signer. */
  private void checkBody(SignatureMaterial m, LogEntry entry) throws VerificationFailure {
    Tree body;
    try {
      body = Json.tree(entry.decodedBody());
    } catch (IOException | IllegalArgumentException e) {
      throw new VerificationFailure(Check.TLOG, "the log entry's body is not JSON");
    }
    String kind = body.path("kind").asText("") + " " + body.path("apiVersion").asText("");
    Tree spec = body.path("spec");
    String hash;
    String signature;
    String verifier;
    String expectedKind = m.isBundle() ? "dsse 0.0.1" : "hashedrekord 0.0.1";
    if (!kind.equals(expectedKind)) {
      throw new VerificationFailure(Check.TLOG, "expected a " + expectedKind + " log entry, got " + kind.trim());
    }
    if (m.isBundle()) {
      hash = spec.path("payloadHash").path("algorithm").asText("") + ":" + spec.path("payloadHash").path("value").asText("");
      Tree sigs = spec.path("signatures");
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
    checkLoggedSigner(m, verifier);
  }

  /**
   * The entry's verifier (base64 of a PEM certificate or public key) must be the signer: the
   * evidence's certificate (keyless), or the policy's key, bare or in a certificate (key).
   */
  private void checkLoggedSigner(SignatureMaterial m, String verifierBase64) throws VerificationFailure {
    String pem;
    try {
      pem = new String(Base64.getDecoder().decode(verifierBase64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      pem = "";
    }
    X509Certificate loggedCertificate = null;
    PublicKey loggedKey = null;
    try {
      if (pem.contains("-----BEGIN CERTIFICATE-----")) {
        loggedCertificate = PublicKeys.certificate(pem);
        loggedKey = loggedCertificate.getPublicKey();
      } else if (pem.contains("-----BEGIN PUBLIC KEY-----")) {
        loggedKey = PublicKeys.parsePem(pem);
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      // neither: reported below
    }
    if (loggedKey == null) {
      throw new VerificationFailure(Check.TLOG, "the log entry records no PEM certificate or public key as the "
          + "signer");
    }
    if (key != null) {
      if (!Arrays.equals(loggedKey.getEncoded(), key.getEncoded())) {
        throw new VerificationFailure(Check.TLOG, "expected the log entry to record the policy's "
            + PublicKeys.describe(key) + ", got " + (loggedCertificate == null ? "" : "a certificate of ")
            + describe(loggedKey));
      }
      return;
    }
    X509Certificate leaf = m.certificate().orElseThrow();
    if (loggedCertificate == null || !sameEncoding(loggedCertificate, leaf)) {
      throw new VerificationFailure(Check.TLOG, "the log entry records another "
          + (loggedCertificate == null ? "signer (a public key)" : "certificate") + " than the evidence's (subject "
          + leaf.getSubjectX500Principal().getName() + ", serial " + leaf.getSerialNumber().toString(16) + ")");
    }
  }

  private static boolean sameEncoding(X509Certificate a, X509Certificate b) {
    try {
      return Arrays.equals(a.getEncoded(), b.getEncoded());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String describe(PublicKey key) {
    try {
      return PublicKeys.describe(key);
    } catch (RuntimeException e) {
      return key.getAlgorithm() + " key " + PublicKeys.fingerprint(key);
    }
  }

  // ---- signature and payload

  private void checkSignature(SignatureMaterial m) throws VerificationFailure {
    PublicKey verifying = key != null ? key : m.certificate().orElseThrow().getPublicKey();
    if (!PublicKeys.verifies(verifying, m.signed(), m.signature())) {
      throw new VerificationFailure(Check.SIGNATURE, "the signature over the " + m.signedName()
          + " does not verify with " + (key != null ? "the policy's " + PublicKeys.describe(key)
              : "the certificate's key") + " (signed by another key, or changed after signing)");
    }
  }

  private static void checkPredicateType(SignatureMaterial m) throws VerificationFailure {
    Optional<String> type = m.predicateType();
    if (type.isPresent() && !CosignLayout.SIGN_PREDICATE_TYPE.equals(type.get())) {
      throw new VerificationFailure(Check.PREDICATE_TYPE, "expected '" + CosignLayout.SIGN_PREDICATE_TYPE
          + "', got '" + type.get() + "' (an attestation, not an image signature)");
    }
  }

  private void checkPayloadDigest(Digest image, SignatureMaterial m) throws VerificationFailure {
    if (!m.names(image)) {
      throw new VerificationFailure(Check.PAYLOAD_DIGEST, "expected the " + (m.isBundle() ? "statement's subject to be "
          : "payload to name ") + image + ", got " + m.namedDigests() + " (a signature of another image)");
    }
  }
}
