package org.citewatch.config;

import java.time.Duration;

/**
 * The range of each number and duration sources.yaml sets. A value outside it is a mistake that
 * would break a run in a way no alert explains: no timeout lets a dripping server hold the store
 * lock forever, a day of delay per host never finishes a run, 99 retries back off for months.
 */
final class Limits {

  /** Inclusive bounds, and why they are there when it is not plain. */
  record Range<T extends Comparable<T>>(T min, T max, String why) {
    boolean holds(T value) {
      return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }
  }

  static final Range<Duration> TIMEOUT = new Range<>(Duration.ofSeconds(1), Duration.ofMinutes(10),
      " (a server that drips its answer must not hold a run, and the store, for longer)");
  static final Range<Duration> PER_HOST_DELAY = new Range<>(Duration.ZERO, Duration.ofMinutes(10), "");
  static final Range<Duration> STALE_AFTER = new Range<>(Duration.ofDays(1), Duration.ofDays(3650), "");
  static final Range<Duration> RETRY_BACKOFF = new Range<>(Duration.ZERO, Duration.ofMinutes(1),
      " (it doubles with each retry)");
  static final Range<Duration> MAX_RETRY_AFTER = new Range<>(Duration.ZERO, Duration.ofHours(1), "");
  static final Range<Duration> ROBOTS_CACHE = new Range<>(Duration.ofMinutes(1), Duration.ofDays(30), "");
  static final Range<Duration> MAX_CRAWL_DELAY = new Range<>(Duration.ZERO, Duration.ofMinutes(10), "");
  static final Range<Duration> JITTER = new Range<>(Duration.ZERO, Duration.ofHours(1), "");
  static final Range<Integer> RETRIES = new Range<>(0, 10, " (the back-off doubles with each)");
  static final Range<Integer> CONCURRENCY = new Range<>(1, 64, "");
  static final Range<Integer> PER_HOST_CONCURRENCY = new Range<>(1, 16, "");
  static final Range<Long> MAX_BODY = new Range<>(1024L, 1L << 30, "");

  /**
   * sources.yaml is text a person (or a script listing a ministry's pages) writes: a file larger
   * than this is not one. 100,000 sources take about 10 MB.
   */
  static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  private Limits() {}
}
