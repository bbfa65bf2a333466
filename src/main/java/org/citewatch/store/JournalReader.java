package org.citewatch.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.citewatch.model.Digests;

/** Reads journal.jsonl line by line, for the commands that read the record without writing. */
public final class JournalReader {

  /** A journal line: its number in the file, its exact text, and what it says (empty when it is not a journal line). */
  public record Line(long number, String text, Optional<Journal.Entry> entry) {

    /** The line's event when it is of the given kind. */
    public <T extends Event> Optional<T> event(Class<T> kind) {
      return entry.map(Journal.Entry::event).filter(kind::isInstance).map(kind::cast);
    }
  }

  /** Called with each line in order; a line that is not a journal line arrives with an empty entry. */
  @FunctionalInterface
  public interface Visitor {
    void line(Line line) throws IOException;
  }

  private JournalReader() {}

  public static void forEach(Path journal, Visitor visitor) throws IOException {
    forEach(journal, "", visitor);
  }

  /** Called, in order, with the lines of one kind of event: the others are not parsed. */
  public static void forEach(Path journal, Class<? extends Event> kind, Visitor visitor) throws IOException {
    forEach(journal, typeField(kind), line -> {
      if (line.event(kind).isPresent()) {
        visitor.line(line);
      }
    });
  }

  /** How a line of this kind names its type, {@code "type":"check"}: what a line is searched for before it is parsed. */
  static String typeField(Class<? extends Event> kind) {
    for (JsonSubTypes.Type type : Event.class.getAnnotation(JsonSubTypes.class).value()) {
      if (type.value() == kind) {
        return "\"type\":\"" + type.name() + "\"";
      }
    }
    throw new IllegalArgumentException(kind + " is not a journal event");
  }

  /**
   * Called, in order, with only the lines whose text contains {@code mentioned} (a source's id, an
   * event's type): the others are not parsed, which is most of the cost of reading a long journal.
   */
  public static void forEach(Path journal, String mentioned, Visitor visitor) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String text; (text = reader.readLine()) != null; ) {
        number++;
        if (!text.contains(mentioned)) {
          continue;
        }
        visitor.line(new Line(number, text, Journal.Entry.parse(text)));
      }
    } catch (NoSuchFileException e) {
      // an empty store: nothing has happened yet
    }
  }

  /**
   * The journal's head as {@code LINE:SHA256} (its last whole line's number and digest), read from its
   * end; empty for an empty journal. Copies of it outside the store let {@code audit --expect-head}
   * tell when lines were later removed from the end or rewritten.
   */
  public static Optional<String> head(Path journal) throws IOException {
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      long end = channel.size();
      byte[] tail = new byte[0];
      long position = end;
      while (position > 0) {
        int length = (int) Math.min(64 * 1024, position);
        position -= length;
        byte[] bytes = Arrays.copyOf(read(channel, position, length), length + tail.length);
        System.arraycopy(tail, 0, bytes, length, tail.length);
        tail = bytes;
        int last = tail.length;
        while (last > 0 && tail[last - 1] != '\n') {
          last--;
        }
        int start = last - 1;
        while (start > 0 && tail[start - 1] != '\n') {
          start--;
        }
        if (last > 0 && (start > 0 || position == 0)) {
          String line = new String(tail, start, last - 1 - start, StandardCharsets.UTF_8);
          return Journal.Entry.parse(line)
              .map(entry -> entry.seq() + ":" + Digests.hex(line.getBytes(StandardCharsets.UTF_8)));
        }
      }
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The last event of a kind, read from the journal's end: it costs the same however long the history. */
  public static Optional<Journal.Entry> last(Path journal, Class<? extends Event> kind) throws IOException {
    return last(journal, kind, 64 * 1024);
  }

  static Optional<Journal.Entry> last(Path journal, Class<? extends Event> kind, int chunk) throws IOException {
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      long position = channel.size();
      // the start of a line that began before the chunk last read, kept until its beginning is read
      byte[] carry = new byte[0];
      while (position > 0) {
        int length = (int) Math.min(chunk, position);
        position -= length;
        byte[] bytes = Arrays.copyOf(read(channel, position, length), length + carry.length);
        System.arraycopy(carry, 0, bytes, length, carry.length);
        int end = bytes.length;
        for (int i = bytes.length - 1; i >= 0; i--) {
          if (bytes[i] == '\n') {
            Optional<Journal.Entry> event = ofKind(bytes, i + 1, end, kind);
            if (event.isPresent()) {
              return event;
            }
            end = i;
          }
        }
        carry = Arrays.copyOf(bytes, end);
      }
      return ofKind(carry, 0, carry.length, kind);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static byte[] read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new EOFException("journal.jsonl shrank while it was read");
      }
    }
    return buffer.array();
  }

  // A line is cut at '\n' bytes, which never occur inside a UTF-8 sequence: each one decodes whole.
  private static Optional<Journal.Entry> ofKind(byte[] bytes, int from, int to, Class<? extends Event> kind) {
    String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    if (!text.contains(typeField(kind))) {
      return Optional.empty();
    }
    return Journal.Entry.parse(text).filter(entry -> kind.isInstance(entry.event()));
  }

  public static List<Line> all(Path journal, Class<? extends Event> kind) throws IOException {
    List<Line> lines = new ArrayList<>();
    forEach(journal, kind, lines::add);
    return lines;
  }
}
