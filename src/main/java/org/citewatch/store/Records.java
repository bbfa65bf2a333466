package org.citewatch.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citewatch.model.Block;
import org.mapdb.DBException;
import org.netpreserve.jwarc.WarcResponse;

/**
 * The store as an auditor reads it: from journal.jsonl and the WARC files alone, without the index
 * and without the write lock, so it can be read while a run writes, and from a copy years later.
 */
public final class Records implements Closeable {

  /** One check of a source as history shows it. */
  public record CheckEntry(Instant time, Optional<Integer> status, int attempts, String outcome,
      Optional<String> snapshot, Optional<String> payloadDigest, long bytes, Optional<String> error) {

    /** @param lineLength the bytes of the check's journal line, counted in what the check cost */
    public static CheckEntry of(Event.Checked c, Instant time, long lineLength) {
      long bytes = c.record().map(r -> r.end() - r.offset()).orElse(0L);
      return new CheckEntry(time, c.status(), c.attempts().size(), c.outcome().label(), c.snapshotId(),
          c.payloadDigest(), bytes + lineLength + 1, c.error());
    }
  }

  /** A snapshot that was a good capture: the versions of a page that diff compares. */
  public record SnapshotEntry(String id, String source, Instant captured, String url, String warc,
      long responseOffset, long conversionOffset, long requestOffset, long end, String payloadDigest) {

    public static SnapshotEntry of(Event.SnapshotTaken taken, Instant captured) {
      return new SnapshotEntry(taken.snapshot(), taken.source(), captured, taken.url(), taken.warc(),
          taken.responseOffset(), taken.conversionOffset(), taken.requestOffset(), taken.endOffset(),
          taken.payloadDigest());
    }
  }

  private final Path dir;
  // when this process could open the store, its index says where each source's lines are
  private final Optional<Store> store;

  /** Reads by scanning the journal: never takes the store's lock. */
  public Records(Path dir) {
    this.dir = dir;
    this.store = Optional.empty();
  }

  /** Reads through {@code store}'s index, and closes it when closed. */
  private Records(Store store) {
    this.dir = store.dir();
    this.store = Optional.of(store);
  }

  /**
   * Reads with the index when no other process holds the store, so that history and show read a
   * source's lines and not the whole journal; while a run writes (or from a read-only copy), by
   * scanning the journal, with the same answers.
   */
  public static Records open(Path dir) {
    try {
      return new Records(Store.open(dir, false));
    } catch (DBException | IOException e) {
      return new Records(dir);
    }
  }

  @Override
  public void close() throws IOException {
    if (store.isPresent()) {
      store.get().close();
    }
  }

  /** The lines that mention a source (its snapshots and checks), from the index or a scan. */
  private void linesOf(String source, JournalReader.Visitor visitor) throws IOException {
    if (store.isPresent()) {
      JournalReader.forEachAt(journal(), store.get().lineOffsets(source), visitor);
    } else {
      JournalReader.forEach(journal(), source, visitor);
    }
  }

  public Path journal() {
    return dir.resolve(Store.JOURNAL);
  }

  public Path warcDir() {
    return dir.resolve(Store.WARC_DIR);
  }

  /** Every check of a source, oldest first. */
  public List<CheckEntry> history(String source) throws IOException {
    return history(source, Integer.MAX_VALUE).checks();
  }

  /** The last checks of a source, oldest first, and whether there are earlier ones. */
  public record Recent(List<CheckEntry> checks, boolean earlier) {

    static Recent last(List<CheckEntry> checks, int limit) {
      int from = Math.max(0, checks.size() - limit);
      return new Recent(List.copyOf(checks.subList(from, checks.size())), from > 0);
    }
  }

  /**
   * The last {@code limit} checks of a source. Through the index only the journal's last lines of
   * the source are read, so that the time does not grow with its history: a window of its lines
   * from the end, doubled until it holds a check more than asked for (a snapshot's line comes with
   * its check's) or every line.
   */
  public Recent history(String source, int limit) throws IOException {
    List<CheckEntry> read = new ArrayList<>();
    if (store.isEmpty()) {
      linesOf(source, checksOf(source, read));
      return Recent.last(read, limit);
    }
    List<Long> offsets = store.get().lineOffsets(source);
    int window = (int) Math.min(offsets.size(), 2L * limit + 2);
    while (true) {
      read.clear();
      JournalReader.forEachAt(journal(), offsets.subList(offsets.size() - window, offsets.size()),
          checksOf(source, read));
      if (read.size() > limit || window == offsets.size()) {
        return Recent.last(read, limit);
      }
      window = (int) Math.min(offsets.size(), 2L * window);
    }
  }

  /** Adds each check of {@code source} that a line holds to {@code checks}. */
  private static JournalReader.Visitor checksOf(String source, List<CheckEntry> checks) {
    return line -> line.event(Event.Checked.class).filter(c -> c.sourceId().equals(source))
        .ifPresent(c -> checks.add(CheckEntry.of(c, line.entry().get().time(), line.text().length())));
  }

  /** The good captures of a source, oldest first: those a check accepted as the page. */
  public List<SnapshotEntry> snapshots(String source) throws IOException {
    Map<String, SnapshotEntry> lines = new LinkedHashMap<>();
    Map<String, SnapshotEntry> good = new LinkedHashMap<>();
    linesOf(source, line -> {
      line.event(Event.SnapshotTaken.class).filter(taken -> taken.source().equals(source))
          .ifPresent(taken -> lines.put(taken.snapshot(), entry(taken, line.entry().get().time())));
      line.event(Event.Checked.class).filter(c -> c.sourceId().equals(source) && c.good())
          .flatMap(Event.Checked::snapshotId).filter(lines::containsKey)
          .ifPresent(id -> good.putIfAbsent(id, lines.get(id)));
    });
    return List.copyOf(good.values());
  }

  /** Any snapshot by id, or by a prefix of at least 6 characters that only it has. */
  public Optional<SnapshotEntry> snapshot(String idOrPrefix) throws IOException {
    List<SnapshotEntry> found = new ArrayList<>();
    if (idOrPrefix.length() < 6) {
      return Optional.empty();
    }
    JournalReader.Visitor visitor = line -> line.event(Event.SnapshotTaken.class)
        .filter(taken -> taken.snapshot().startsWith(idOrPrefix))
        .ifPresent(taken -> found.add(entry(taken, line.entry().get().time())));
    if (store.isPresent()) {
      JournalReader.forEachAt(journal(), store.get().snapshotLineOffsets(idOrPrefix), visitor);
    } else {
      JournalReader.forEach(journal(), idOrPrefix, visitor);
    }
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  private static SnapshotEntry entry(Event.SnapshotTaken taken, Instant captured) {
    return SnapshotEntry.of(taken, captured);
  }

  /** The capture in force at the end of a day: the last good one taken on or before it. */
  public Optional<SnapshotEntry> inForceOn(String source, LocalDate day) throws IOException {
    Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    SnapshotEntry found = null;
    for (SnapshotEntry s : snapshots(source)) {
      if (s.captured().isBefore(end)) {
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }

  public List<Block> blocks(SnapshotEntry snapshot) throws IOException {
    return WarcRecords.blocks(warcDir(), snapshot.warc(), snapshot.conversionOffset());
  }

  /** The body as the server sent it, less any gzip content-encoding. */
  public byte[] rawBody(SnapshotEntry snapshot) throws IOException {
    return WarcRecords.at(warcDir(), snapshot.warc(), snapshot.responseOffset(),
        record -> ((WarcResponse) record).http().bodyDecoded().stream().readAllBytes());
  }
}
