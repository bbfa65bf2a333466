package org.citewatch.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
        sameLayout ? "does not match the journal" : "was written by an older citewatch");
    reindexer.rebuild(index);
  }

  static Index openIndex(Path dir) throws IOException {
    Path file = dir.resolve(Store.INDEX);
    try {
      return new Index(file);
    } catch (DBException.FileLocked e) {
      throw new StoreBusyException(dir + "/index.db is open in another citewatch process");
    } catch (DBException | IllegalStateException e) {
      log.warn("{}: index.db cannot be opened ({}); it is a cache, rebuilding it", dir, e.getMessage());
      for (String name : List.of(Store.INDEX, Store.INDEX + ".wal.0", Store.INDEX + ".wal.1", Store.INDEX + ".wal.2")) {
        Files.deleteIfExists(dir.resolve(name));
      }
      try (Stream<Path> wals = Files.list(dir)) {
        for (Path wal : wals.filter(p -> p.getFileName().toString().startsWith(Store.INDEX + ".wal")).toList()) {
          Files.deleteIfExists(wal);
        }
      }
      Index fresh = new Index(file);
      fresh.meta("journal_head", "rebuild");
      return fresh;
    }
  }

  /**
   * WARC bytes past the last record the journal names, cut. The index says where each file's
   * journaled records end, and a file that ends there needs nothing more; a file longer than that
   * is checked against the journal itself before a byte goes, because the index is a cache that a
   * damaged or edited disk can make say less than the journal does, and what is cut is evidence.
   */
  static List<Repair> cutTornWarcTails(Path dir, Index index) throws IOException {
    Path warcDir = dir.resolve(Store.WARC_DIR);
    List<Repair> repairs = new ArrayList<>();
    if (!Files.isDirectory(warcDir)) {
      return repairs;
    }
    try (Stream<Path> files = Files.list(warcDir)) {
      for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".warc.gz")).sorted().toList()) {
        String name = file.getFileName().toString();
        long end = index.meta("warc_end:" + name).map(Long::parseLong).orElse(0L);
        if (Files.size(file) > end) {
          end = Math.max(end, JournalReader.warcEnd(dir.resolve(Store.JOURNAL), name, firstRunThatMayWrite(name)));
        }
        WarcFiles.cutTornTail(file, end).ifPresent(repairs::add);
      }
    }
    return repairs;
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
