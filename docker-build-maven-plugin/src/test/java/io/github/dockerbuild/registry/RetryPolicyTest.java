package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  static final RetryPolicy POLICY = new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120));

  @ParameterizedTest(name = "attempt {0}, random {1} -> {2} ms")
  @CsvSource({
      "1, 0.0, 250",
      "1, 0.5, 375",
      "1, 0.99, 497",
      "2, 0.0, 500",
      "3, 0.0, 1000",
      "4, 1.0, 4000",
      "7, 0.0, 15000",
      "8, 0.0, 15000",
      "40, 0.5, 22500",
  })
  void exponentialWithEqualJitterAndCap(int attempt, double random, long millis) {
    assertThat(POLICY.delay(attempt, Optional.empty(), random)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "Retry-After {0} -> {1} s")
  @CsvSource({"0, 0", "7, 7", "120, 120", "3600, 120"})
  void retryAfterWinsAndIsCapped(String header, long seconds) {
    Optional<Duration> asked = RetryPolicy.parseRetryAfter(Optional.of(header));
    assertThat(POLICY.delay(1, asked, 0.5)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void retryAfterDatesAndGarbageAreIgnored() {
    assertThat(RetryPolicy.parseRetryAfter(Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(Optional.of("-1"))).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(Optional.empty())).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(Optional.of(" 5 "))).contains(Duration.ofSeconds(5));
  }

  @ParameterizedTest(name = "{0} retryable: {1}")
  @CsvSource({"429, true", "500, true", "502, true", "503, true", "504, true", "400, false", "401, false",
      "403, false", "404, false", "409, false", "200, false"})
  void retryableStatuses(int status, boolean retryable) {
    assertThat(RetryPolicy.isRetryable(status)).isEqualTo(retryable);
  }

  @Test
  void needsAtLeastOneAttempt() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
        .hasMessage("maxAttempts must be at least 1, not 0");
  }

  @Test
  void nextAttempt_namesTheAttemptAndTheWait() {
    assertThat(RetryPolicy.DEFAULT.nextAttempt(1, Duration.ofMillis(1250))).isEqualTo("attempt 2 of 5 in 1.3 s");
  }
}
