package org.citewatch.model;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The {@code settings:} block of sources.yaml, with its defaults filled in.
 *
 * @param retries attempts after the first, on connection errors, timeouts, 408, 429 and 5xx
 * @param retryBackoff the wait before the first retry; it doubles with each retry, with jitter
 * @param maxRetryAfter the longest Retry-After honoured; a server asking for more is not retried
 * @param robotsCache how long a host's robots.txt is kept before it is fetched again
 * @param maxCrawlDelay the longest robots.txt Crawl-delay honoured
 * @param signingKey an Ed25519 private key file ({@code ${VAR}} allowed) that seals the journal's head
 * @param maxShrinkPercent a page whose selected text shrinks by more than this is not the page
 * @param timestampAuthority an RFC 3161 time-stamp authority that stamps each run's journal head
 * @param webUrl where {@code citewatch serve} is reached (behind its proxy): reports and notifications link each
 *     alert's page there
 * @param jitter the daemon spreads runs that fall due together (a catch-up, per-source triggers)
 *     over up to this long, so that a restart does not hit every host at once
 */
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
    List<Notifier> notifiers,
    int retries,
    Duration retryBackoff,
    Duration maxRetryAfter,
    Duration robotsCache,
    Duration maxCrawlDelay,
    int maxShrinkPercent,
    Duration jitter,
    Optional<String> signingKey,
    Optional<URI> timestampAuthority,
    Optional<URI> webUrl) {

  public static final String VERSION = "0.1.0";
  public static final String DEFAULT_USER_AGENT =
      "citewatch/" + VERSION + " (+https://github.com/citewatch/citewatch)";

  public Settings {
    notifiers = List.copyOf(notifiers);
  }

  /** The review page of an alert, when settings.web_url says where citewatch serve is. */
  public Optional<String> alertUrl(String alertId) {
    return webUrl.map(u -> u.toString().replaceAll("/+$", "") + "/alerts/" + alertId);
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
        List.of(),
        2,
        Duration.ofSeconds(2),
        Duration.ofMinutes(2),
        Duration.ofHours(24),
        Duration.ofSeconds(30),
        50,
        Duration.ofSeconds(30),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
