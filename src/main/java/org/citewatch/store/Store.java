package org.citewatch.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Alert;
import org.citewatch.model.Anchor;
import org.citewatch.model.Attribution;
import org.citewatch.model.Figure;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots/ directory: WARC evidence, the hash-chained journal and the index. Every write goes
 * in the order WARC record, fsync, journal line, index, and the journal is forced before the index
 * commits, so that a crash leaves at worst a WARC tail nobody refers to.
 */
public final class Store implements Closeable {

  public static final String JOURNAL = "journal.jsonl";
  public static final String INDEX = "index.db";
  public static final String WARC_DIR = "warc";
  /** Taken first by every writer, so present even in a store whose opening was cut short. */
  static final String LOCK = "lock";

  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private final Path dir;
  private final StoreLock lock;
  private final Journal journal;
  private final WarcFiles evidence;
  private final Index index;
  private final Captures captures;
  private final Sealer sealer;
  private final MaintainerRecords decisions;
  private final Outboxes outbox;

  private Store(Path dir, StoreLock lock, Journal journal, WarcFiles evidence, Index index) {
    this.dir = dir;
    this.lock = lock;
    this.journal = journal;
    this.evidence = evidence;
    this.index = index;
    this.captures = new Captures(evidence, this::snapshotTaken);
    this.sealer = new Sealer(journal);
    this.decisions = new MaintainerRecords(dir.resolve(JOURNAL), journal, index, sealer);
    this.outbox = new Outboxes(journal, index);
  }

  /** Opens the store for writing, failing at once if another citewatch writes it. */
  public static Store open(Path dir) throws IOException {
    return open(dir, false);
  }

