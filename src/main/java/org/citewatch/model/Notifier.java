package org.citewatch.model;

import java.util.Optional;

/**
 * Where new alerts are sent after a run. Values may hold {@code ${NAME}} references to the
 * environment, resolved only when sending, so that secrets are never in a report or a log.
 */
public sealed interface Notifier {

  record Webhook(String url) implements Notifier {}

  /** @param smtp {@code smtp://user:password@host:587} (STARTTLS when offered) or {@code smtps://…} */
  record Email(String to, String smtp, Optional<String> from) implements Notifier {}
}
