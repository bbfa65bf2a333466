package org.citewatch.store;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.citewatch.extract.Extraction;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Alert;
import org.citewatch.model.Anchor;
import org.citewatch.model.Block;
import org.citewatch.model.Digests;
import org.citewatch.model.Figure;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.citewatch.text.FigureReader;
import org.mapdb.DBException;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots/ directory: WARC evidence, the hash-chained journal and the index. Every write goes
 * in the order WARC record, fsync, journal line, fsync, index, so that a crash leaves at worst a
 * WARC tail nobody refers to.
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
  private final Evidence evidence;
  private final Index index;

  private Store(Path dir, StoreLock lock, Journal journal, Evidence evidence, Index index) {
    this.dir = dir;
    this.lock = lock;
    this.journal = journal;
    this.evidence = evidence;
    this.index = index;
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
      Index index = openIndex(dir);
      if (journal.head().equals(Journal.GENESIS) && index.meta(Reindexer.HEAD).isEmpty()) {
        new Reindexer.Checkpoint(0, Journal.GENESIS, 0).writeTo(index);
        index.meta("layout", Index.LAYOUT);
      } else {
        bringUpToDate(dir, journal, index);
      }
      repairs.addAll(cutTornWarcTails(dir.resolve(WARC_DIR), index));
      repairs.addAll(Leftovers.ofInterruptedRun(dir));
      Store store = new Store(dir, lock, journal, new Evidence(dir.resolve(WARC_DIR)), index);
      store.journalRepairs(repairs);
      return store;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * An index behind the journal (a run was killed) replays the lines after its checkpoint; one of
   * another layout, or with no checkpoint the journal still holds, is rebuilt from the first line.
   */
  private static void bringUpToDate(Path dir, Journal journal, Index index) throws IOException {
    boolean sameLayout = index.meta("layout").equals(Optional.of(Index.LAYOUT));
    if (sameLayout && index.meta(Reindexer.HEAD).orElse(Journal.GENESIS).equals(journal.head())) {
      return;
    }
    Reindexer reindexer = new Reindexer(dir.resolve(JOURNAL), dir.resolve(WARC_DIR));
    long started = System.nanoTime();
    Optional<Long> replayed = sameLayout ? reindexer.catchUp(index) : Optional.empty();
    if (replayed.isPresent()) {
      log.info("{}: index.db was behind the journal (an interrupted run); replayed {} line(s) after its "
          + "checkpoint in {} ms", dir, replayed.get(), (System.nanoTime() - started) / 1_000_000);
      return;
    }
    log.warn("{}: index.db {}; rebuilding it from journal.jsonl and the WARC files", dir,
        sameLayout ? "does not match the journal" : "was written by an older citewatch");
    reindexer.rebuild(index);
  }

  /** Where a source's snapshot and check lines start, in journal order, as the index holds them. */
  List<Long> lineOffsets(String source) {
    return index.lines(source);
  }

  List<Long> snapshotLineOffsets(String prefix) {
    return index.snapshotLines(prefix);
  }

  /** The index is consistent with the journal as it now ends. */
  private void checkpoint() throws IOException {
    new Reindexer.Checkpoint(journal.line(), journal.head(), journal.size()).writeTo(index);
  }

  /** Rebuilds index.db from journal.jsonl and the WARC files ({@code citewatch audit --reindex}). */
  public void reindex() throws IOException {
    new Reindexer(dir.resolve(JOURNAL), dir.resolve(WARC_DIR)).rebuild(index);
  }

  private static Index openIndex(Path dir) throws IOException {
    Path file = dir.resolve(INDEX);
    try {
      return new Index(file);
    } catch (DBException.FileLocked e) {
      throw new StoreBusyException(dir + "/index.db is open in another citewatch process");
    } catch (DBException | IllegalStateException e) {
      log.warn("{}: index.db cannot be opened ({}); it is a cache, rebuilding it", dir, e.getMessage());
      for (String name : List.of(INDEX, INDEX + ".wal.0", INDEX + ".wal.1", INDEX + ".wal.2")) {
        Files.deleteIfExists(dir.resolve(name));
      }
      try (Stream<Path> wals = Files.list(dir)) {
        for (Path wal : wals.filter(p -> p.getFileName().toString().startsWith(INDEX + ".wal")).toList()) {
          Files.deleteIfExists(wal);
        }
      }
      Index fresh = new Index(file);
      fresh.meta("journal_head", "rebuild");
      return fresh;
    }
  }

  private static List<Repair> cutTornWarcTails(Path warcDir, Index index) throws IOException {
    List<Repair> repairs = new ArrayList<>();
    if (!Files.isDirectory(warcDir)) {
      return repairs;
    }
    try (Stream<Path> files = Files.list(warcDir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".warc.gz")).sorted().toList()) {
        long end = index.meta("warc_end:" + file.getFileName()).map(Long::parseLong).orElse(0L);
        Evidence.cutTornTail(file, end).ifPresent(repairs::add);
      }
    }
    return repairs;
  }

  /** Each repair made at open, as a journal line; the next run raises them as STORE_REPAIRED. */
  private void journalRepairs(List<Repair> repairs) throws IOException {
    for (Repair repair : repairs) {
      journal.append(repair, Instant.now());
      index.meta(PENDING_REPAIR + repair.place(), Json.write(repair));
    }
    if (!repairs.isEmpty()) {
      checkpoint();
      index.commit();
    }
  }

  static final String PENDING_REPAIR = "pending-repair:";
  static final String OUTBOX = "outbox:";

  /** Queues a notification, durably, before any notifier is tried. */
  public synchronized void queueNotification(Outbox notification, Instant at) throws IOException {
    journal.append(new Event.NotifyQueued(notification.id(), notification.alerts(),
        notification.remaining().stream().sorted().toList()), at);
    index.meta(OUTBOX + notification.id(), Json.write(notification));
  }

  /** Notifiers that accepted a queued notification: once all have, it leaves the outbox. */
  public synchronized void notificationSent(String id, Set<Integer> delivered, Instant at) throws IOException {
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
  public List<Outbox> outbox() {
    return index.metaWithPrefix(OUTBOX).values().stream().map(v -> Json.read(v, Outbox.class))
        .sorted(Comparator.comparing(Outbox::id)).toList();
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
    return snapshot.withBlocks(WarcRecords.blocks(dir.resolve(WARC_DIR), snapshot.warcFile(), snapshot.conversionOffset()),
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
  }

  /** A new body stored: the snapshot it makes, and where its records lie. */
  public record Captured(Snapshot snapshot, WarcRef record) {}

  /**
   * Stores a new body with its extracted blocks and returns the snapshot it makes. Its journal line
   * is on disk once the check's line is ({@link #check}): a capture always ends in one.
   */
  public Captured capture(Source source, Exchange exchange, Extraction extraction, String contentDigest, Instant at)
      throws IOException {
    byte[] conversion = conversionBody(source, extraction);
    Evidence.Written written = evidence.capture(at, exchange, Optional.of(conversion));
    String payloadDigest = exchange.payloadDigest();
    String id = snapshotId(source.id(), at, payloadDigest);
    Snapshot snapshot = new Snapshot(id, source.id(), at, exchange.url().toString(), exchange.status(),
        payloadDigest, contentDigest, written.file(), written.responseOffset(),
        written.conversionOffset(), written.responseRecordId(), extraction.selectorMatched(), extraction.blocks(), source.rules(),
        Snapshot.textLength(extraction.blocks()));
    long line = journal.appendUnsyncedAt(Event.SnapshotTaken.of(snapshot, written, exchange.body().length), at);
    index.line(source.id(), line);
    index.snapshotLine(id, line);
    return new Captured(snapshot, new WarcRef(written.file(), written.requestOffset(), written.end()));
  }

  /**
   * The response a snapshot was made from, read back from its WARC record: to extract it again
   * when the source's rules change.
   */
  public Exchange exchange(Snapshot snapshot) throws IOException {
    Path file = dir.resolve(WARC_DIR).resolve(snapshot.warcFile());
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.position(snapshot.responseOffset());
      try (WarcReader reader = new WarcReader(channel)) {
        WarcRecord record = reader.next().orElseThrow(() -> new IOException(
            "no WARC record at " + file + ":" + snapshot.responseOffset()));
        if (!(record instanceof WarcResponse response)) {
          throw new IOException("the record at " + file + ":" + snapshot.responseOffset() + " is a " + record.type()
              + ", not the response of snapshot " + snapshot.id());
        }
        HttpResponse http = response.http();
        List<Exchange.Header> headers = new ArrayList<>();
        http.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(new Exchange.Header(name, v))));
        byte[] decoded = http.bodyDecoded().stream().readAllBytes();
        return new Exchange(URI.create(snapshot.url()), new byte[0], http.status(), http.reason(), headers,
            http.serializeHeader(), decoded, decoded);
      }
    }
  }

  /** Keeps an error response (a 503 page, say) as evidence; it never becomes a baseline. */
  public WarcRef captureFailed(Exchange exchange, Instant at) throws IOException {
    return captureFailed(exchange, at, false);
  }

  /** @param truncated the body was cut at max_body: the response record says so */
  public WarcRef captureFailed(Exchange exchange, Instant at, boolean truncated) throws IOException {
    Evidence.Written written = evidence.capture(at, exchange, Optional.empty(), truncated);
    return new WarcRef(written.file(), written.requestOffset(), written.end());
  }

  /** Each redirect answer of a fetch as a request and response record, in order: evidence of the way to the page. */
  public List<WarcRef> redirects(List<Exchange> hops, Instant at) throws IOException {
    List<WarcRef> refs = new ArrayList<>();
    for (Exchange hop : hops) {
      Evidence.Written written = evidence.capture(at, hop, Optional.empty());
      refs.add(new WarcRef(written.file(), written.requestOffset(), written.end()));
    }
    return refs;
  }

  /**
   * An unchanged page: a revisit record pointing at the snapshot that holds the same body, and the
   * request that got the answer.
   *
   * @param notModified the server answered 304 to a conditional request
   */
  public WarcRef revisit(Exchange exchange, Snapshot original, Instant at, boolean notModified) throws IOException {
    byte[] payload = HexFormat.of().parseHex(original.payloadDigest().substring("sha256:".length()));
    Evidence.Written written = evidence.revisit(at, exchange, new Evidence.Original(original.responseRecordId(),
        URI.create(original.url()), original.captured(), payload), notModified);
    return new WarcRef(written.file(), written.responseOffset(), written.end());
  }

  /**
   * Records a finished check: its journal line, then the index.
   *
   * @param after what the index is to hold of the source now, decided by the caller
   */
  public void check(Check check, SourceState after) throws IOException {
    long line = journal.appendAt(Event.Checked.of(check), check.started());
    index.line(check.sourceId(), line);
    Optional<Snapshot> withBlocks = after.latest().filter(l -> !l.blocks().isEmpty());
    index.put(withBlocks.isPresent() ? after.withBaseline(reference(withBlocks.get())) : after);
    checkedThisRun.add(check.sourceId());
    check.redirectRecords().forEach(r -> index.warcEnd(r.file(), r.end()));
    check.record().ifPresent(r -> index.warcEnd(r.file(), r.end()));
    // The index is a cache: committing it every so many checks bounds its memory, and a crash in
    // between is repaired on open by a rebuild from the journal.
    if (uncommitted.incrementAndGet() % COMMIT_EVERY == 0) {
      synchronized (this) {
        index.commit();
      }
    }
  }

  private static final int COMMIT_EVERY = 256;
  private final Set<String> checkedThisRun = ConcurrentHashMap.newKeySet();
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
  public synchronized Alert acknowledge(String idOrPrefix, String by, Optional<String> note, Instant at)
      throws IOException {
    List<Alert> matching = index.alerts().values().stream()
        .filter(a -> a.id().startsWith(idOrPrefix) && idOrPrefix.length() >= 4).toList();
    List<String> resolved = matching.isEmpty() && idOrPrefix.length() >= 4 ? index.resolvedIds(idOrPrefix) : List.of();
    if (matching.isEmpty() && resolved.size() == 1) {
      throw new IllegalArgumentException("alert " + resolved.get(0) + " is already resolved; nothing to acknowledge");
    }
    if (matching.size() != 1) {
      throw new IllegalArgumentException(matching.isEmpty() && resolved.isEmpty()
          ? "no alert '" + idOrPrefix + "'; citewatch alerts lists their ids"
          : "'" + idOrPrefix + "' matches " + (matching.size() + resolved.size()) + " alerts; give more of the id");
    }
    Alert alert = matching.get(0);
    Alert acknowledged = alert.acknowledgedBy(by, at, note);
    journal.append(new Event.AlertChanged("acknowledged", acknowledged, Optional.of(by), Optional.empty(), note), at);
    seal(at);
    index.put(acknowledged);
    checkpoint();
    index.commit();
    return acknowledged;
  }

  /**
   * A maintainer re-verified a program on {@code date}: its staleness counts from then, and the
   * alerts the verification settles are resolved, each with who and why.
   */
  public synchronized void verify(String program, LocalDate date, String by, Optional<String> note,
      List<Alert> settled, Instant at) throws IOException {
    verify(program, date, by, note, settled, Map.of(), at);
  }

  /**
   * @param formerFigures by claim id, the figure a claim stated before {@code verify --accept} wrote
   *     the official one: the site's page may still show it
   */
  public synchronized void verify(String program, LocalDate date, String by, Optional<String> note,
      List<Alert> settled, Map<String, Figure> formerFigures, Instant at) throws IOException {
    Map<String, String> former = new TreeMap<>();
    formerFigures.forEach((claim, figure) -> former.put(claim, figure.toString()));
    former.forEach((claim, figure) -> index.meta(FORMER_FIGURE + program + "/" + claim, figure));
    journal.append(new Event.Verified(program, date, by, note, former), at);
    for (Alert alert : settled) {
      Alert resolved = alert.withState(Alert.State.RESOLVED);
      journal.append(new Event.AlertChanged("resolved", resolved, Optional.of(by), Optional.of("verified " + program),
          note), at);
      index.put(resolved);
    }
    seal(at);
    index.meta("verified:" + program, date.toString());
    checkpoint();
    index.commit();
  }

  /**
   * A maintainer accepts a source's latest capture, which a guard held back (it shrank, or reads
   * like an error page), as its baseline: journaled with who and why, compared with from the next
   * run on.
   *
   * @throws IllegalArgumentException when there is no such capture to accept, saying why
   */
  public synchronized Snapshot acceptBaseline(String sourceId, String by, String why, Instant at) throws IOException {
    Snapshot[] latest = {null};
    JournalReader.forEach(journal(), sourceId, line -> line.event(Event.SnapshotTaken.class)
        .filter(taken -> taken.source().equals(sourceId))
        .ifPresent(taken -> latest[0] = taken.toSnapshot(line.entry().get().time())));
    if (latest[0] == null) {
      throw new IllegalArgumentException("no capture of '" + sourceId + "' to accept: citewatch keeps a capture "
          + "that a guard held back only when the page could be read (a challenge, a non-text body or a failed "
          + "fetch is never a baseline)");
    }
    Snapshot accepted = latest[0];
    Optional<SourceState> state = state(sourceId);
    if (state.flatMap(SourceState::latest).map(s -> s.id().equals(accepted.id())).orElse(false)) {
      throw new IllegalArgumentException("the latest capture of '" + sourceId + "', " + accepted.id()
          + ", is already its baseline");
    }
    journal.append(new Event.BaselineAccepted(sourceId, accepted.id(), by, Optional.of(why)), at);
    index.put(new SourceState(sourceId, Optional.of(accepted), state.flatMap(SourceState::etag),
        state.flatMap(SourceState::lastModified), state.flatMap(SourceState::lastChecked)));
    checkpoint();
    index.commit();
    return accepted;
  }

  private Path journal() {
    return dir.resolve(JOURNAL);
  }

  static final String FORMER_FIGURE = "former-figure:";

  /** By claim id: the figure each claim of the program stated before a maintainer accepted the official one. */
  public Map<String, Figure> formerFigures(String program) {
    Map<String, Figure> former = new HashMap<>();
    String prefix = FORMER_FIGURE + program + "/";
    index.metaWithPrefix(prefix).forEach((key, value) ->
        FigureReader.readOne(value).ifPresent(f -> former.put(key.substring(prefix.length()), f)));
    return former;
  }

  /** The latest recorded re-verification of each program. */
  public Map<String, LocalDate> verifiedOn() {
    return index.metaWithPrefix("verified:").entrySet().stream().collect(Collectors.toMap(
        e -> e.getKey().substring("verified:".length()), e -> LocalDate.parse(e.getValue())));
  }

  /** Records alert transitions: one journal line each, then the index. */
  public synchronized void alerts(List<Alert> raised, List<Alert> updated, List<Alert> resolved, List<Alert> active,
      Instant at) throws IOException {
    for (Alert alert : raised) {
      journal.append(Event.AlertChanged.of("raised", alert), at);
    }
    for (Alert alert : updated) {
      journal.append(Event.AlertChanged.of("updated", alert), at);
    }
    for (Alert alert : resolved) {
      journal.append(Event.AlertChanged.of("resolved", alert), at);
      index.put(alert);
    }
    active.forEach(index::put);
    checkpoint();
    index.commit();
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
    sealing = Optional.of(key);
  }

  private Optional<KeyPair> sealing = Optional.empty();

  /** Signs the journal's head as it stands, in a line of its own. */
  private void seal(Instant at) throws IOException {
    if (sealing.isEmpty()) {
      return;
    }
    long line = journal.line();
    String sha = journal.head();
    journal.append(new Event.Sealed(line, sha, Seals.fingerprint(sealing.get().getPublic()),
        Seals.sign(sealing.get().getPrivate(), line, sha)), at);
  }

  public synchronized void runFinished(Event.RunFinished summary, Instant at) throws IOException {
    journal.append(summary, at);
    seal(at);
    // the run's alerts are journaled: the changes of the sources it checked are told
    for (String source : checkedThisRun) {
      index.source(source).ifPresent(s -> index.put(s.reportedNow()));
    }
    checkedThisRun.clear();
    index.meta("last_run", Json.write(runSummary(summary)));
    checkpoint();
    index.commit();
  }

  /** Keeps an RFC 3161 token over the journal's head, as a line of its own. */
  public synchronized void timestamped(Event.Timestamped stamp, Instant at) throws IOException {
    journal.append(stamp, at);
    checkpoint();
    index.commit();
  }

  /** The journal's head, {@code LINE:SHA256}: its last line's number and digest. */
  public String head() {
    return journal.line() + ":" + journal.head();
  }

  public Optional<RunSummary> lastRun() {
    return index.meta("last_run").map(json -> Json.read(json, RunSummary.class));
  }

  /** The run object of report.json, out of a run-finished journal line. */
  static RunSummary runSummary(Event.RunFinished line) {
    Event.Counts counts = line.sources();
    return new RunSummary(line.id(), line.started(), line.finished(), line.exitCode(), counts.checked(),
        counts.changed(), counts.unchanged(), counts.failed(), 0);
  }

  /**
   * The conversion record's body: the blocks as extracted, with the rules they were extracted by.
   * Written field by field: a tree of a few hundred nodes a page cost more than the writing.
   */
  private static byte[] conversionBody(Source source, Extraction extraction) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("source", source.id());
      json.writeStringField("extractor", extraction.extractor());
      json.writeStringField("select", source.select().orElse(null));
      json.writeArrayFieldStart("ignore");
      for (String css : source.ignore()) {
        json.writeString(css);
      }
      json.writeEndArray();
      json.writeBooleanField("selector_matched", extraction.selectorMatched());
      json.writeArrayFieldStart("blocks");
      for (Block block : extraction.blocks()) {
        json.writeStartObject();
        json.writeStringField("kind", block.kind().name().toLowerCase(Locale.ROOT));
        json.writeStringField("text", block.text());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  private static String snapshotId(String sourceId, Instant at, String payloadDigest) {
    return Digests.hex((sourceId + "\n" + at + "\n" + payloadDigest).getBytes(StandardCharsets.UTF_8))
        .substring(0, 12);
  }

  @Override
  public void close() throws IOException {
    try {
      evidence.close();
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
