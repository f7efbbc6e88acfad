package io.github.dockerbuild.signature.keyless;

import dev.sigstore.encryption.signers.Verifiers;
import dev.sigstore.rekor.client.ImmutableInclusionProof;
import dev.sigstore.rekor.client.ImmutableRekorEntry;
import dev.sigstore.rekor.client.ImmutableVerification;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorVerificationException;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.trustroot.TransparencyLog;
import io.github.dockerbuild.signature.Check;
import io.github.dockerbuild.signature.LogEntry;
import io.github.dockerbuild.signature.SignatureMaterial;
import io.github.dockerbuild.signature.TransparencyLogs;
import io.github.dockerbuild.signature.VerificationFailure;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** The Rekor logs of a Sigstore trust root, checked with sigstore-java's Rekor verifier (offline). */
public final class TrustRootLogs implements TransparencyLogs {
  private final SigstoreTrustedRoot root;
  private final RekorVerifier rekor;

  public TrustRootLogs(SigstoreTrustedRoot root) {
    this.root = root;
    this.rekor = RekorVerifier.newRekorVerifier(root);
  }

  @Override
  public void check(LogEntry entry, boolean bundle) throws VerificationFailure {
    TransparencyLog log = log(entry).orElseThrow(() -> new VerificationFailure(Check.TLOG,
        "the entry's log " + entry.logId() + " is not a transparency log of the trust root at "
            + entry.integratedAt()));
    RekorEntry rekorEntry = rekorEntry(entry);
    if (entry.hasSet() || !entry.hasInclusionProof()) {
      if (!setVerifies(rekorEntry, log)) {
        throw new VerificationFailure(Check.TLOG, (entry.hasSet() ? "the signed entry timestamp does not verify"
            : "the entry has neither a signed entry timestamp nor an inclusion proof to verify")
            + " with the key of log " + log.getBaseUrl());
      }
    }
    if (entry.hasInclusionProof()) {
      try {
        rekor.verifyEntry(rekorEntry);
      } catch (RekorVerificationException e) {
        throw new VerificationFailure(Check.TLOG, "the entry's inclusion proof does not verify against log "
            + log.getBaseUrl() + " (" + SignatureMaterial.oneLine(e.getMessage()) + ")");
      }
    } else if (bundle) {
      throw new VerificationFailure(Check.TLOG, "the bundle's tlog entry has no inclusion proof");
    }
  }

  /** The trust root's log this entry names, if it is one and was valid at the integrated time. */
  private Optional<TransparencyLog> log(LogEntry entry) {
    byte[] id;
    try {
      id = HexFormat.of().parseHex(entry.logId());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return TransparencyLog.find(root.getTLogs(), id, entry.integratedAt());
  }

  /** Whether the signed entry timestamp is the log key's signature over the entry. */
  private static boolean setVerifies(RekorEntry entry, TransparencyLog log) {
    String set = entry.getVerification().getSignedEntryTimestamp();
    if (set == null || set.isEmpty()) {
      return false;
    }
    try {
      return Verifiers.newVerifier(log.getPublicKey().toJavaPublicKey())
          .verify(entry.getSignableContent(), Base64.getDecoder().decode(set));
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static RekorEntry rekorEntry(LogEntry entry) {
    LogEntry.InclusionProof p = entry.inclusionProof();
    RekorEntry.InclusionProof proof = p == null ? null : ImmutableInclusionProof.builder().logIndex(p.logIndex())
        .rootHash(p.rootHash()).treeSize(p.treeSize()).hashes(p.hashes()).checkpoint(p.checkpoint()).build();
    return ImmutableRekorEntry.builder()
        .body(entry.body())
        .integratedTime(entry.integratedTime())
        .logID(entry.logId())
        .logIndex(entry.logIndex())
        .verification(ImmutableVerification.builder().signedEntryTimestamp(entry.signedEntryTimestamp())
            .inclusionProof(proof).build())
        .build();
  }
}
