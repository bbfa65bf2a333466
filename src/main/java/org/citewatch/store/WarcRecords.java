package org.citewatch.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Block;
import org.citewatch.model.Snapshot;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;

/** Reads one WARC record at its offset, the way the journal refers to it. */
final class WarcRecords {

  @FunctionalInterface
  interface Reading<T> {
    T read(WarcRecord record) throws IOException;
  }

  private WarcRecords() {}

  /** The blocks of a conversion record, as citewatch wrote them. */
  static List<Block> blocks(Path warcDir, String file, long offset) throws IOException {
    return blocks(conversion(warcDir, file, offset));
  }

  /**
   * The body of a conversion record, byte for byte. Its digest is not computed: a check reads its
   * baseline's blocks back, and {@code audit} is what checks the records' digests.
   */
  static byte[] conversion(Path warcDir, String file, long offset) throws IOException {
    return read(warcDir, file, offset, false, record -> record.body().stream().readAllBytes());
  }

  /** The blocks of a conversion record's body, read as a stream: a tree of every block cost twice as much. */
  static List<Block> blocks(byte[] conversion) throws IOException {
    List<Block> blocks = new ArrayList<>();
    try (JsonParser json = Json.MAPPER.getFactory().createParser(conversion)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return blocks;
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        if (field.equals("blocks") && value == JsonToken.START_ARRAY) {
          while (json.nextToken() == JsonToken.START_OBJECT) {
            blocks.add(block(json));
          }
        } else {
          json.skipChildren();
        }
      }
    }
    return blocks;
  }

  private static Block block(JsonParser json) throws IOException {
    String kind = "";
    String text = "";
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      if (!json.nextToken().isScalarValue()) {
        json.skipChildren();
      } else if (field.equals("kind")) {
        kind = json.getValueAsString("");
      } else if (field.equals("text")) {
        text = json.getValueAsString("");
      }
    }
    return new Block(Block.Kind.ofLabel(kind), text);
  }

  /** The record at an offset, with its block digest computed as it is read. */
  static <T> T at(Path warcDir, String file, long offset, Reading<T> reading) throws IOException {
    return read(warcDir, file, offset, true, reading);
  }

  private static <T> T read(Path warcDir, String file, long offset, boolean digest, Reading<T> reading)
      throws IOException {
    Path path = warcDir.resolve(file);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.position(offset);
      try (WarcReader reader = new WarcReader(channel)) {
        if (digest) {
          reader.calculateBlockDigest();
        }
        WarcRecord record = reader.next()
            .orElseThrow(() -> new IOException("no WARC record at " + file + "@" + offset));
        return reading.read(record);
      }
    }
  }

  /**
   * The answer a check's record names: a capture's record offset is its request's, which the
   * response follows; an unchanged check's is its revisit's.
   */
  static <T> T answerAt(Path warcDir, String file, long offset, Reading<T> reading) throws IOException {
    Path path = warcDir.resolve(file);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.position(offset);
      try (WarcReader reader = new WarcReader(channel)) {
        WarcRecord record = reader.next()
            .orElseThrow(() -> new IOException("no WARC record at " + file + "@" + offset));
        if (record instanceof WarcRequest) {
          record = reader.next().orElseThrow(
              () -> new IOException("no answer after the request at " + file + "@" + offset));
        }
        return reading.read(record);
      }
    }
  }

  /**
   * The response a snapshot was made from, read back from its WARC record: to extract it again
   * when the source's rules change.
   */
  static Exchange exchange(Path warcDir, Snapshot snapshot) throws IOException {
    Path file = warcDir.resolve(snapshot.warcFile());
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
        http.headers().map().forEach((name, values) ->
            values.forEach(v -> headers.add(new Exchange.Header(name, v))));
        byte[] decoded = http.bodyDecoded().stream().readAllBytes();
        return new Exchange(URI.create(snapshot.url()), new byte[0], http.status(), http.reason(), headers,
            http.serializeHeader(), decoded, decoded);
      }
    }
  }
}
