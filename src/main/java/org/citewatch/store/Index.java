package org.citewatch.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.citewatch.model.Alert;
import org.citewatch.model.Anchor;
import org.mapdb.CC;
import org.mapdb.DB;
import org.mapdb.Serializer;
import org.mapdb.StoreWAL;
import org.mapdb.volume.VolumeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * index.db, a MapDB cache of what the journal says: the latest state of each source and every
 * alert. A source's state, read and written by every check, is a binary record of its own
 * ({@link StateCodec}); the rest is JSON text. Either way a change of form is a new {@link #LAYOUT},
 * and an index of another layout is rebuilt from the journal.
 */
final class Index implements Closeable {

  /** The layout of the maps below: an index.db of another layout is rebuilt from the journal. */
  static final String LAYOUT = "7";

  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private final Path file;
  private final DB db;
  // index.db's own volume, whose commits a rebuild writes through
  private final JournaledVolume volume;
  private final ConcurrentMap<String, byte[]> sources;
  // Open and acknowledged alerts, which every run reads, apart from the resolved ones, which only
  // alerts --all does: these grow with every night of history, the others with what is wrong now.
  private final ConcurrentMap<String, String> alerts;
  private final ConcurrentMap<String, String> resolved;
  private final ConcurrentMap<String, String> meta;
  private final ConcurrentMap<String, String> anchors;
  // Where each source's snapshot and check lines start in the journal, by source and offset,
  // and each snapshot's line by its id: history and show read those lines, not the whole journal.
  private final LineLists lines;
  private final LineLists snapshotLines;
  private final ConcurrentMap<String, Long> warcEnds = new ConcurrentHashMap<>();
  // The runs started and not finished, whose checks' states still report from their own baseline
  private final Set<String> openRuns = ConcurrentHashMap.newKeySet();

  Index(Path file) {
    this.file = file;
    AtomicReference<JournaledVolume> made = new AtomicReference<>();
    this.db = open(file, made::set);
    this.volume = made.get();
    this.sources = db.hashMap("source_states", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
    this.alerts = db.hashMap("alerts", Serializer.STRING, Serializer.STRING).createOrOpen();
    this.resolved = db.hashMap("resolved_alerts", Serializer.STRING, Serializer.STRING).createOrOpen();
    this.meta = db.hashMap("meta", Serializer.STRING, Serializer.STRING).createOrOpen();
    this.anchors = db.hashMap("anchors", Serializer.STRING, Serializer.STRING).createOrOpen();
    this.lines = new LineLists(db.hashMap("lines", Serializer.STRING, Serializer.LONG_ARRAY).createOrOpen());
    this.snapshotLines = new LineLists(db.hashMap("snapshot_lines", Serializer.STRING, Serializer.LONG_ARRAY)
        .createOrOpen());
    meta.keySet().stream().filter(k -> k.startsWith(OPEN_RUN))
        .forEach(k -> openRuns.add(k.substring(OPEN_RUN.length())));
  }

  /**
   * What {@code DBMaker.fileDB(file).fileChannelEnable().transactionEnable().make()} makes, with
   * each file read through a page cache ({@link CachedVolume}); DBMaker takes no volume factory.
   */
  private static DB open(Path file, Consumer<JournaledVolume> journaled) {
    if (Files.exists(rebuildMarker(file))) {
      // what the rebuild wrote was never journaled: it is made again from the journal's first line
      throw new RebuildCutShort();
    }
    try {
      UndoLog.rollBack(file).ifPresent(pages -> log.info("{}: undid the commit a kill interrupted ({} page(s) "
          + "written back); the journal's lines after the commit before it are replayed", file, pages));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot undo the interrupted commit of " + file + ": " + e.getMessage(), e);
    }
    removeWriteAheadLogs(file);
    VolumeFactory factory = CachedVolume.factory(journaled);
    boolean exists = factory.exists(file.toString());
    StoreWAL store = StoreWAL.make(file.toString(), factory, 0L, true, CC.STORE_DIRECT_CONC_SHIFT, 0L, 0L,
        false, false, false, true, false);
    return new DB(store, exists, true, Index.class.getClassLoader(), 0);
  }

  /**
   * The write-ahead logs beside index.db, which MapDB never reads back: an older citewatch kept
   * them on disk, and a kill mid-run left them there. They are now kept in memory
   * ({@link CachedVolume#factory}).
   */
  static void removeWriteAheadLogs(Path file) {
    String prefix = file.getFileName() + ".wal";
    Path dir = file.toAbsolutePath().getParent();
    try (Stream<Path> beside = Files.list(dir)) {
      for (Path wal : beside.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(wal);
        log.info("{}: removed {}, the write-ahead log of an interrupted run", file, wal.getFileName());
      }
    } catch (IOException e) {
      log.warn("{}: cannot remove an old write-ahead log beside it ({}); it is not read", file, e.getMessage());
    }
  }

  private static final String OPEN_RUN = "open_run:";
  private static final String REBUILDING = ".rebuilding";
  // where layouts up to 6 kept the sources' states, as JSON: emptied when the index is rebuilt
  private static final String LAYOUT_6_SOURCES = "sources";

  /** A source's state, as reported as its run has finished. */
  Optional<SourceState> source(String id) {
    return Optional.ofNullable(sources.get(id)).map(StateCodec::decode)
        .map(s -> s.pendingRun().isPresent() && !openRuns.contains(s.pendingRun().get()) ? s.reportedNow() : s);
  }

  /** A run starts: the states its checks write report from their baseline until it finishes. */
  void runOpened(String run) {
    meta.put(OPEN_RUN + run, "");
    openRuns.add(run);
  }

  /** A run's alerts are journaled: every state its checks wrote is reported. */
  void runClosed(String run) {
    meta.remove(OPEN_RUN + run);
    openRuns.remove(run);
  }

  void put(SourceState state) {
    sources.put(state.sourceId(), StateCodec.encode(state));
  }

  /** Open and acknowledged alerts. */
  Map<String, Alert> alerts() {
    return read(alerts);
  }

  Map<String, Alert> resolvedAlerts() {
    return read(resolved);
  }

  /** The ids of resolved alerts that start with {@code prefix}, without reading the alerts. */
  List<String> resolvedIds(String prefix) {
    return resolved.keySet().stream().filter(id -> id.startsWith(prefix)).toList();
  }

  private static Map<String, Alert> read(ConcurrentMap<String, String> map) {
    Map<String, Alert> all = new LinkedHashMap<>();
    map.forEach((id, json) -> all.put(id, Json.read(json, Alert.class)));
    return all;
  }

  void put(Alert alert) {
    String json = Json.write(alert);
    if (alert.isActive()) {
      alerts.put(alert.id(), json);
      resolved.remove(alert.id());
    } else {
      resolved.put(alert.id(), json);
      alerts.remove(alert.id());
    }
  }

  Map<String, Anchor> anchors() {
    Map<String, Anchor> all = new LinkedHashMap<>();
    anchors.forEach((key, json) -> all.put(key, Json.read(json, Anchor.class)));
    return all;
  }

  void put(String key, Anchor anchor) {
    anchors.put(key, Json.write(anchor));
  }

  /** A source's line: a snapshot it took or a check of it. */
  void line(String source, long offset) {
    lines.append(source, offset);
  }

  /** The journal ends at {@code journalEnd}, with every line before it in the index: later lines are new. */
  void upToDate(long journalEnd) {
    lines.newFrom(journalEnd);
    snapshotLines.newFrom(journalEnd);
  }

  /** A snapshot's line, found by the first characters of its id ({@code show} takes six or more). */
  void snapshotLine(String snapshot, long offset) {
    snapshotLines.append(snapshot.substring(0, Math.min(snapshot.length(), SNAPSHOT_PREFIX)), offset);
  }

  static final int SNAPSHOT_PREFIX = 6;

  /** Where a source's lines start, in journal order. */
  List<Long> lines(String source) {
    return lines.get(source);
  }

  /** Where the lines of the snapshots whose ids start as {@code prefix} does (six characters or more) start. */
  List<Long> snapshotLines(String prefix) {
    return snapshotLines.get(prefix.substring(0, Math.min(prefix.length(), SNAPSHOT_PREFIX)));
  }

  Optional<String> meta(String key) {
    return Optional.ofNullable(meta.get(key));
  }

  void meta(String key, String value) {
    meta.put(key, value);
  }

  void removeMeta(String key) {
    meta.remove(key);
  }

  /**
   * Where the journaled records of a WARC file end, kept in memory until the next commit: only a
   * committed index that matches the journal is trusted on open, so writing it sooner buys nothing
   * and costs two map operations on every check.
   */
  void warcEnd(String file, long end) {
    warcEnds.merge(file, end, Long::max);
  }

  Map<String, String> metaWithPrefix(String prefix) {
    Map<String, String> found = new LinkedHashMap<>();
    meta.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        found.put(k, v);
      }
    });
    return found;
  }

  void clear() {
    if (db.exists(LAYOUT_6_SOURCES)) {
      db.hashMap(LAYOUT_6_SOURCES, Serializer.STRING, Serializer.STRING).open().clear();
    }
    sources.clear();
    alerts.clear();
    resolved.clear();
    meta.clear();
    anchors.clear();
    openRuns.clear();
    lines.clear();
    snapshotLines.clear();
  }

  /** The file was being rebuilt when its process ended: what it holds is not trusted. */
  static final class RebuildCutShort extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    RebuildCutShort() {
      super("its last rebuild was cut short");
    }
  }

  static Path rebuildMarker(Path file) {
    return file.resolveSibling(file.getFileName() + REBUILDING);
  }

  /**
   * A rebuild begins: until {@link #rebuilt}, commits are written without the undo journal, and a
   * marker beside the file, on disk before any of them, makes an open throw the file away. A
   * rebuild cut short is made again from the journal's first line either way, so journaling the
   * old pages of every commit it made bought nothing (four years of history: 74-85 s against 58 s).
   */
  void rebuilding() throws IOException {
    Path marker = rebuildMarker(file);
    // an empty file: its name, forced with the directory, is all it says
    Files.write(marker, new byte[0]);
    UndoLog.forceDirectory(marker.toAbsolutePath().getParent());
    volume.writeThrough(true);
  }

  /** The rebuild's last commit is on disk: commits are whole again, and the file is trusted at open. */
  void rebuilt() throws IOException {
    volume.writeThrough(false);
    Path marker = rebuildMarker(file);
    Files.delete(marker);
    UndoLog.forceDirectory(marker.toAbsolutePath().getParent());
  }

  void commit() {
    warcEnds.forEach((file, end) -> {
      meta.merge("warc_end:" + file, Long.toString(end),
          (a, b) -> Long.toString(Math.max(Long.parseLong(a), Long.parseLong(b))));
      warcEnds.remove(file, end);
    });
    lines.flush();
    snapshotLines.flush();
    db.commit();
  }

  @Override
  public void close() {
    db.close();
  }
}