  /**
   * Whether citewatch has ever opened {@code dir} as a store: it holds the journal, or at least the
   * lock that a writer takes before anything else (a run killed while it opened the store).
   */
  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(JOURNAL)) || Files.isRegularFile(dir.resolve(LOCK));
  }

  /**
   * Opens the store for writing, and recovers from an interrupted run: a torn journal line is
   * dropped, the index is rebuilt if it is missing, corrupt or behind the journal, and WARC bytes
   * past the last journaled record are cut off.
   *
   * @param wait queue behind another writer instead of failing
   */
  public static Store open(Path dir, boolean wait) throws IOException {
    Files.createDirectories(dir);
    StoreLock lock = StoreLock.acquire(dir, wait);
    try {
      List<Repair> repairs = new ArrayList<>();
      Journal journal = Journal.open(dir.resolve(JOURNAL), repairs);
      Index index = StoreRecovery.openIndex(dir);
      try {
        StoreRecovery.recover(dir, journal, index, repairs);
      } catch (RuntimeException unreadable) {
        index = StoreRecovery.replaceUnreadable(dir, Optional.of(index), unreadable);
        StoreRecovery.recover(dir, journal, index, repairs);
      }
      repairs.addAll(Leftovers.ofInterruptedRun(dir));
      Store store = new Store(dir, lock, journal, new WarcFiles(dir.resolve(WARC_DIR)), index);
      store.journalRepairs(repairs);
      return store;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Where a source's snapshot and check lines start, in journal order, as the index holds them. */
  List<Long> lineOffsets(String source) {
    return index.lines(source);
  }

  List<Long> snapshotLineOffsets(String prefix) {
    return index.snapshotLines(prefix);
  }

  /** The index is consistent with the journal as it now ends: it says so, and commits. */
  private void commitAtCheckpoint() throws IOException {
    Reindexer.Checkpoint.at(journal).writeTo(index);
    commitIndex();
  }

  /** The journal's lines on disk first: an index must not name a line that a power cut could take. */
  private void commitIndex() throws IOException {
    journal.sync();
    index.commit();
  }

  /** Rebuilds index.db from journal.jsonl and the WARC files ({@code citewatch audit --reindex}). */
  public void reindex() throws IOException {
    new Reindexer(dir.resolve(JOURNAL), dir.resolve(WARC_DIR)).rebuild(index);
  }

  /** Each repair made at open, as a journal line; the next run raises them as STORE_REPAIRED. */
  private void journalRepairs(List<Repair> repairs) throws IOException {
    for (Repair repair : repairs) {
      journal.append(repair, Instant.now());
      index.meta(PENDING_REPAIR + repair.place(), Json.write(repair));
    }
    if (!repairs.isEmpty()) {
      commitAtCheckpoint();
    }
  }

  static final String PENDING_REPAIR = "pending-repair:";
  /** Queues a notification, durably, before any notifier is tried. */
  public synchronized void queueNotification(Outbox notification, Instant at) throws IOException {
    outbox.queue(notification, at);
  }

  /** Notifiers that accepted a queued notification: once all have, it leaves the outbox. */
  public synchronized void notificationSent(String id, Set<Integer> delivered, Instant at) throws IOException {
    outbox.sent(id, delivered, at);
  }

  /** Notifications queued and not yet accepted by every notifier, oldest first. */
  public List<Outbox> outbox() {
    return outbox.pending();
  }

  /** Repairs journaled since the last run told of them. */
  public List<Repair> pendingRepairs() {
    return index.metaWithPrefix(PENDING_REPAIR).values().stream().map(v -> Json.read(v, Repair.class)).toList();
  }

  /** The run has told of these repairs (its alerts are journaled). */
  public synchronized void repairsTold(List<Repair> told) {
    told.forEach(r -> index.removeMeta(PENDING_REPAIR + r.place()));
  }

  public Path dir() {
    return dir;
  }

  /** The source's baseline with its blocks (read back from its conversion record). */
  public Optional<Snapshot> latest(String sourceId) throws IOException {
    Optional<Snapshot> reference = state(sourceId).flatMap(SourceState::latest);
    return reference.isEmpty() ? reference : Optional.of(withBlocks(reference.get()));
  }

  /** What the index holds of a source: its baseline as a reference (no blocks) and its validators. */
  public Optional<SourceState> state(String sourceId) {
    return index.source(sourceId);
  }

  /** A snapshot reference with its blocks, read from its conversion record if it has none. */
  public Snapshot withBlocks(Snapshot snapshot) throws IOException {
    if (!snapshot.blocks().isEmpty() || snapshot.conversionOffset() < 0) {
      return snapshot;
    }
    return snapshot.withBlocks(WarcRecords.blocks(dir.resolve(WARC_DIR), snapshot.warcFile(),
        snapshot.conversionOffset()),
        snapshot.contentDigest(), snapshot.selectorMatched(), snapshot.rules());
  }

  /** Open and acknowledged alerts. */
  public Map<String, Alert> alerts() {
    return index.alerts();
  }

  /** Resolved alerts, which only a look at the whole history needs (alerts --all). */
  public Map<String, Alert> resolvedAlerts() {
    return index.resolvedAlerts();
  }

  /** Where each claim's quote stood when it last held (a cache: the snapshots hold the same). */
  public Map<String, Anchor> anchors() {
    return index.anchors();
  }

  /**
   * Where claims' quotes stand now. A new or moved anchor is journaled (durable with the next line
   * on disk), so that a rebuilt index still knows which quotes have held: without it a changed
   * clause would be taken for a quote that was never found.
   */
  public synchronized void anchors(Map<String, Anchor> anchors, Instant at) throws IOException {
    Map<String, Anchor> known = index.anchors();
    for (Map.Entry<String, Anchor> entry : anchors.entrySet()) {
      if (!entry.getValue().equals(known.get(entry.getKey()))) {
        journal.appendUnsynced(new Event.AnchorMoved(entry.getKey(), entry.getValue()), at);
        index.put(entry.getKey(), entry.getValue());
      }
    }
  }

  public void runStarted(String runId, Instant at, List<String> sources) throws IOException {
    long start = journal.size();
    journal.append(new Event.RunStarted(runId, sources), at);
    index.meta(Reindexer.RUN_STARTED_AT, Long.toString(start));
    index.runOpened(runId);
    openRun = Optional.of(runId);
  }

  /** Where a check's evidence is written: the responses, conversions, revisits and redirects of each fetch. */
  public Captures captures() {
    return captures;
  }

  /** A capture's line, on disk with its check's line (which always follows it), and where it lies. */
  private void snapshotTaken(Event.SnapshotTaken taken, Instant at) throws IOException {
    long line = journal.appendUnsyncedAt(taken, at);
    index.line(taken.source(), line);
    index.snapshotLine(taken.snapshot(), line);
  }

  /**
   * The response a snapshot was made from, read back from its WARC record: to extract it again
   * when the source's rules change.
   */
  public Exchange exchange(Snapshot snapshot) throws IOException {
    return WarcRecords.exchange(dir.resolve(WARC_DIR), snapshot);
  }

  /**
   * Records a finished check: its journal line, then the index.
   *
   * @param after what the index is to hold of the source now, decided by the caller
   */
  public void check(Check check, SourceState after) throws IOException {
    long line = journal.appendUnsyncedAt(Event.Checked.of(check), check.started());
    index.line(check.sourceId(), line);
    Optional<Snapshot> withBlocks = after.latest().filter(l -> !l.blocks().isEmpty());
    SourceState kept = withBlocks.isPresent() ? after.withBaseline(reference(withBlocks.get())) : after;
    index.put(openRun.map(kept::pendingUntil).orElse(kept));
    check.redirectRecords().forEach(r -> index.warcEnd(r.file(), r.end()));
    check.record().ifPresent(r -> index.warcEnd(r.file(), r.end()));
    // The index is a cache: committing it every so many checks bounds its memory, and a crash in
    // between is repaired on open by a rebuild from the journal.
    if (uncommitted.incrementAndGet() % COMMIT_EVERY == 0) {
      synchronized (this) {
        commitIndex();
      }
    }
  }

  private static final int COMMIT_EVERY = 256;
  private volatile Optional<String> openRun = Optional.empty();
  private final AtomicInteger uncommitted = new AtomicInteger();

  /** What the index keeps of a snapshot: everything but the blocks, which its conversion record holds. */
  private static Snapshot reference(Snapshot snapshot) {
    return snapshot.conversionOffset() < 0 ? snapshot
        : snapshot.withBlocks(List.of(), snapshot.contentDigest(), snapshot.selectorMatched(), snapshot.rules());
  }

  /**
   * A maintainer acknowledges an alert: it stays until its condition clears, but is marked as seen
   * to. The journal line says who, when and why.
   */
  public synchronized Alert acknowledge(String idOrPrefix, Attribution who) throws IOException {
    return decisions.acknowledge(idOrPrefix, who);
  }

  /**
   * A maintainer re-verified a program on {@code date}: its staleness counts from then, and the
   * alerts the verification settles are resolved, each with who and why.
   *
   * @param formerFigures by claim id, the figure a claim stated before {@code verify --accept} wrote
   *     the official one: the site's page may still show it
   */
  public synchronized void verify(String program, LocalDate date, Attribution who, List<Alert> settled,
      Map<String, Figure> formerFigures) throws IOException {
    decisions.verify(program, date, who, settled, formerFigures);
  }

  /**
   * A maintainer accepts a source's latest capture, which a guard held back (it shrank, or reads
   * like an error page), as its baseline: journaled with who and why, compared with from the next
   * run on.
   *
   * @throws IllegalArgumentException when there is no such capture to accept, saying why
   */
  public synchronized Snapshot acceptBaseline(String sourceId, String by, String why, Instant at) throws IOException {
    return decisions.acceptBaseline(sourceId, by, why, at);
  }

  /** By claim id: the figure each claim of the program stated before a maintainer accepted the official one. */
  public Map<String, Figure> formerFigures(String program) {
    return decisions.formerFigures(program);
  }

  /** The latest recorded re-verification of each program. */
  public Map<String, LocalDate> verifiedOn() {
    return index.metaWithPrefix("verified:").entrySet().stream().collect(Collectors.toMap(
        e -> e.getKey().substring("verified:".length()), e -> LocalDate.parse(e.getValue())));
  }

  /** Records alert transitions: one journal line each, then the index. */
  public synchronized void alerts(List<Alert> raised, List<Alert> updated, List<Alert> resolved, List<Alert> active,
      Instant at) throws IOException {
    List<Event> lines = new ArrayList<>();
    raised.forEach(alert -> lines.add(Event.AlertChanged.of("raised", alert)));
    updated.forEach(alert -> lines.add(Event.AlertChanged.of("updated", alert)));
    resolved.forEach(alert -> lines.add(Event.AlertChanged.of("resolved", alert)));
    // on disk by one fsync, the index commit's: a kill could already leave any first few of the
    // lines, and an fsync a line cost a run that raised 100 alerts ~60 ms on the main thread
    for (Event line : lines) {
      journal.appendUnsynced(line, at);
    }
    resolved.forEach(index::put);
    active.forEach(index::put);
    commitAtCheckpoint();
  }

  /**
   * From now on every run, acknowledgement and verification is sealed with this key; its public
   * half is kept in the store (signing.pub) for reference, an auditor holds a copy of their own.
   */
  public synchronized void sealWith(KeyPair key) throws IOException {
    Path kept = dir.resolve(Seals.PUBLIC_KEY);
    if (!Files.exists(kept)) {
      Seals.writePublic(kept, key.getPublic());
    }
    sealer.use(key);
  }

  public synchronized void runFinished(Event.RunFinished summary, Instant at) throws IOException {
    journal.append(summary, at);
    sealer.seal(at);
    // the run's alerts are journaled: the changes of the sources it checked are told
    index.runClosed(summary.id());
    openRun = Optional.empty();
    index.meta("last_run", Json.write(summary.summary()));
    commitAtCheckpoint();
  }

  /** Keeps an RFC 3161 token over the journal's head, as a line of its own. */
  public synchronized void timestamped(Event.Timestamped stamp, Instant at) throws IOException {
    journal.append(stamp, at);
    commitAtCheckpoint();
  }

  /** The journal's head, {@code LINE:SHA256}: its last line's number and digest. */
  public String head() {
    return journal.line() + ":" + journal.head();
  }

  public Optional<RunSummary> lastRun() {
    return index.meta("last_run").map(json -> Json.read(json, RunSummary.class));
  }

  @Override
  public void close() throws IOException {
    try {
      evidence.close();
      journal.sync();
      journal.close();
    } finally {
      try {
        index.close();
      } finally {
        lock.close();
      }
    }
  }
}
