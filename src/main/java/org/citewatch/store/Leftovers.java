package org.citewatch.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.citewatch.model.Digests;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Records a killed run wrote and never journaled, between records it did journal (checks run side
 * by side, and one was killed mid-way while another finished): the tail past the last journaled
 * record is cut at open, but these stay, and are told of as a repair so that the journal names
 * every byte of the evidence.
 */
final class Leftovers {

  private Leftovers() {}

  static List<Repair> ofInterruptedRun(Path dir) throws IOException {
    Path journal = dir.resolve(Store.JOURNAL);
    // the journal's last run mark: a run-finished line says no run was cut short, and is read from
    // the end past the few lines after it, not past the whole run to its run-started line
    Optional<JournalReader.Mark> mark = JournalReader.lastOf(journal,
        List.of(Event.RunStarted.class, Event.RunFinished.class));
    if (mark.isEmpty() || !mark.get().envelope().is(Event.RunStarted.class)) {
      return List.of();
    }
    JournalReader.Mark started = mark.get();
    Instant runStart = started.envelope().time();
    LocalDate since = LocalDate.ofInstant(runStart, ZoneOffset.UTC);
    // Only the killed run's records can be its leftovers, and only its lines name them: the journal
    // is read from its run-started line, not from the first line of the history.
    JournaledRanges ranges = new JournaledRanges();
    JournalReader.forEachFrom(journal, started.offset(), started.envelope().seq(),
        line -> line.entry().ifPresent(entry -> ranges.accept(entry.event())), Long.MAX_VALUE);
    List<Repair> repairs = new ArrayList<>();
    Path warcDir = dir.resolve(Store.WARC_DIR);
    if (!Files.isDirectory(warcDir)) {
      return repairs;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(warcDir)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".warc.gz"))
          .filter(p -> !day(p).isBefore(since)).sorted().toList();
    }
    for (Path file : files) {
      repairs.addAll(orphansOf(file, ranges, runStart));
    }
    return repairs;
  }

  private static LocalDate day(Path file) {
    return WarcFiles.dayOf(file.getFileName().toString()).orElse(LocalDate.MAX);
  }

  /**
   * Runs of records no journal line names, each as one repair: where it starts, its bytes and their digest.
   *
   * @param runStart records dated before it are earlier runs': their lines lie before the killed run's
   */
  private static List<Repair> orphansOf(Path file, JournaledRanges ranges, Instant runStart) throws IOException {
    String name = file.getFileName().toString();
    List<long[]> runs = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        WarcReader reader = new WarcReader(channel)) {
      long[] open = null;
      for (Optional<WarcRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
        long at = reader.position();
        next.get().body().consume();
        boolean orphan = !(next.get() instanceof Warcinfo) && !next.get().date().isBefore(runStart)
            && !ranges.covered(name, at);
        if (orphan && open == null) {
          open = new long[] {at, -1};
        } else if (!orphan && open != null) {
          open[1] = at;
          runs.add(open);
          open = null;
        }
      }
      if (open != null) {
        open[1] = channel.size();
        runs.add(open);
      }
      List<Repair> repairs = new ArrayList<>();
      for (long[] run : runs) {
        ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(run[1] - run[0], 64L * 1024 * 1024));
        channel.read(bytes, run[0]);
        repairs.add(new Repair("records an interrupted check wrote and never journaled, kept as they are",
            Store.WARC_DIR + "/" + name + "@" + run[0], run[1] - run[0],
            Digests.hex(bytes.array(), bytes.position())));
      }
      return repairs;
    } catch (IOException | RuntimeException e) {
      // a file that cannot be read through is audit's to report, not recovery's to guess about
      return List.of();
    }
  }
}
