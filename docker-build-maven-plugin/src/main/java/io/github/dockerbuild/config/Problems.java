package io.github.dockerbuild.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects every configuration problem of one image before failing, so one run shows them all.
 */
public final class Problems {
  private final List<String> messages = new ArrayList<>();

  /** Runs {@code parse}; on an {@link InvalidValueException} records it and returns {@code fallback}. */
  public <T> T attempt(Supplier<T> parse, T fallback) {
    try {
      return parse.get();
    } catch (InvalidValueException e) {
      messages.add(e.getMessage());
      return fallback;
    }
  }

  public void add(String parameter, String value, String problem, String fix) {
    messages.add(new InvalidValueException(parameter, value, problem, fix).getMessage());
  }

  /** A problem already phrased as one line (parameter, value, problem and fix). */
  public void addMessage(String message) {
    messages.add(message);
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }

  /** Throws one {@link InvalidConfigurationException} listing every problem, for image {@code image}. */
  public void throwIfAny(String image) {
    if (!messages.isEmpty()) {
      throw new InvalidConfigurationException(image, messages);
    }
  }
}
