package io.github.dockerbuild.engine;

/** The engine or buildx is missing or cannot do what the configuration asks; the message says the fix. */
public class EngineException extends RuntimeException {
  public EngineException(String message) {
    super(message);
  }
}
