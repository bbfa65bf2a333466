package org.citewatch.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citewatch.model.Settings;
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

  private record Range(String file, long from, long to) {}

  private final Records records;

  public Exporter(Path dir) {
    this.records = new Records(dir);
  }

  public Exported export(Path target, Set<String> sources, Optional<Instant> since) throws IOException {
    Map<String, Range> captures = new HashMap<>();
    Set<Range> ranges = new LinkedHashSet<>();
    JournalReader.forEach(records.journal(), line -> {
      JsonNode e = line.event();
      if (e == null) {
        return;
      }
      // an unchanged check's revisit names a capture of its own source: only the chosen ones are kept
      if (line.type().equals("snapshot") && (sources.isEmpty() || sources.contains(e.path("source").asText()))) {
        captures.put(e.path("snapshot").asText(), new Range(e.path("warc").asText(), e.path("request_offset").asLong(),
            e.path("end_offset").asLong()));
      }
      if (!line.type().equals("check") || !e.path("record").isObject()) {
        return;
      }
      boolean chosen = sources.isEmpty() || sources.contains(e.path("source_id").asText());
      boolean recent = since.map(s -> !Instant.parse(e.path("time").asText()).isBefore(s)).orElse(true);
      if (chosen && recent) {
        String snapshot = e.path("snapshot_id").asText("");
        if (e.path("outcome").asText().equals("UNCHANGED") && captures.containsKey(snapshot)) {
          ranges.add(captures.get(snapshot));
        }
        JsonNode r = e.path("record");
        ranges.add(new Range(r.path("file").asText(), r.path("offset").asLong(), r.path("end").asLong()));
      }
    });
    return write(target, new ArrayList<>(ranges));
  }

  private Exported write(Path target, List<Range> ranges) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    long bytes = 0;
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      new WarcWriter(out, WarcCompression.GZIP).write(new Warcinfo.Builder()
          .version(org.netpreserve.jwarc.MessageVersion.WARC_1_1)
          .date(Instant.now())
          .filename(target.getFileName().toString())
          .fields(Map.of("software", List.of("citewatch/" + Settings.VERSION),
              "format", List.of("WARC File Format 1.1"),
              "description", List.of("Records exported from a citewatch store; each copied byte for byte")))
          .build());
      for (Range range : ranges) {
        try (FileChannel in = FileChannel.open(records.warcDir().resolve(range.file()), StandardOpenOption.READ)) {
          long position = range.from();
          while (position < range.to()) {
            position += in.transferTo(position, range.to() - position, out);
          }
          bytes += range.to() - range.from();
        }
      }
      out.force(true);
    }
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return new Exported(ranges.size(), bytes);
  }
}
