package org.citewatch.schedule;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.citewatch.model.Alert;
import org.citewatch.model.Config;
import org.citewatch.model.RunSummary;
import org.citewatch.report.AlertView;
import org.citewatch.report.Notifications;
import org.citewatch.report.Reports;
import org.citewatch.store.Outbox;
import org.citewatch.store.Store;

/**
 * A run's notifications through the store's outbox: queued before the alerts are journaled, sent
 * after, so that a kill in between loses none and a failing notifier is tried again next run.
 */
final class Outgoing {

  private final Config config;
  private final Store store;
  private final Clock clock;
  private final Map<String, String> env;

  Outgoing(Config config, Store store, Clock clock, Map<String, String> env) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.env = env;
  }

  /** Queues this run's notification of its new alerts, one delivery per notifier. */
  void queue(String runId, List<Alert> raised, Instant now) throws IOException {
    int notifiers = config.settings().notifiers().size();
    if (!raised.isEmpty() && notifiers > 0) {
      Set<Integer> all = new TreeSet<>();
      for (int i = 0; i < notifiers; i++) {
        all.add(i);
      }
      store.queueNotification(new Outbox(runId, raised.stream().map(Alert::id).sorted().toList(), all), now);
    }
  }

  /**
   * Sends every queued notification, an earlier run's that a kill or a failing notifier left
   * included; says how many are still pending and why.
   */
  Reports.Notified sendPending(RunSummary summary) throws IOException {
    List<Outbox> pending = store.outbox();
    if (pending.isEmpty()) {
      return new Reports.Notified(0, List.of());
    }
    List<String> failures = new ArrayList<>();
    Map<String, Alert> known = new HashMap<>(store.alerts());
    Notifications notifications = new Notifications(config, env);
    int left = 0;
    for (Outbox queued : pending) {
      if (queued.alerts().stream().anyMatch(id -> !known.containsKey(id))) {
        known.putAll(store.resolvedAlerts());
      }
      List<Alert> alerts = queued.alerts().stream().map(known::get).filter(Objects::nonNull)
          .sorted(AlertView.ORDER).toList();
      if (alerts.isEmpty()) {
        // queued by a run killed before its alerts were journaled: that run's alerts are raised
        // again, and notified, by this one
        store.notificationSent(queued.id(), queued.remaining(), clock.instant());
        continue;
      }
      Notifications.Delivery delivery = notifications.send(queued.id(), summary, alerts, queued.remaining());
      failures.addAll(delivery.failures());
      if (!delivery.delivered().isEmpty()) {
        store.notificationSent(queued.id(), delivery.delivered(), clock.instant());
      }
      if (!delivery.delivered().containsAll(queued.remaining())) {
        left++;
      }
    }
    return new Reports.Notified(left, failures);
  }
}
