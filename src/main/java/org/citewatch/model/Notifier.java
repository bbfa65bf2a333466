package org.citewatch.model;

import java.util.Optional;

/**
 * Where new alerts are sent after a run. Values may hold {@code ${NAME}} references to the
 * environment, resolved only when sending, so that secrets are never in a report or a log.
 */
public sealed interface Notifier {

  record Webhook(String url) implements Notifier {}

  /**
   * @param smtp {@code smtp://user:password@host:587} (STARTTLS required) or {@code smtps://…} (implicit TLS)
   * @param plaintextRelay the opt-out for a relay on this machine that offers no STARTTLS
   */
  record Email(String to, String smtp, Optional<String> from, boolean plaintextRelay) implements Notifier {}
}
