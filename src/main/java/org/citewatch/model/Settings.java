package org.citewatch.model;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** The {@code settings:} block of sources.yaml, with its defaults filled in. */
public record Settings(
    String userAgent,
    Duration timeout,
    long maxBodyBytes,
    Duration perHostDelay,
    int perHostConcurrency,
    int concurrency,
    boolean respectRobots,
    Duration staleAfter,
    String schedule,
    ZoneId timezone,
    List<Notifier> notifiers) {

  public static final String VERSION = "0.1.0";
  public static final String DEFAULT_USER_AGENT =
      "citewatch/" + VERSION + " (+https://github.com/citewatch/citewatch)";

  public Settings {
    notifiers = List.copyOf(notifiers);
  }

  public static Settings defaults() {
    return new Settings(
        DEFAULT_USER_AGENT,
        Duration.ofSeconds(30),
        20L * 1024 * 1024,
        Duration.ofSeconds(2),
        1,
        8,
        true,
        Duration.ofDays(180),
        "0 0 3 * * ?",
        ZoneId.of("UTC"),
        List.of());
  }
}
