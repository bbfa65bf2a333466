package org.citewatch.store;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.citewatch.extract.Extraction;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Block;
import org.citewatch.model.Digests;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;

/**
 * Writes a check's evidence to the WARC files: a new body with its conversion, an error answer, a
 * revisit of an unchanged page, the redirects on the way. Each says where its records lie, for the
 * check's journal line ({@link Store#check}), which is written after them.
 */
public final class Captures {

  /** Where the line of a new capture goes: the store journals it and indexes where it lies. */
  @FunctionalInterface
  interface SnapshotLog {
    void taken(Event.SnapshotTaken line, Instant at) throws IOException;
  }

  private final WarcFiles evidence;
  private final SnapshotLog log;

  Captures(WarcFiles evidence, SnapshotLog log) {
    this.evidence = evidence;
    this.log = log;
  }

  /** A new body stored: the snapshot it makes, and where its records lie. */
  public record Captured(Snapshot snapshot, WarcRef record) {}

  /**
   * Stores a new body with its extracted blocks and returns the snapshot it makes. Its journal line
   * is on disk once the check's line is ({@link Store#check}): a capture always ends in one.
   */
  public Captured capture(Source source, Exchange exchange, Extraction extraction, String contentDigest, Instant at)
      throws IOException {
    return capture(source, exchange, conversionBody(source, extraction), at, contentDigest,
        extraction.selectorMatched(), extraction.blocks(), Snapshot.textLength(extraction.blocks()));
  }

  /**
   * Stores a new body that reads as {@code baseline} (by the source's rules of today): its conversion
   * record is the baseline's body byte for byte, and its snapshot a reference, whose blocks are read
   * from that record when they are asked for ({@link Store#withBlocks}).
   *
   * @param conversion the baseline's conversion record body ({@link #conversionOf})
   */
  public Captured captureAsBefore(Source source, Exchange exchange, Snapshot baseline, byte[] conversion,
      Instant at) throws IOException {
    return capture(source, exchange, conversion, at, baseline.contentDigest(), baseline.selectorMatched(), List.of(),
        baseline.textLength());
  }

  /** The body of a snapshot's conversion record, as it lies in the WARC file. */
  public byte[] conversionOf(Snapshot snapshot) throws IOException {
    return WarcRecords.conversion(evidence.dir(), snapshot.warcFile(), snapshot.conversionOffset());
  }

  private Captured capture(Source source, Exchange exchange, byte[] conversion, Instant at, String contentDigest,
      boolean selectorMatched, List<Block> blocks, int textLength) throws IOException {
    WarcFiles.Written written = evidence.capture(at, exchange, conversion);
    String payloadDigest = exchange.payloadDigest();
    String id = snapshotId(source.id(), at, payloadDigest);
    Snapshot snapshot = new Snapshot(id, source.id(), at, exchange.url().toString(), exchange.status(),
        payloadDigest, contentDigest, written.file(), written.responseOffset(),
        written.conversionOffset(), written.responseRecordId(), selectorMatched, blocks, source.rules(), textLength);
    log.taken(Event.SnapshotTaken.of(snapshot, written, exchange.body().length), at);
    return new Captured(snapshot, new WarcRef(written.file(), written.requestOffset(), written.end()));
  }

  /** Keeps an error response (a 503 page, say) as evidence; it never becomes a baseline. */
  public WarcRef captureFailed(Exchange exchange, Instant at) throws IOException {
    return captureFailed(exchange, at, false);
  }

  /** @param truncated the body was cut at max_body: the response record says so */
  public WarcRef captureFailed(Exchange exchange, Instant at, boolean truncated) throws IOException {
    WarcFiles.Written written = evidence.capture(at, exchange, truncated);
    return new WarcRef(written.file(), written.requestOffset(), written.end());
  }

  /** Each redirect answer of a fetch as a request and response record, in order: the way to the page. */
  public List<WarcRef> redirects(List<Exchange> hops, Instant at) throws IOException {
    List<WarcRef> refs = new ArrayList<>();
    for (Exchange hop : hops) {
      WarcFiles.Written written = evidence.capture(at, hop, false);
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
    WarcFiles.Written written = evidence.revisit(at, exchange, new WarcFiles.Original(original.responseRecordId(),
        URI.create(original.url()), original.captured(), payload), notModified);
    return new WarcRef(written.file(), written.responseOffset(), written.end());
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
      // Jackson escapes an array of chars without String.charAt, which C1 checks a char at a time
      char[] text = new char[256];
      for (Block block : extraction.blocks()) {
        json.writeStartObject();
        json.writeStringField("kind", block.kind().label());
        int length = block.text().length();
        if (text.length < length) {
          text = new char[Math.max(length, 2 * text.length)];
        }
        block.text().getChars(0, length, text, 0);
        json.writeFieldName("text");
        json.writeString(text, 0, length);
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
}
