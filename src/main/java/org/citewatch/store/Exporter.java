package org.citewatch.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.citewatch.model.Settings;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * One WARC file for an auditor: the chosen sources' records, copied byte for byte (each is its own
 * gzip member), so their digests and record ids are the originals. A revisit travels with the
 * capture it refers to.
 */
public final class Exporter {

  /** What was written. */
  public record Exported(int records, long bytes) {}

  private record Range(String file, long from, long to) {
    static Range of(WarcRef ref) {
      return new Range(ref.file(), ref.offset(), ref.end());
    }
  }

  /**
   * Which records an export takes: the checks of these sources (all when none is named) from
   * {@code since} on (from the first capture when it is not given), with the captures they name.
   */
  public record Selection(Set<String> sources, Optional<Instant> since) {

    public Selection {
      sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
    }

    boolean chosen(String source) {
      return sources.isEmpty() || sources.contains(source);
    }

    boolean recent(Instant at) {
      return since.map(s -> !at.isBefore(s)).orElse(true);
    }
  }

  private final Records records;

  public Exporter(Path dir) {
    this.records = new Records(dir);
  }

  public Exported export(Path target, Selection selection) throws IOException {
    Map<String, Range> captures = new HashMap<>();
    Set<Range> ranges = new LinkedHashSet<>();
    JournalReader.forEach(records.journal(), line -> {
      // an unchanged check's revisit names a capture of its own source: only the chosen ones are kept
      line.event(Event.SnapshotTaken.class).filter(taken -> selection.chosen(taken.source()))
          .ifPresent(taken -> captures.put(taken.snapshot(), Range.of(taken.records())));
      Optional<Event.Checked> check = line.event(Event.Checked.class).filter(c -> c.record().isPresent());
      if (check.isEmpty()) {
        return;
      }
      Event.Checked c = check.get();
      if (selection.chosen(c.sourceId()) && selection.recent(line.entry().get().time())) {
        String snapshot = c.snapshotId().orElse("");
        if (c.outcome() == Check.Outcome.UNCHANGED && captures.containsKey(snapshot)) {
          ranges.add(captures.get(snapshot));
        }
        ranges.add(Range.of(c.record().get()));
      }
    });
    return write(target, new ArrayList<>(ranges), selection);
  }

  /** Whether the file is to be gzipped, from its name: {@code .warc.gz} or {@code .warc}. */
  public static Optional<Boolean> gzipped(Path target) {
    String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".warc.gz") ? Optional.of(true) : name.endsWith(".warc") ? Optional.of(false)
        : Optional.empty();
  }

  private Exported write(Path target, List<Range> ranges, Selection selection) throws IOException {
    boolean gzip = gzipped(target).orElseThrow(() -> new IllegalArgumentException(
        target + ": name the file .warc.gz (compressed) or .warc (not compressed)"));
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    long bytes = 0;
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      new WarcWriter(out, gzip ? WarcCompression.GZIP : WarcCompression.NONE)
          .write(warcinfo(target, ranges, selection));
      for (Range range : ranges) {
        try (FileChannel in = FileChannel.open(records.warcDir().resolve(range.file()), StandardOpenOption.READ)) {
          if (gzip) {
            long position = range.from();
            while (position < range.to()) {
              position += in.transferTo(position, range.to() - position, out);
            }
          } else {
            // each record is its own gzip member: unpacked, the bytes are the record's own, digests and all
            ByteBuffer packed = ByteBuffer.allocate(Math.toIntExact(range.to() - range.from()));
            while (packed.hasRemaining() && in.read(packed, range.from() + packed.position()) >= 0) {
              // read on
            }
            try (InputStream members = new GZIPInputStream(new ByteArrayInputStream(packed.array()))) {
              ByteBuffer chunk = ByteBuffer.wrap(members.readAllBytes());
              while (chunk.hasRemaining()) {
                out.write(chunk);
              }
            }
          }
          bytes += range.to() - range.from();
        }
      }
      out.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    return new Exported(ranges.size(), bytes);
  }

  /** Where the export's records came from: the store, the choice of sources and time, the daily files. */
  private Warcinfo warcinfo(Path target, List<Range> ranges, Selection selection) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    fields.put("software", List.of("citewatch/" + Settings.VERSION));
    fields.put("format", List.of("WARC File Format 1.1"));
    fields.put("description", List.of("Records exported from a citewatch store, each copied unchanged"));
    fields.put("isPartOf", List.of(records.warcDir().getParent().toAbsolutePath().toString()));
    fields.put("citewatch-sources", List.of(selection.sources().isEmpty() ? "all"
        : String.join(" ", selection.sources())));
    fields.put("citewatch-since", List.of(selection.since().map(Instant::toString).orElse("the first capture")));
    fields.put("citewatch-daily-files", ranges.stream().map(Range::file).distinct().sorted().toList());
    return new Warcinfo.Builder()
        .version(MessageVersion.WARC_1_1)
        .date(Instant.now())
        .filename(target.getFileName().toString())
        .fields(fields)
        .build();
  }

}
