package org.citewatch.store;

import java.util.List;
import java.util.Set;

/**
 * A notification queued in the store before it is sent, so that one a kill cut short is sent again
 * by the next run: its id (the run that raised its alerts), the alerts, and the notifiers (their
 * place in settings.notify) that have not accepted it yet.
 */
public record Outbox(String id, List<String> alerts, Set<Integer> remaining) {

  public Outbox {
    alerts = List.copyOf(alerts);
    remaining = Set.copyOf(remaining);
  }
}
