package org.citewatch.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Arrays;
import java.util.ArrayList;
import java.time.Instant;
import org.citewatch.model.Digests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit log, journal.jsonl: one JSON object a line, each carrying its sequence number and the
 * SHA-256 of the line before it, so that a deleted, edited or reordered line breaks the chain.
 * Each line is forced to disk before {@link #append} returns: a record exists once its line does.
 */
public final class Journal implements Closeable {

  public static final String GENESIS = "0".repeat(64);
  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  private final FileChannel channel;
  private final Object syncLock = new Object();
  private long seq;
  private String head;
  private long durable;

  private Journal(FileChannel channel, long seq, String head) {
    this.channel = channel;
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
      JsonNode node = Json.MAPPER.readTree(last);
      return new Journal(channel, node.path("seq").asLong(), Digests.hex(last.getBytes(StandardCharsets.UTF_8)));
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
   * Appends an event of the given type (its fields follow seq, prev, time, type) and returns once
   * the line is on disk. Appends are serialized, so the chain is a chain; the fsync is shared by
   * every append waiting for it (group commit).
   */
  public ObjectNode append(String type, Instant time, ObjectNode body) throws IOException {
    Appended appended = write(type, time, body);
    syncTo(appended.end());
    return appended.line();
  }

  /**
   * Appends a line that becomes durable with the next {@link #append}, for a line that means
   * nothing without the one that follows it: a snapshot line before its check line. A crash in
   * between loses the snapshot, which no finished check had reported; an fsync a check is saved.
   */
  ObjectNode appendUnsynced(String type, Instant time, ObjectNode body) throws IOException {
    return write(type, time, body).line();
  }

  private record Appended(ObjectNode line, long end) {}

  private Appended write(String type, Instant time, ObjectNode body) throws IOException {
    ObjectNode line = Json.MAPPER.createObjectNode();
    long end;
    synchronized (this) {
      line.put("seq", seq + 1);
      line.put("prev", head);
      line.put("time", time.toString());
      line.put("type", type);
      line.setAll(body);
      byte[] bytes = Json.MAPPER.writeValueAsBytes(line);
      ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) '\n').flip();
      long position = channel.size();
      while (buffer.hasRemaining()) {
        position += channel.write(buffer, position);
      }
      seq++;
      head = Digests.hex(bytes);
      end = position;
    }
    return new Appended(line, end);
  }

  private void syncTo(long end) throws IOException {
    synchronized (syncLock) {
      if (durable >= end) {
        return;
      }
      long target;
      synchronized (this) {
        target = channel.size();
      }
      channel.force(false);
      durable = target;
    }
  }

  /** The number of the last line written, 0 for an empty journal. */
  public synchronized long line() {
    return seq;
  }

  public synchronized String head() {
    return head;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
