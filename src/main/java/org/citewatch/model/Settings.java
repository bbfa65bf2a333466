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

  /** The defaults every setting has when sources.yaml does not give it. */
  public static Settings defaults() {
    return builder().build();
  }

  /** Settings built one named value at a time, from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Each setter names its setting; what is not set keeps its default. */
  public static final class Builder {
    private String userAgent = DEFAULT_USER_AGENT;
    private Duration timeout = Duration.ofSeconds(30);
    private long maxBodyBytes = 20L * 1024 * 1024;
    private Duration perHostDelay = Duration.ofSeconds(2);
    private int perHostConcurrency = 1;
    private int concurrency = 8;
    private boolean respectRobots = true;
    private Duration staleAfter = Duration.ofDays(180);
    private String schedule = "0 0 3 * * ?";
    private ZoneId timezone = ZoneId.of("UTC");
    private List<Notifier> notifiers = List.of();
    private int retries = 2;
    private Duration retryBackoff = Duration.ofSeconds(2);
    private Duration maxRetryAfter = Duration.ofMinutes(2);
    private Duration robotsCache = Duration.ofHours(24);
    private Duration maxCrawlDelay = Duration.ofSeconds(30);
    private int maxShrinkPercent = 50;
    private Duration jitter = Duration.ofSeconds(30);
    private Optional<String> signingKey = Optional.empty();
    private Optional<URI> timestampAuthority = Optional.empty();
    private Optional<URI> webUrl = Optional.empty();

    private Builder() {}

    public Builder userAgent(String value) {
      this.userAgent = value;
      return this;
    }

    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    public Builder maxBodyBytes(long value) {
      this.maxBodyBytes = value;
      return this;
    }

    public Builder perHostDelay(Duration value) {
      this.perHostDelay = value;
      return this;
    }

    public Builder perHostConcurrency(int value) {
      this.perHostConcurrency = value;
      return this;
    }

    public Builder concurrency(int value) {
      this.concurrency = value;
      return this;
    }

    public Builder respectRobots(boolean value) {
      this.respectRobots = value;
      return this;
    }

    public Builder staleAfter(Duration value) {
      this.staleAfter = value;
      return this;
    }

    public Builder schedule(String value) {
      this.schedule = value;
      return this;
    }

    public Builder timezone(ZoneId value) {
      this.timezone = value;
      return this;
    }

    public Builder notifiers(List<Notifier> value) {
      this.notifiers = value;
      return this;
    }

    public Builder retries(int value) {
      this.retries = value;
      return this;
    }

    public Builder retryBackoff(Duration value) {
      this.retryBackoff = value;
      return this;
    }

    public Builder maxRetryAfter(Duration value) {
      this.maxRetryAfter = value;
      return this;
    }

    public Builder robotsCache(Duration value) {
      this.robotsCache = value;
      return this;
    }

    public Builder maxCrawlDelay(Duration value) {
      this.maxCrawlDelay = value;
      return this;
    }

    public Builder maxShrinkPercent(int value) {
      this.maxShrinkPercent = value;
      return this;
    }

    public Builder jitter(Duration value) {
      this.jitter = value;
      return this;
    }

    public Builder signingKey(String value) {
      this.signingKey = Optional.of(value);
      return this;
    }

    public Builder timestampAuthority(URI value) {
      this.timestampAuthority = Optional.of(value);
      return this;
    }

    public Builder webUrl(URI value) {
      this.webUrl = Optional.of(value);
      return this;
    }

    public Settings build() {
      return new Settings(userAgent, timeout, maxBodyBytes, perHostDelay, perHostConcurrency, concurrency,
          respectRobots, staleAfter, schedule, timezone, notifiers, retries, retryBackoff, maxRetryAfter, robotsCache,
          maxCrawlDelay, maxShrinkPercent, jitter, signingKey, timestampAuthority, webUrl);
    }
  }
}
