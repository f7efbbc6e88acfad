package io.github.dockerbuild.signature;

/**
 * A signature did not pass a check. Distinct from configuration and transport errors: a failure
 * is never retried.
 */
public final class VerificationFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final Check check;

  /**
   * @param check the check that failed
   * @param detail expected and observed values, one line
   */
  public VerificationFailure(Check check, String detail) {
    super(check.id() + ": " + detail);
    this.check = check;
  }

  public Check check() {
    return check;
  }

  /** The detail without the check's name. */
  public String detail() {
    return getMessage().substring(check.id().length() + 2);
  }
}
