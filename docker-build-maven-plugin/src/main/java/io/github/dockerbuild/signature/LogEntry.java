package io.github.dockerbuild.signature;

import dev.sigstore.encryption.signers.Verifiers;
import dev.sigstore.rekor.client.ImmutableInclusionProof;
import dev.sigstore.rekor.client.ImmutableRekorEntry;
import dev.sigstore.rekor.client.ImmutableVerification;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.trustroot.TransparencyLog;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A Rekor entry as a signature carries it: the cosign bundle annotation (a signed entry timestamp
 * only) or a Sigstore bundle's tlog entry (with an inclusion proof and checkpoint).
 */
final class LogEntry {
  private final RekorEntry entry;

  private LogEntry(RekorEntry entry) {
    this.entry = entry;
  }

  /**
   * @param body the canonicalized body, base64
   * @param logId the log's key ID, hex
   * @param set the signed entry timestamp, base64, or null
   * @param proof the inclusion proof, or null
   */
  static LogEntry of(String body, long integratedTime, String logId, long logIndex, String set,
      RekorEntry.InclusionProof proof) {
    return new LogEntry(ImmutableRekorEntry.builder()
        .body(body)
        .integratedTime(integratedTime)
        .logID(logId)
        .logIndex(logIndex)
        .verification(ImmutableVerification.builder().signedEntryTimestamp(set).inclusionProof(proof).build())
        .build());
  }

  static RekorEntry.InclusionProof proof(long logIndex, String rootHashHex, long treeSize, List<String> hashesHex,
      String checkpoint) {
    return ImmutableInclusionProof.builder().logIndex(logIndex).rootHash(rootHashHex).treeSize(treeSize)
        .hashes(hashesHex).checkpoint(checkpoint).build();
  }

  RekorEntry rekorEntry() {
    return entry;
  }

  Instant integratedTime() {
    return Instant.ofEpochSecond(entry.getIntegratedTime());
  }

  byte[] body() {
    return java.util.Base64.getDecoder().decode(entry.getBody());
  }

  boolean hasInclusionProof() {
    return entry.getVerification().getInclusionProof() != null;
  }

  /** The trust root's log this entry names, if it is one and was valid at the integrated time. */
  Optional<TransparencyLog> log(SigstoreTrustedRoot root) {
    byte[] id;
    try {
      id = HexFormat.of().parseHex(entry.getLogID());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return TransparencyLog.find(root.getTLogs(), id, integratedTime());
  }

  String logId() {
    return entry.getLogID();
  }

  /** Whether the signed entry timestamp is the log key's signature over the entry (offline). */
  boolean setVerifies(TransparencyLog log) {
    String set = entry.getVerification().getSignedEntryTimestamp();
    if (set == null || set.isEmpty()) {
      return false;
    }
    try {
      return Verifiers.newVerifier(log.getPublicKey().toJavaPublicKey())
          .verify(entry.getSignableContent(), java.util.Base64.getDecoder().decode(set));
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  boolean hasSet() {
    String set = entry.getVerification().getSignedEntryTimestamp();
    return set != null && !set.isEmpty();
  }
}
