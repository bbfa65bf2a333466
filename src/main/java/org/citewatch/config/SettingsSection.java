package org.citewatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citewatch.model.Notifier;
import org.citewatch.model.Settings;

/** Reads {@code settings:}, with its notifiers, each bad value a problem in {@link Fields}. */
final class SettingsSection {

  static final List<String> KEYS = List.of("user_agent", "timeout", "max_body", "per_host_delay",
      "per_host_concurrency", "concurrency", "respect_robots", "stale_after", "schedule", "timezone", "notify",
      "retries", "retry_backoff", "max_retry_after", "robots_cache", "max_crawl_delay", "max_shrink", "jitter",
      "signing_key", "timestamp_authority", "web_url");
  private static final String AT = "settings";

  private final Fields fields;
  private final Map<String, String> env;

  SettingsSection(Fields fields, Map<String, String> env) {
    this.fields = fields;
    this.env = env;
  }

  Settings read(Node node) {
    Optional<Node.Mapping> mapping = fields.mapping(node, AT, "must be a mapping of setting: value");
    if (mapping.isEmpty()) {
      return Settings.defaults();
    }
    Node.Mapping m = mapping.get();
    fields.checkKeys(m, AT, KEYS);
    Settings.Builder settings = Settings.builder();
    fetching(m, settings);
    fields.duration(m, "stale_after", AT, Limits.STALE_AFTER).ifPresent(settings::staleAfter);
    fields.cron(m, "schedule", AT).ifPresent(settings::schedule);
    fields.zone(m, "timezone", AT).ifPresent(settings::timezone);
    fields.duration(m, "jitter", AT, Limits.JITTER).ifPresent(settings::jitter);
    settings.notifiers(fields.list(m, "notify", AT, this::notifier));
    environment(m, "signing_key", AT, true).filter(k -> !k.isBlank()).ifPresent(settings::signingKey);
    url(m, "timestamp_authority").ifPresent(settings::timestampAuthority);
    url(m, "web_url").ifPresent(settings::webUrl);
    return settings.build();
  }

  /** How pages are fetched: the client, the limits, the retries, robots.txt, the guard on shrinking pages. */
  private void fetching(Node.Mapping m, Settings.Builder settings) {
    fields.headerValue(m, "user_agent", AT).ifPresent(settings::userAgent);
    fields.duration(m, "timeout", AT, Limits.TIMEOUT).ifPresent(settings::timeout);
    fields.size(m, "max_body", AT).ifPresent(settings::maxBodyBytes);
    fields.duration(m, "per_host_delay", AT, Limits.PER_HOST_DELAY).ifPresent(settings::perHostDelay);
    fields.whole(m, "per_host_concurrency", AT, Limits.PER_HOST_CONCURRENCY).ifPresent(settings::perHostConcurrency);
    fields.whole(m, "concurrency", AT, Limits.CONCURRENCY).ifPresent(settings::concurrency);
    fields.bool(m, "respect_robots", AT).ifPresent(settings::respectRobots);
    fields.whole(m, "retries", AT, Limits.RETRIES).ifPresent(settings::retries);
    fields.duration(m, "retry_backoff", AT, Limits.RETRY_BACKOFF).ifPresent(settings::retryBackoff);
    fields.duration(m, "max_retry_after", AT, Limits.MAX_RETRY_AFTER).ifPresent(settings::maxRetryAfter);
    fields.duration(m, "robots_cache", AT, Limits.ROBOTS_CACHE).ifPresent(settings::robotsCache);
    fields.duration(m, "max_crawl_delay", AT, Limits.MAX_CRAWL_DELAY).ifPresent(settings::maxCrawlDelay);
    fields.percent(m, "max_shrink", AT).ifPresent(settings::maxShrinkPercent);
  }

  /** An optional http(s) URL setting; blank is the same as absent. */
  private Optional<URI> url(Node.Mapping m, String key) {
    return fields.string(m, key, AT).filter(u -> !u.isBlank())
        .flatMap(u -> fields.httpUrl(m.entries().get(key), Fields.join(AT, key), u));
  }

  /**
   * A value naming {@code ${VAR}} that the environment does not set: a problem where the run
   * cannot do without it, a warning for a notifier (the run goes on; what it could not send waits
   * in the outbox for the next run).
   */
  private Optional<String> environment(Node.Mapping m, String key, String path, boolean required) {
    Optional<String> value = fields.string(m, key, path);
    value.ifPresent(v -> {
      List<String> unset = EnvironmentValues.unset(v, env);
      if (unset.isEmpty()) {
        return;
      }
      String names = String.join(", ", unset);
      if (required) {
        fields.problem(m.entries().get(key), Fields.join(path, key), "environment variable " + names
            + " is not set; set it where citewatch runs (the crontab, the systemd unit), or write the value");
      } else {
        fields.warning(m.entries().get(key), Fields.join(path, key), "environment variable " + names
            + " is not set: this notifier will fail, and what it could not send waits in the outbox until it is set");
      }
    });
    return value;
  }

  private Optional<Notifier> notifier(Node node, String path) {
    Optional<Node.Mapping> mapping = fields.mapping(node, path,
        "must be {webhook: URL} or {email: {to: ADDRESS, smtp: URL}}");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = mapping.get();
    fields.checkKeys(m, path, List.of("webhook", "email"));
    if (m.entries().containsKey("webhook")) {
      return environment(m, "webhook", path, false).map(Notifier.Webhook::new);
    }
    if (m.entries().containsKey("email")) {
      String emailPath = path + ".email";
      return fields.mapping(m.entries().get("email"), emailPath, "must be a mapping with to: and smtp:")
          .flatMap(email -> email(email, emailPath));
    }
    fields.problem(m, path, "needs webhook: or email:");
    return Optional.empty();
  }

  private Optional<Notifier> email(Node.Mapping email, String path) {
    fields.checkKeys(email, path, List.of("to", "smtp", "from", "plaintext_relay"));
    Optional<String> to = fields.required(email, "to", path, "the address to send alerts to");
    Optional<String> smtp = fields.required(email, "smtp", path,
        "the SMTP server, e.g. smtp://user:${SMTP_PASSWORD}@host:587");
    Optional<String> from = fields.string(email, "from", path);
    for (String key : List.of("to", "smtp", "from")) {
      if (email.entries().get(key) instanceof Node.Scalar) {
        environment(email, key, path, false);
        fields.headerField(email, key, path);
      }
    }
    boolean plaintext = fields.bool(email, "plaintext_relay", path).orElse(false);
    if (plaintext && smtp.isPresent() && !onThisMachine(smtp.get())) {
      fields.problem(email.entries().get("plaintext_relay"), path + ".plaintext_relay", "is only for a relay on "
          + "this machine (localhost, 127.0.0.1, ::1): anywhere else the password and the mail would cross the "
          + "network in clear; use smtps:// or a server that offers STARTTLS");
    }
    return to.isPresent() && smtp.isPresent()
        ? Optional.of(new Notifier.Email(to.get(), smtp.get(), from, plaintext)) : Optional.empty();
  }

  private static boolean onThisMachine(String smtp) {
    try {
      String host = new URI(smtp).getHost();
      return host != null && (host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
