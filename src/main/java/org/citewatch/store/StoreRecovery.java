package org.citewatch.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.mapdb.DBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What opening a store repairs after a crash: an index behind the journal or broken, torn WARC tails. */
final class StoreRecovery {

  private static final Logger log = LoggerFactory.getLogger(Store.class);

  private StoreRecovery() {}

  /** Brings the index up to the journal's end, then cuts the WARC bytes no journal line names. */
  static void recover(Path dir, Journal journal, Index index, List<Repair> repairs) throws IOException {
    if (journal.head().equals(Journal.GENESIS) && index.meta(Reindexer.HEAD).isEmpty()) {
      new Reindexer.Checkpoint(0, Journal.GENESIS, 0).writeTo(index);
      index.meta("layout", Index.LAYOUT);
      // committed now, so that a first run killed before its first commit leaves an index to catch
      // up rather than one with no layout, which would be rebuilt as an older citewatch's
      index.commit();
    } else {
      bringUpToDate(dir, journal, index);
    }
    index.upToDate(journal.size());
    cutTornWarcTails(dir, index, repairs);
  }

  /**
   * An index behind the journal (a run was killed) replays the lines after its checkpoint; one of
   * another layout, or with no checkpoint the journal still holds, is rebuilt from the first line.
   */
  static void bringUpToDate(Path dir, Journal journal, Index index) throws IOException {
    boolean sameLayout = index.meta("layout").equals(Optional.of(Index.LAYOUT));
    if (sameLayout && index.meta(Reindexer.HEAD).orElse(Journal.GENESIS).equals(journal.head())) {
      return;
    }
    Reindexer reindexer = new Reindexer(dir.resolve(Store.JOURNAL), dir.resolve(Store.WARC_DIR));
    long started = System.nanoTime();
    Optional<Long> replayed = sameLayout ? reindexer.catchUp(index) : Optional.empty();
    if (replayed.isPresent()) {
      log.info("{}: index.db was behind the journal (an interrupted run); replayed {} line(s) after its "
          + "checkpoint in {} ms", dir, replayed.get(), (System.nanoTime() - started) / 1_000_000);
      return;
    }
    log.warn("{}: index.db {}; rebuilding it from journal.jsonl and the WARC files", dir,
        sameLayout ? "does not match the journal"
            : index.meta("layout").isPresent() ? "was written by an older citewatch" : "is missing or empty");
    reindexer.rebuild(index);
  }

  static Index openIndex(Path dir) throws IOException {
    try {
      return new Index(dir.resolve(Store.INDEX));
    } catch (DBException.FileLocked e) {
      throw new StoreBusyException(dir + "/index.db is open in another citewatch process");
    } catch (RuntimeException e) {
      return replaceUnreadable(dir, Optional.empty(), e);
    }
  }

  /**
   * An empty index in place of one that cannot be read, which the recovery that follows rebuilds
   * from the journal. MapDB tells a damaged file at open only by its header; a damaged record
   * shows when it is read, as whatever exception its bytes lead to.
   */
  static Index replaceUnreadable(Path dir, Optional<Index> unreadable, RuntimeException why) throws IOException {
    if (why instanceof Index.RebuildCutShort) {
      log.warn("{}: index.db's last rebuild was cut short; it is a cache, rebuilding it", dir);
    } else {
      log.warn("{}: index.db cannot be read ({}: {}); it is a cache, rebuilding it", dir,
          why.getClass().getSimpleName(), why.getMessage());
    }
    try {
      unreadable.ifPresent(Index::close);
    } catch (RuntimeException garbage) {
      // what it held is dropped whole: there is nothing of it to save
    }
    Files.deleteIfExists(dir.resolve(Store.INDEX));
    // a journal of a commit to the file that goes would undo it in the new one; the new one's open
    // removes the write-ahead logs
    Files.deleteIfExists(UndoLog.pathOf(dir.resolve(Store.INDEX)));
    // last, so that a kill before it leaves the file gone or still marked, never trusted
    Files.deleteIfExists(Index.rebuildMarker(dir.resolve(Store.INDEX)));
    Index fresh = new Index(dir.resolve(Store.INDEX));
    fresh.meta("layout", Index.LAYOUT);
    fresh.meta("journal_head", "rebuild");
    return fresh;
  }

  /**
   * WARC bytes past the last record the journal names, cut. The index says where each file's
   * journaled records end, and a file that ends there needs nothing more; a file longer than that
   * is checked against the journal itself before a byte goes, because the index is a cache that a
   * damaged or edited disk can make say less than the journal does, and what is cut is evidence.
   */
  static void cutTornWarcTails(Path dir, Index index, List<Repair> repairs) throws IOException {
    Path warcDir = dir.resolve(Store.WARC_DIR);
    if (!Files.isDirectory(warcDir)) {
      return;
    }
    try (Stream<Path> files = Files.list(warcDir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".warc.gz")).sorted().toList()) {
        String name = file.getFileName().toString();
        long indexed = index.meta("warc_end:" + name).map(Long::parseLong).orElse(0L);
        long end = indexed;
        if (Files.size(file) > indexed) {
          end = Math.max(indexed, JournalReader.warcEnd(dir.resolve(Store.JOURNAL), name, firstRunThatMayWrite(name)));
        }
        if (end > indexed) {
          // an index caught up with the journal knows every end its lines name: this one was damaged or edited
          log.warn("{}: index.db says the journaled records of {} end at byte {}, the journal says {}: index.db is "
              + "damaged or was edited, and nothing journaled was cut; citewatch audit --reindex rebuilds it",
              dir, Store.WARC_DIR + "/" + name, indexed, end);
        }
        WarcFiles.cutTornTail(file, end).ifPresent(repairs::add);
      }
    }
  }

  /**
   * No run that started before this wrote into the file: two days before the file's own day (UTC),
   * for a run that went on past midnight and a clock that was set back. A file of another name
   * may have been written by any run.
   */
  private static Instant firstRunThatMayWrite(String warcFile) {
    return WarcFiles.dayOf(warcFile).map(day -> day.minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant())
        .orElse(Instant.MIN);
  }

}
