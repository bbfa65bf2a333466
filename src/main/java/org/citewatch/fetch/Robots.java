package org.citewatch.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.citewatch.model.Settings;

/**
 * robots.txt per host, parsed by crawler-commons (RFC 9309) and kept for {@code robots_cache}.
 * A robots.txt answering 4xx allows everything; one answering 5xx disallows everything until it
 * answers again, as RFC 9309 says. One that cannot be reached at all is not held against the page:
 * the page's own fetch will fail with the real reason.
 */
final class Robots {

  static final String AGENT = "citewatch";
  private static final int MAX_ROBOTS_BYTES = 512 * 1024;

  /** A host's rules, or the reason everything is disallowed. */
  record Rules(Optional<BaseRobotRules> rules, Optional<String> blanketReason, Instant fetched) {}

  private final Supplier<OkHttpClient> clients;
  private volatile OkHttpClient client;
  private final Settings settings;
  private final Clock clock;
  private final Map<String, Rules> byHost = new ConcurrentHashMap<>();

  /** @param clients the fetcher's client that speaks TLS, asked for at the first robots.txt */
  Robots(Supplier<OkHttpClient> clients, Settings settings, Clock clock) {
    this.clients = clients;
    this.settings = settings;
    this.clock = clock;
  }

  private OkHttpClient client() {
    OkHttpClient made = client;
    if (made == null) {
      made = clients.get().newBuilder().followRedirects(true).followSslRedirects(true).build();
      client = made;
    }
    return made;
  }

  /** Why the URL may not be fetched, or empty when it may. */
  Optional<String> forbids(URI url) {
    Rules rules = rulesFor(url);
    if (rules.blanketReason().isPresent()) {
      return rules.blanketReason();
    }
    boolean allowed = rules.rules().map(r -> r.isAllowed(url.toString())).orElse(true);
    return allowed ? Optional.empty()
        : Optional.of("robots.txt of " + hostKey(url) + " forbids fetching " + url.getRawPath()
            + " to user agent '" + AGENT
                + "'; set respect_robots: false on this source only if the site allows citewatch");
  }

  /** The host's Crawl-delay, capped by {@code max_crawl_delay}, once its robots.txt has been read. */
  Duration crawlDelay(URI url) {
    Rules rules = byHost.get(hostKey(url));
    if (rules == null || rules.rules().isEmpty()) {
      return Duration.ZERO;
    }
    long delay = rules.rules().get().getCrawlDelay();
    if (delay == BaseRobotRules.UNSET_CRAWL_DELAY || delay <= 0) {
      return Duration.ZERO;
    }
    Duration asked = Duration.ofMillis(delay);
    return asked.compareTo(settings.maxCrawlDelay()) > 0 ? settings.maxCrawlDelay() : asked;
  }

  private Rules rulesFor(URI url) {
    String host = hostKey(url);
    Rules cached = byHost.get(host);
    if (cached != null && Duration.between(cached.fetched(), clock.instant()).compareTo(settings.robotsCache()) < 0) {
      return cached;
    }
    Rules fresh = fetch(url);
    byHost.put(host, fresh);
    return fresh;
  }

  private Rules fetch(URI url) {
    String robotsUrl = url.getScheme() + "://" + hostKey(url) + "/robots.txt";
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    // crawler-commons caps Crawl-delay itself at 5 minutes by default; ours is applied on top.
    parser.setMaxCrawlDelay(Long.MAX_VALUE);
    Request request = new Request.Builder().url(robotsUrl).header("User-Agent", settings.userAgent()).build();
    Instant now = clock.instant();
    try (Response response = client().newCall(request).execute()) {
      if (response.code() >= 500) {
        return new Rules(Optional.empty(), Optional.of("robots.txt of " + hostKey(url) + " answered HTTP "
            + response.code() + "; RFC 9309 treats the whole site as disallowed until it answers"), now);
      }
      if (!response.isSuccessful()) {
        return new Rules(Optional.of(parser.failedFetch(response.code())), Optional.empty(), now);
      }
      byte[] body;
      try (InputStream in = response.body().byteStream()) {
        body = in.readNBytes(MAX_ROBOTS_BYTES);
      }
      return new Rules(Optional.of(parser.parseContent(robotsUrl, body, "text/plain", List.of(AGENT))),
          Optional.empty(), now);
    } catch (IOException e) {
      return new Rules(Optional.empty(), Optional.empty(), now);
    }
  }

  static String hostKey(URI url) {
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }
}
