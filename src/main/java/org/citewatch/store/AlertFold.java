package org.citewatch.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.citewatch.model.Alert;

/**
 * Every alert's state, folded from the journal line by line: the last {@code alert} line of an id
 * is its state, and a run that saw an open alert moves its last_seen to when the run decided. The
 * index is rebuilt with it, and {@code citewatch serve} reads the journal with it while a run
 * holds the index, so both say the same of every alert.
 */
public final class AlertFold {

  private final Map<String, Alert> active = new LinkedHashMap<>();
  private final Consumer<Alert> resolved;

  /** @param resolved told of each alert as it resolves: resolved alerts pile up with every night of history */
  public AlertFold(Consumer<Alert> resolved) {
    this.resolved = resolved;
  }

  /** An alert as the index holds it, for a fold that starts where the index left off. */
  void seed(Alert alert) {
    active.put(alert.id(), alert);
  }

  public void accept(Journal.Entry entry) {
    if (entry.event() instanceof Event.AlertChanged changed) {
      Alert alert = changed.alert();
      if (alert.isActive()) {
        active.put(alert.id(), alert);
      } else {
        active.remove(alert.id());
        resolved.accept(alert);
      }
    } else if (entry.event() instanceof Event.RunFinished finished) {
      Instant at = finished.alertsAt().orElse(entry.time());
      finished.seen().forEach(id -> active.computeIfPresent(id, (k, a) -> a.lastSeenAt(at)));
    }
  }

  /** The open and acknowledged alerts, by id. */
  public Map<String, Alert> active() {
    return active;
  }
}
