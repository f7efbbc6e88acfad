package io.github.dockerbuild.signature;

/**
 * The transparency logs a signature's log entry is checked against: a trust root's Rekor logs,
 * checked offline with their keys. Made by the keyless side (which loads the trust root with
 * sigstore-java) and handed to key-based verification when its policy checks the log.
 */
public interface TransparencyLogs {
  /**
   * Checks that {@code entry} was made by one of these logs: the log it names was valid at its
   * integrated time, its signed entry timestamp verifies with that log's key (when it has one, or has
   * no inclusion proof either), and its inclusion proof verifies against the checkpoint. A Sigstore
   * bundle's entry must have an inclusion proof.
   *
   * @param bundle whether the entry comes from a Sigstore bundle
   * @throws VerificationFailure of {@link Check#TLOG}, saying which part failed
   */
  void check(LogEntry entry, boolean bundle) throws VerificationFailure;
}
