package org.citewatch.store;

import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store's outbox: notifications journaled before any notifier is tried, and kept in the index
 * until every notifier has accepted them.
 */
final class Outboxes {

  static final String OUTBOX = "outbox:";

  private final Journal journal;
  private final Index index;

  Outboxes(Journal journal, Index index) {
    this.journal = journal;
    this.index = index;
  }

  /** Queues a notification, durably, before any notifier is tried. */
  void queue(Outbox notification, Instant at) throws IOException {
    journal.append(new Event.NotifyQueued(notification.id(), notification.alerts(),
        notification.remaining().stream().sorted().toList()), at);
    index.meta(OUTBOX + notification.id(), Json.write(notification));
  }

  /** Notifiers that accepted a queued notification: once all have, it leaves the outbox. */
  void sent(String id, Set<Integer> delivered, Instant at) throws IOException {
    journal.append(new Event.NotifySent(id, delivered.stream().sorted().toList()), at);
    outboxEntry(id).ifPresent(o -> keepOrDrop(o, delivered));
  }

  private void keepOrDrop(Outbox queued, Set<Integer> delivered) {
    Set<Integer> left = new TreeSet<>(queued.remaining());
    left.removeAll(delivered);
    if (left.isEmpty()) {
      index.removeMeta(OUTBOX + queued.id());
    } else {
      index.meta(OUTBOX + queued.id(), Json.write(new Outbox(queued.id(), queued.alerts(), left)));
    }
  }

  private Optional<Outbox> outboxEntry(String id) {
    return index.meta(OUTBOX + id).map(v -> Json.read(v, Outbox.class));
  }

  /** Notifications queued and not yet accepted by every notifier, oldest first. */
  List<Outbox> pending() {
    return index.metaWithPrefix(OUTBOX).values().stream().map(v -> Json.read(v, Outbox.class))
        .sorted(Comparator.comparing(Outbox::id)).toList();
  }
}
