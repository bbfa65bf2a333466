package org.citewatch.store;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Digests;
import org.citewatch.model.Settings;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.Warcinfo;
import org.slf4j.LoggerFactory;

/**
 * The WARC evidence files, one a day ({@code warc/2026-11-21.warc.gz}), append-only, one gzip
 * member a record, so that any WARC tool reads them and a record can be read alone from its offset.
 */
final class WarcFiles implements Closeable {

  /** Where the records of one capture were written. Offsets are those of each record's gzip member. */
  record Written(String file, long requestOffset, long responseOffset, long conversionOffset, long end,
      String responseRecordId) {}

  private static final MediaType CONVERSION_TYPE = MediaType.parse("application/json");

  private final Path dir;
  private LocalDate day;
  private FileChannel channel;
  private GroupCommit commit;

  WarcFiles(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /** Writes request and response, and the extracted blocks as a conversion record. */
  Written capture(Instant date, Exchange exchange, byte[] conversion) throws IOException {
    return write(date, exchange, conversion, false);
  }

  /**
   * Writes request and response only: an answer that is not the page, or a redirect.
   *
   * @param truncated the body is only the first bytes of what was sent: the record says so (WARC-Truncated: length)
   */
  Written capture(Instant date, Exchange exchange, boolean truncated) throws IOException {
    return write(date, exchange, NO_CONVERSION, truncated);
  }

  private static final byte[] NO_CONVERSION = new byte[0];

  /**
   * The records are compressed before the file's lock is taken, appended under it, and made
   * durable by a group commit shared with the checks running alongside.
   *
   * @param conversion the conversion record's body; empty for none (a conversion's JSON never is)
   */
  private Written write(Instant date, Exchange exchange, byte[] conversion, boolean truncated) throws IOException {
    URI target = exchange.url();
    UUID responseId = UUID.randomUUID();
    byte[] request = request(exchange, date, responseId);
    byte[] block = concat(exchange.responseHead(), exchange.body());
    WarcResponse.Builder responseRecord = new WarcResponse.Builder(target)
        .version(MessageVersion.WARC_1_1)
        .recordId(responseId)
        .date(date)
        .setHeader(BLOCK_DIGEST, sha256(block))
        .setHeader(PAYLOAD_DIGEST, digest(exchange.payloadSha256()))
        .body(MediaType.HTTP_RESPONSE, block)
        ;
    if (truncated) {
      responseRecord.setHeader("WARC-Truncated", "length");
    }
    byte[] response = GzipMember.of(responseRecord.build());
    byte[] converted = conversion.length == 0 ? new byte[0] : GzipMember.of(new WarcConversion.Builder()
        .version(MessageVersion.WARC_1_1)
        .date(date)
        .setHeader("WARC-Target-URI", target.toString())
        .refersTo(urn(responseId))
        .setHeader(BLOCK_DIGEST, sha256(conversion))
        .body(CONVERSION_TYPE, conversion)
        .build());
    Appended at = append(date, request, response, converted);
    syncTo(at.file(), at.end());
    long requestOffset = at.offset();
    long responseOffset = requestOffset + request.length;
    long conversionOffset = conversion.length == 0 ? -1 : responseOffset + response.length;
    return new Written(at.file(), requestOffset, responseOffset, conversionOffset, at.end(),
        urn(responseId).toString());
  }

  /** The record an unchanged answer refers to: the response that holds the body. */
  record Original(String recordId, URI uri, Instant date, byte[] payloadSha256) {}

  /**
   * An unchanged page: a revisit record with the answer's headers, pointing at the response that
   * holds the body, then the request that got it. A 304 is a {@code server-not-modified} revisit;
   * a 200 with the same body an {@code identical-payload-digest} one. Either way its payload digest
   * is the original's, as WARC 1.1 says, so that a replay tool finds the body by it.
   */
  Written revisit(Instant date, Exchange exchange, Original original, boolean notModified) throws IOException {
    UUID revisitId = UUID.randomUUID();
    byte[] record = GzipMember.of(new WarcRevisit.Builder(exchange.url(),
        notModified ? WarcRevisit.SERVER_NOT_MODIFIED_1_1 : WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1)
        .version(MessageVersion.WARC_1_1)
        .recordId(revisitId)
        .date(date)
        .refersTo(URI.create(original.recordId()), original.uri(), original.date())
        .setHeader(PAYLOAD_DIGEST, digest(original.payloadSha256()))
        .setHeader(BLOCK_DIGEST, sha256(exchange.responseHead()))
        .body(MediaType.HTTP_RESPONSE, exchange.responseHead())
        .build());
    byte[] request = request(exchange, date, revisitId);
    // the revisit first: the journal's record offset names it, and the request follows it
    Appended at = append(date, record, request);
    syncTo(at.file(), at.end());
    return new Written(at.file(), at.offset() + record.length, at.offset(), -1, at.end(), original.recordId());
  }

  /** The request that got {@code exchange}'s answer, concurrent to the record {@code answerId} holds it in. */
  private static byte[] request(Exchange exchange, Instant date, UUID answerId) throws IOException {
    return GzipMember.of(new WarcRequest.Builder(exchange.url())
        .version(MessageVersion.WARC_1_1)
        .date(date)
        .concurrentTo(urn(answerId))
        .setHeader(BLOCK_DIGEST, sha256(exchange.requestHead()))
        .body(MediaType.HTTP_REQUEST, exchange.requestHead())
        .build());
  }

  private record Appended(String file, long offset, long end) {}

  private synchronized Appended append(Instant date, byte[]... records) throws IOException {
    open(date);
    long offset = channel.position();
    write(records);
    return new Appended(fileName(), offset, channel.position());
  }

  private void write(byte[]... records) throws IOException {
    for (byte[] record : records) {
      ByteBuffer buffer = ByteBuffer.wrap(record);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  /** Returns once the file holds everything up to {@code end} on disk (a file of an earlier day is, once closed). */
  private void syncTo(String file, long end) throws IOException {
    GroupCommit current;
    synchronized (this) {
      if (!file.equals(fileName())) {
        return;
      }
      current = commit;
    }
    current.syncTo(end);
  }

  private void open(Instant date) throws IOException {
    LocalDate today = LocalDate.ofInstant(date, ZoneOffset.UTC);
    if (today.equals(day) && channel != null) {
      return;
    }
    close();
    day = today;
    Path file = dir.resolve(fileName());
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.position(channel.size());
    commit = new GroupCommit(channel, 0);
    if (fresh) {
      write(GzipMember.of(new Warcinfo.Builder()
          .version(MessageVersion.WARC_1_1)
          .date(date)
          .filename(fileName())
          .fields(Map.of("software", List.of("citewatch/" + Settings.VERSION),
              "format", List.of("WARC File Format 1.1"),
              "conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
              "description", List.of("Official pages captured by citewatch as evidence of what they said")))
          .build()));
    }
  }

  Path dir() {
    return dir;
  }

  String fileName() {
    return day + ".warc.gz";
  }

  /** The day (UTC) whose records a file of that name holds; empty for a name citewatch does not give. */
  static Optional<LocalDate> dayOf(String fileName) {
    Matcher day = DAY_FILE.matcher(fileName);
    if (!day.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(day.group(1)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static final Pattern DAY_FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.warc\\.gz");

  private static String sha256(byte[] data) {
    return digest(Digests.sha256().digest(data));
  }

  private static final String BLOCK_DIGEST = "WARC-Block-Digest";
  private static final String PAYLOAD_DIGEST = "WARC-Payload-Digest";

  /**
   * A SHA-256 digest as a WARC field, in hexadecimal, written as it is: jwarc writes a digest object
   * in base32 with "=" padding, which is no token character (WARC 1.1's grammar and jwarc's own
   * validator reject it), and base32 without it does not compare equal to the digest a reader
   * computes. Hexadecimal is a token and compares equal.
   */
  static String digest(byte[] sha256) {
    return "sha256:" + HexFormat.of().formatHex(sha256);
  }

  /**
   * Cuts a WARC file back to the end of its last record the journal knows of: anything past it was
   * written by a run killed before it could journal the record, so no check ever reported it.
   */
  static Optional<Repair> cutTornTail(Path file, long journaledEnd) throws IOException {
    if (!Files.exists(file) || Files.size(file) <= journaledEnd) {
      return Optional.empty();
    }
    long size = Files.size(file);
    String digest;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer cut = ByteBuffer.allocate((int) Math.min(size - journaledEnd, 64L * 1024 * 1024));
      channel.read(cut, journaledEnd);
      digest = HexFormat.of().formatHex(Digests.sha256().digest(Arrays.copyOf(cut.array(), cut.position())));
      channel.truncate(journaledEnd);
      channel.force(true);
    }
    LoggerFactory.getLogger(WarcFiles.class).warn(
        "{}: cut {} bytes past the last journaled record (left by an interrupted run; no check had reported them)",
        file, size - journaledEnd);
    return Optional.of(new Repair("WARC bytes past the last journaled record cut (left by an interrupted run)",
        Store.WARC_DIR + "/" + file.getFileName() + "@" + journaledEnd, size - journaledEnd, digest));
  }

  private static URI urn(UUID id) {
    return URI.create("urn:uuid:" + id);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.force(true);
      channel.close();
      channel = null;
    }
  }
}
