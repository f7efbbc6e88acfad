package io.github.dockerbuild.registry;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * When and how long to wait before trying a registry request again: on 429, 5xx and connection
 * errors, up to {@code maxAttempts} in all, with exponential backoff and "equal jitter" (half the
 * delay fixed, half random) so parallel pushes do not retry in lock step. A {@code Retry-After}
 * from the registry wins over the computed delay, capped at {@code maxRetryAfter}.
 *
 * @param maxAttempts attempts in all, at least 1 (1 = no retry)
 * @param initialDelay the delay before the second attempt, before jitter
 * @param maxDelay the cap of the computed delay
 * @param maxRetryAfter the cap of a registry's Retry-After
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {
  /** One attempt, no retry: for questions whose lack of an answer only makes the caller do more work. */
  public static final RetryPolicy ONCE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
  }

  public static boolean isRetryable(int status) {
    return status == 429 || status >= 500;
  }

  /**
   * @param attempt the attempt that just failed, from 1
   * @param retryAfter what the registry asked for, if anything
   * @param random a number in [0, 1)
   */
  public Duration delay(int attempt, Optional<Duration> retryAfter, double random) {
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get();
      return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    }
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 30);
    long capped = Math.min(base < 0 ? Long.MAX_VALUE : base, maxDelay.toMillis());
    return Duration.ofMillis(capped / 2 + (long) (random * (capped - capped / 2)));
  }

  /** The retry line's tail after a failed attempt: {@code attempt 2 of 5 in 0.5 s}. */
  public String nextAttempt(int failedAttempt, Duration delay) {
    return "attempt " + (failedAttempt + 1) + " of " + maxAttempts + " in " + seconds(delay);
  }

  /** A delay as the retry lines say it: {@code 0.5 s}. */
  public static String seconds(Duration delay) {
    return String.format(Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
  }

  /** A {@code Retry-After} header in seconds; HTTP dates and garbage are ignored. */
  static Optional<Duration> parseRetryAfter(Optional<String> header) {
    return header.map(String::trim).filter(value -> value.matches("\\d{1,9}")).map(Long::parseLong)
        .map(Duration::ofSeconds);
  }
}
