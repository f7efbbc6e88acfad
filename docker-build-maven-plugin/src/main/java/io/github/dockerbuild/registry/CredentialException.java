package io.github.dockerbuild.registry;

/**
 * A credential source has an entry for a registry but cannot produce it (a credential helper that
 * is missing or fails, a config.json that cannot be read). The message names the source, the
 * registry and the fix, and never a secret.
 */
public class CredentialException extends RuntimeException {
  public CredentialException(String message) {
    super(message);
  }
}
