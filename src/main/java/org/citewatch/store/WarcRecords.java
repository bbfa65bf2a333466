package org.citewatch.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/** Reads one WARC record at its offset, the way the journal refers to it. */
final class WarcRecords {

  @FunctionalInterface
  interface Reading<T> {
    T read(WarcRecord record) throws IOException;
  }

  private WarcRecords() {}

  /** The blocks of a conversion record, as citewatch wrote them. */
  static java.util.List<org.citewatch.model.Block> blocks(Path warcDir, String file, long offset) throws IOException {
    com.fasterxml.jackson.databind.JsonNode conversion = at(warcDir, file, offset,
        record -> Json.MAPPER.readTree(((org.netpreserve.jwarc.WarcTargetRecord) record).body().stream()));
    java.util.List<org.citewatch.model.Block> blocks = new java.util.ArrayList<>();
    conversion.path("blocks").forEach(b -> blocks.add(new org.citewatch.model.Block(
        org.citewatch.model.Block.Kind.valueOf(b.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
        b.path("text").asText())));
    return blocks;
  }

  static <T> T at(Path warcDir, String file, long offset, Reading<T> reading) throws IOException {
    Path path = warcDir.resolve(file);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.position(offset);
      try (WarcReader reader = new WarcReader(channel)) {
        reader.calculateBlockDigest();
        WarcRecord record = reader.next()
            .orElseThrow(() -> new IOException("no WARC record at " + file + "@" + offset));
        return reading.read(record);
      }
    }
  }
}
