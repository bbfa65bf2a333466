package org.citewatch.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.citewatch.model.Settings;

/**
 * When to try again: on transient network errors, 408, 429 and 5xx; after an exponential backoff
 * with jitter, or after the server's Retry-After (seconds or an HTTP date) when it gives one and
 * it is not longer than {@code max_retry_after}.
 */
final class RetryPolicy {

  /** The decision after a failed attempt: wait this long and try again, or stop and say why. */
  record Decision(Optional<Duration> pause, Optional<String> reason) {
    static Decision retryAfter(Duration wait) {
      return new Decision(Optional.of(wait), Optional.empty());
    }

    static Decision stop(String reason) {
      return new Decision(Optional.empty(), Optional.of(reason));
    }

    static Decision stop() {
      return new Decision(Optional.empty(), Optional.empty());
    }
  }

  private final Settings settings;
  private final Clock clock;

  RetryPolicy(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  int maxAttempts() {
    return 1 + settings.retries();
  }

  static boolean retryableStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** After a failure with no answer (a timeout, a refused connection): tried again if it is transient. */
  Decision after(int attempt, Failure failure) {
    return failure.kind().isTransient() && attempt < maxAttempts() ? backoff(attempt) : Decision.stop();
  }

  /** After an answer that failed: a retryable status is tried again, after what its Retry-After asks. */
  Decision after(int attempt, Failure failure, Exchange answer) {
    if (!retryableStatus(answer.status()) || attempt >= maxAttempts()) {
      return Decision.stop();
    }
    Optional<Duration> asked = answer.header("Retry-After").flatMap(this::parseRetryAfter);
    if (asked.isPresent() && asked.get().compareTo(settings.maxRetryAfter()) > 0) {
      return Decision.stop(String.format(Locale.ROOT,
          "the server asked to retry after %ds, longer than max_retry_after (%ds)",
          asked.get().toSeconds(), settings.maxRetryAfter().toSeconds()));
    }
    return asked.map(Decision::retryAfter).orElseGet(() -> backoff(attempt));
  }

  private Decision backoff(int attempt) {
    // doubling stops at MAX_BACKOFF: ten retries of a 1m back-off wait under an hour, not eight days
    long base = Math.min(settings.retryBackoff().toMillis() << Math.min(attempt - 1, 16), MAX_BACKOFF.toMillis());
    long jitter = base == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Decision.retryAfter(Duration.ofMillis(Math.min(base + jitter, MAX_BACKOFF.toMillis())));
  }

  /** The longest wait between two tries that citewatch's own back-off makes. */
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  Optional<Duration> parseRetryAfter(String value) {
    String v = value.strip();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), when);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
