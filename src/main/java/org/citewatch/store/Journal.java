package org.citewatch.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.citewatch.model.Digests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit log, journal.jsonl: one JSON object a line, each carrying its sequence number and the
 * SHA-256 of the line before it, so that a deleted, edited or reordered line breaks the chain.
 * Each line is forced to disk before {@link #append} returns: a record exists once its line does.
 * The lines of a run's checks are not forced one by one: {@link #sync} forces them before the
 * index commits anything that names them, and the run's last line forces the rest.
 */
public final class Journal implements Closeable {

  public static final String GENESIS = "0".repeat(64);
  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  private final FileChannel channel;
  private final GroupCommit commit;
  private long seq;
  private String head;

  private Journal(FileChannel channel, long seq, String head) throws IOException {
    this.channel = channel;
    this.commit = new GroupCommit(channel, channel.size());
    this.seq = seq;
    this.head = head;
  }

  public static Journal open(Path file) throws IOException {
    return open(file, new ArrayList<>());
  }

  /** @param repairs where a torn last line dropped at open is told */
  static Journal open(Path file, List<Repair> repairs) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      String last = lastCompleteLine(channel, file, repairs);
      if (last == null) {
        return new Journal(channel, 0, GENESIS);
      }
      long seq = Envelope.parse(last).map(Envelope::seq).orElseThrow(() -> new IOException(
          file + ": its last line is not a journal line; citewatch audit names what is wrong with it"));
      return new Journal(channel, seq, Digests.hex(last.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Reads the last line that ends in a newline. A torn tail (a crash mid-write) is cut off here:
   * it was never committed, because a line counts only once it is whole.
   */
  private static String lastCompleteLine(FileChannel channel, Path file, List<Repair> repairs) throws IOException {
    long size = channel.size();
    if (size == 0) {
      return null;
    }
    int chunk = 64 * 1024;
    while (true) {
      long start = Math.max(0, size - chunk);
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
      channel.read(buffer, start);
      byte[] bytes = buffer.array();
      int end = bytes.length;
      if (bytes[end - 1] != '\n') {
        int cut = lastIndexOf(bytes, end - 1);
        long keep = cut < 0 ? start : start + cut + 1;
        if (cut >= 0 || start == 0) {
          log.warn("{}: dropping a torn last line ({} bytes) left by an interrupted run", file, size - keep);
          byte[] torn = Arrays.copyOfRange(bytes, (int) (keep - start), bytes.length);
          repairs.add(new Repair("a torn last journal line dropped (left by an interrupted run)",
              Store.JOURNAL + "@" + keep, size - keep, Digests.hex(torn)));
          channel.truncate(keep);
          channel.force(true);
          return lastCompleteLine(channel, file, repairs);
        }
      } else {
        int previous = lastIndexOf(bytes, end - 2);
        if (previous >= 0 || start == 0) {
          return new String(bytes, previous + 1, end - previous - 2, StandardCharsets.UTF_8);
        }
      }
      chunk *= 4;
    }
  }

  private static int lastIndexOf(byte[] bytes, int before) {
    for (int i = before - 1; i >= 0; i--) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /**
   * A journal line read back: its envelope (number, the SHA-256 of the line before, its time) and
   * the event it records.
   */
  public record Entry(long seq, String prev, Instant time, Event event) {

    /** The entry a line holds; empty for a line that is not one (torn, edited, not JSON). */
    public static Optional<Entry> parse(String text) {
      try {
        Optional<JsonNode> node = Envelope.tree(text);
        if (node.isEmpty()) {
          return Optional.empty();
        }
        Envelope envelope = Envelope.of(node.get());
        Event event = Json.MAPPER.treeToValue(node.get(), Event.class);
        return Optional.of(new Entry(envelope.seq(), envelope.prev(), envelope.time(), event));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * A line's envelope and the name of its event's type, without the event: what opening a store
   * asks of its last lines. Binding an event builds the deserializers of its type and of what it
   * holds, which a run that reads no other line never needs.
   */
  record Envelope(long seq, String prev, Instant time, String type) {

    /** The envelope of a line; empty for a line that is not one (torn, edited, not JSON). */
    static Optional<Envelope> parse(String text) {
      try {
        return tree(text).map(Envelope::of);
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    private static Optional<JsonNode> tree(String text) throws IOException {
      JsonNode node = Json.MAPPER.readTree(text);
      return node == null || !node.isObject() || !node.path("seq").canConvertToLong()
          || !node.path("time").isTextual() ? Optional.empty() : Optional.of(node);
    }

    private static Envelope of(JsonNode node) {
      return new Envelope(node.path("seq").asLong(), node.path("prev").asText(),
          Instant.parse(node.path("time").asText()), node.path("type").asText());
    }

    boolean is(Class<? extends Event> kind) {
      return JournalReader.typeField(kind).equals("\"type\":\"" + type + "\"");
    }
  }

  /**
   * Appends an event (its fields follow seq, prev, time, type) and returns once the line is on
   * disk. Appends are serialized, so the chain is a chain; the fsync is shared by every append
   * waiting for it (group commit).
   */
  public Entry append(Event event, Instant time) throws IOException {
    Appended appended = write(event, time);
    commit.syncTo(appended.end());
    return appended.entry();
  }

  /**
   * Appends a line that becomes durable with the next {@link #append}, for a line that means
   * nothing without the one that follows it: a snapshot line before its check line. A crash in
   * between loses the snapshot, which no finished check had reported; an fsync a check is saved.
   */
  Entry appendUnsynced(Event event, Instant time) throws IOException {
    return write(event, time).entry();
  }

  /** As {@link #appendUnsynced}, returning the byte where the line starts: the index keeps it for history and show. */
  long appendUnsyncedAt(Event event, Instant time) throws IOException {
    return write(event, time).start();
  }

  /** Returns once every line written so far is on disk: at once when they already are. */
  void sync() throws IOException {
    commit.syncTo(size());
  }

  private record Appended(Entry entry, long start, long end) {}

  private Appended write(Event event, Instant time) throws IOException {
    // The event is written outside the lock; under it, only its envelope is put before it. The
    // bytes are those of one object whose first fields are seq, prev and time.
    Optional<byte[]> written = CheckLines.write(event);
    byte[] body = written.isPresent() ? written.get() : Json.MAPPER.writeValueAsBytes(event);
    if (body.length < 2 || body[0] != '{' || body[1] == '}') {
      throw new IllegalStateException("an event writes as an object with a type: " + event);
    }
    long start;
    long end;
    Entry entry;
    synchronized (this) {
      entry = new Entry(seq + 1, head, time, event);
      byte[] envelope = ("{\"seq\":" + entry.seq() + ",\"prev\":\"" + entry.prev() + "\",\"time\":\"" + time + "\",")
          .getBytes(StandardCharsets.US_ASCII);
      byte[] line = new byte[envelope.length + body.length - 1];
      System.arraycopy(envelope, 0, line, 0, envelope.length);
      System.arraycopy(body, 1, line, envelope.length, body.length - 1);
      ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
      long position = channel.size();
      start = position;
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      seq++;
      head = Digests.hex(line);
      end = position;
    }
    return new Appended(entry, start, end);
  }

  /** The number of the last line written, 0 for an empty journal. */
  public synchronized long line() {
    return seq;
  }

  /** Where the last line written ends: the journal's length. */
  synchronized long size() throws IOException {
    return channel.size();
  }

  public synchronized String head() {
    return head;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
