package io.github.dockerbuild.signature;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A Rekor entry as a signature carries it: the cosign bundle annotation (a signed entry timestamp
 * only) or a Sigstore bundle's tlog entry (with an inclusion proof and checkpoint). Plain data:
 * checking it against a log's key is {@link TransparencyLogs}' work.
 *
 * @param body the canonicalized body, base64
 * @param integratedTime when the log integrated it, epoch seconds
 * @param logId the log's key ID, hex
 * @param logIndex the entry's index in the log
 * @param signedEntryTimestamp the signed entry timestamp, base64, or null
 * @param inclusionProof the inclusion proof, or null
 */
public record LogEntry(String body, long integratedTime, String logId, long logIndex, String signedEntryTimestamp,
    InclusionProof inclusionProof) {

  /**
   * An entry's inclusion proof in the log's Merkle tree.
   *
   * @param rootHash the tree's root hash, hex
   * @param hashes the proof's hashes, hex
   * @param checkpoint the signed checkpoint (note) the root hash is in
   */
  public record InclusionProof(long logIndex, String rootHash, long treeSize, List<String> hashes,
      String checkpoint) {
    public InclusionProof {
      hashes = List.copyOf(hashes);
    }
  }

  public Instant integratedAt() {
    return Instant.ofEpochSecond(integratedTime);
  }

  /** The canonicalized body, decoded. */
  public byte[] decodedBody() {
    return Base64.getDecoder().decode(body);
  }

  public boolean hasInclusionProof() {
    return inclusionProof != null;
  }

  public boolean hasSet() {
    return signedEntryTimestamp != null && !signedEntryTimestamp.isEmpty();
  }

  public Optional<InclusionProof> proof() {
    return Optional.ofNullable(inclusionProof);
  }
}
