package io.github.dockerbuild.signature.keyless;

import dev.sigstore.encryption.certificates.Certificates;
import dev.sigstore.fulcio.client.FulcioVerificationException;
import dev.sigstore.fulcio.client.FulcioVerifier;
import dev.sigstore.trustroot.CertificateAuthority;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import io.github.dockerbuild.registry.Digest;
import io.github.dockerbuild.signature.Check;
import io.github.dockerbuild.signature.CosignLayout;
import io.github.dockerbuild.signature.SignatureEvidence;
import io.github.dockerbuild.signature.SignatureMaterial;
import io.github.dockerbuild.signature.SignatureVerifier;
import io.github.dockerbuild.signature.VerificationFailure;
import io.github.dockerbuild.signature.VerificationPipeline;
import io.github.dockerbuild.signature.VerificationPipeline.Step;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies keyless (Fulcio certificate) cosign signatures of an image digest, offline, against a
 * Sigstore trust root and a {@link KeylessPolicy}, in both formats (legacy annotations with a Rekor
 * bundle; Sigstore bundle v0.3 with a DSSE envelope over an in-toto statement with predicate type
 * {@value CosignLayout#SIGN_PREDICATE_TYPE}).
 *
 * <p>This class supplies the certificate's checks to the {@link VerificationPipeline}, which runs
 * them with the shared ones in the order of {@link Check}: format, certificate chain (at the
 * certificate's issuance, to the trust root's CAs; the evidence's chain is not trusted), certificate
 * validity at the log's integrated time, SCT, transparency log (the entry must record this
 * certificate), identity, issuer, GitHub claims, signature (with the certificate's key), predicate
 * type, payload digest.
 *
 * <p>sigstore-java is used for the SCT, the Rekor entry's proofs and the trust root; the rest is here
 * because sigstore-java 2.0.0 accepts a certificate that expired before the entry was integrated,
 * does not check the predicate type, cannot parse cosign's in-toto subjects (they have no name) and
 * matches regular expressions against the whole claim, unlike cosign.
 */
public final class KeylessVerifier implements SignatureVerifier {
  private final SigstoreTrustedRoot trustRoot;
  private final KeylessPolicy policy;
  private final FulcioVerifier fulcio;
  private final VerificationPipeline pipeline;

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
    this.pipeline = VerificationPipeline.forCertificate(new TrustRootLogs(trustRoot), List.of(
        Step.of(Check.CERTIFICATE_CHAIN, (image, m) -> checkChain(leaf(m))),
        Step.of(Check.CERTIFICATE_VALIDITY, (image, m) -> checkValidity(leaf(m), m.integratedTime())),
        Step.of(Check.SCT, (image, m) -> checkSct(leaf(m))),
        Step.of(Check.IDENTITY, (image, m) -> checkIdentity(leaf(m))),
        Step.of(Check.ISSUER, (image, m) -> checkIssuer(leaf(m))),
        Step.of(Check.GITHUB_CLAIMS, (image, m) -> checkGithub(leaf(m)))));
  }

  public KeylessPolicy policy() {
    return policy;
  }

  /** The checks that run after {@code format}, in order. */
  public List<Check> checks() {
    return pipeline.checks();
  }

  @Override
  public String verify(Digest image, SignatureEvidence evidence) throws VerificationFailure {
    X509Certificate leaf = leaf(pipeline.verify(image, evidence));
    return checkIdentity(leaf) + " (issuer " + checkIssuer(leaf) + ")";
  }

  private static X509Certificate leaf(SignatureMaterial m) {
    return m.certificate().orElseThrow(() -> new IllegalStateException("keyless material without a certificate"));
  }

  // ---- certificate

  private void checkChain(X509Certificate leaf) throws VerificationFailure {
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

  private static void checkValidity(X509Certificate leaf, Optional<Instant> integrated) throws VerificationFailure {
    if (integrated.isEmpty()) {
      return; // no integrated time to check at: the tlog check fails
    }
    Instant at = integrated.get();
    try {
      leaf.checkValidity(Date.from(at));
    } catch (CertificateExpiredException e) {
      throw new VerificationFailure(Check.CERTIFICATE_VALIDITY, "certificate expired at "
          + leaf.getNotAfter().toInstant() + ", the log integrated the entry later, at " + at);
    } catch (CertificateNotYetValidException e) {
      throw new VerificationFailure(Check.CERTIFICATE_VALIDITY, "certificate valid from "
          + leaf.getNotBefore().toInstant() + ", the log integrated the entry earlier, at " + at);
    }
  }

  private void checkSct(X509Certificate leaf) throws VerificationFailure {
    if (Certificates.getEmbeddedSCTs(leaf).isEmpty()) {
      throw new VerificationFailure(Check.SCT, "the certificate carries no signed certificate timestamp");
    }
    try {
      // validates the chain again (it passed above) and the embedded SCTs against the CT logs
      fulcio.verifySigningCertificate(Certificates.toCertPath(leaf));
    } catch (FulcioVerificationException | IOException | GeneralSecurityException e) {
      throw new VerificationFailure(Check.SCT, "no signed certificate timestamp of a CT log of the trust root "
          + "verifies (" + oneLine(e.getMessage()) + ")");
    }
  }

  // ---- policy

  private String checkIdentity(X509Certificate leaf) throws VerificationFailure {
    List<String> identities = CertificateClaims.identities(leaf);
    for (String identity : identities) {
      if (policy.identity().matches(identity)) {
        return identity;
      }
    }
    throw new VerificationFailure(Check.IDENTITY, "expected identity " + policy.identity().describe() + ", got "
        + identities);
  }

  private String checkIssuer(X509Certificate leaf) throws VerificationFailure {
    Optional<String> issuer = CertificateClaims.issuer(leaf);
    if (issuer.isEmpty() || !policy.issuer().matches(issuer.get())) {
      throw new VerificationFailure(Check.ISSUER, "expected issuer " + policy.issuer().describe() + ", got "
          + issuer.map(i -> "'" + i + "'").orElse("none (the certificate has no OIDC issuer extension)"));
    }
    return issuer.get();
  }

  private void checkGithub(X509Certificate leaf) throws VerificationFailure {
    claim(leaf, "repository", policy.githubRepository(), CertificateClaims.OID_GITHUB_REPOSITORY);
    claim(leaf, "ref", policy.githubRef(), CertificateClaims.OID_GITHUB_REF);
    claim(leaf, "workflow trigger", policy.githubTrigger(), CertificateClaims.OID_GITHUB_TRIGGER);
  }

  private static void claim(X509Certificate leaf, String name, Optional<String> expected, String oid)
      throws VerificationFailure {
    if (expected.isEmpty()) {
      return;
    }
    Optional<String> actual = CertificateClaims.raw(leaf, oid);
    if (!actual.equals(expected)) {
      throw new VerificationFailure(Check.GITHUB_CLAIMS, "expected GitHub " + name + " '" + expected.get() + "', got "
          + actual.map(a -> "'" + a + "'").orElse("none (no extension " + oid + " in the certificate)"));
    }
  }

  private static String oneLine(String text) {
    return text == null ? "" : String.join(" ", text.lines().map(String::strip).toList());
  }
}
