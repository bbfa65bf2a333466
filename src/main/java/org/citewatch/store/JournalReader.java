package org.citewatch.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.citewatch.model.Digests;

/** Reads journal.jsonl line by line, for the commands that read the record without writing. */
public final class JournalReader {

  /**
   * A journal line: its number in the file, its exact text, what it says (empty when it is not a
   * journal line), and the byte where it starts.
   */
  public record Line(long number, String text, Optional<Journal.Entry> entry, long offset) {

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

  /**
   * How a line of this kind names its type, {@code "type":"check"}: what a line is searched for before it is parsed.
   */
  static String typeField(Class<? extends Event> kind) {
    for (JsonSubTypes.Type type : Event.class.getAnnotation(JsonSubTypes.class).value()) {
      if (type.value() == kind) {
        return "\"type\":\"" + type.name() + "\"";
      }
    }
    throw new IllegalArgumentException(kind + " is not a journal event");
  }

  /**
   * Called, in order, with at most {@code limit} lines from byte {@code offset} (a line's start) on,
   * numbered from {@code firstNumber}: a catch-up reads only what was written after a checkpoint.
   */
  static void forEachFrom(Path journal, long offset, long firstNumber, Visitor visitor, long limit) throws IOException {
    read(journal, offset, firstNumber, "", visitor, limit);
  }

  /**
   * Called, in order, with only the lines whose text contains {@code mentioned} (a source's id, an
   * event's type): the others are neither decoded nor parsed, which is most of the cost of reading
   * a long journal.
   */
  public static void forEach(Path journal, String mentioned, Visitor visitor) throws IOException {
    try {
      read(journal, 0, 1, mentioned, visitor, Long.MAX_VALUE);
    } catch (NoSuchFileException e) {
      // an empty store: nothing has happened yet
    }
  }

  /** The lines that start at these offsets, in the order given: what the index says a source's lines are. */
  static void forEachAt(Path journal, List<Long> offsets, Visitor visitor) throws IOException {
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      LineSplitter lines = new LineSplitter(channel, 0, 1, new byte[0], 8 * 1024);
      for (long offset : offsets) {
        lines.seek(offset);
        Optional<Line> line = lines.next();
        if (line != null && line.isPresent()) {
          // read out of order, a line is numbered by what it says
          Line read = line.get();
          visitor.line(new Line(read.entry().map(Journal.Entry::seq).orElse(0L), read.text(), read.entry(),
              read.offset()));
        }
      }
    }
  }

  private static void read(Path journal, long offset, long firstNumber, String mentioned, Visitor visitor, long limit)
      throws IOException {
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      LineSplitter lines = new LineSplitter(channel, offset, firstNumber, mentioned.getBytes(StandardCharsets.UTF_8),
          1 << 20);
      for (long read = 0; read < limit; read++) {
        Optional<Line> line = lines.next();
        if (line == null) {
          return;
        }
        if (line.isPresent()) {
          visitor.line(line.get());
        }
      }
    }
  }

  /**
   * Lines cut where BufferedReader cuts them (LF, CR or CR LF), from bytes: a line is decoded only
   * when it holds the bytes asked for, and each keeps the offset where it starts.
   */
  private static final class LineSplitter {
    private final FileChannel channel;
    private final byte[] wanted;
    private byte[] buffer;
    private long bufferAt;
    private int start;
    private int end;
    private long number;
    private boolean eof;

    LineSplitter(FileChannel channel, long offset, long firstNumber, byte[] wanted, int size) {
      this.channel = channel;
      this.wanted = wanted;
      this.buffer = new byte[size];
      this.bufferAt = offset;
      this.number = firstNumber;
    }

    void seek(long offset) {
      bufferAt = offset;
      start = 0;
      end = 0;
      eof = false;
    }

    /** The next line if it holds the wanted bytes, empty if not, null at the end. */
    Optional<Line> next() throws IOException {
      int scan = start;
      while (true) {
        int cut = terminator(scan);
        if (cut >= 0 || (eof && end > start)) {
          int lineEnd = cut >= 0 ? cut : end;
          Optional<Line> line = holds(start, lineEnd) ? Optional.of(line(start, lineEnd)) : Optional.empty();
          number++;
          start = cut < 0 ? end : buffer[cut] == '\r' && cut + 1 < end && buffer[cut + 1] == '\n' ? cut + 2 : cut + 1;
          return line;
        }
        if (eof) {
          return null;
        }
        // what was scanned needs no second look, but for a last CR that may begin a CR LF
        int scanned = Math.max(0, end - start - 1);
        fill();
        scan = start + scanned;
      }
    }

    // a CR as the last byte read may be the first half of CR LF: decided once more is read
    private int terminator(int from) {
      for (int i = from; i < end; i++) {
        byte b = buffer[i];
        if (b == '\n' || (b == '\r' && (i + 1 < end || eof))) {
          return i;
        }
      }
      return -1;
    }

    private void fill() throws IOException {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        bufferAt += start;
        end -= start;
        start = 0;
      }
      if (end == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end), bufferAt + end);
      if (read < 0) {
        eof = true;
      } else {
        end += read;
      }
    }

    private boolean holds(int from, int to) {
      if (wanted.length == 0) {
        return true;
      }
      byte first = wanted[0];
      for (int i = from, last = to - wanted.length; i <= last; i++) {
        if (buffer[i] == first && Arrays.equals(buffer, i, i + wanted.length, wanted, 0, wanted.length)) {
          return true;
        }
      }
      return false;
    }

    private Line line(int from, int to) {
      String text = new String(buffer, from, to - from, StandardCharsets.UTF_8);
      return new Line(number, text, Journal.Entry.parse(text), bufferAt + from);
    }
  }

  /**
   * The journal's head as {@code LINE:SHA256} (its last whole line's number and digest), read from its
   * end; empty for an empty journal. Copies of it outside the store let {@code audit --expect-head}
   * tell when lines were later removed from the end or rewritten.
   */
  public static Optional<String> head(Path journal) throws IOException {
    return headAt(journal, -1);
  }

  /** The head the journal had when it ended at byte {@code end} (-1: where it ends now). */
  static Optional<String> headAt(Path journal, long end) throws IOException {
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      Backwards lines = new Backwards(channel, end < 0 ? channel.size() : end, 64 * 1024);
      // first what follows the last line break (nothing, or a line cut short), then the last whole line
      if (!lines.next() || !lines.next()) {
        return Optional.empty();
      }
      return Journal.Envelope.parse(lines.text()).map(line -> line.seq() + ":" + Digests.hex(lines.bytes()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** The last event of a kind, read from the journal's end: it costs the same however long the history. */
  public static Optional<Journal.Entry> last(Path journal, Class<? extends Event> kind) throws IOException {
    return last(journal, kind, 64 * 1024);
  }

  static Optional<Journal.Entry> last(Path journal, Class<? extends Event> kind, int chunk) throws IOException {
    return lastReading(journal, chunk, List.of(typeField(kind)),
        (text, start) -> Journal.Entry.parse(text).filter(e -> kind.isInstance(e.event())));
  }

  /**
   * What {@code reading} makes of the last line that names one of {@code types} and that it reads
   * as something, scanning from the journal's end; given each such line's text and where it starts.
   */
  private static <T> Optional<T> lastReading(Path journal, int chunk, List<String> types,
      BiFunction<String, Long, Optional<T>> reading) throws IOException {
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      Backwards lines = new Backwards(channel, channel.size(), chunk);
      while (lines.next()) {
        String text = lines.text();
        Optional<T> found = types.stream().anyMatch(text::contains) ? reading.apply(text, lines.start())
            : Optional.empty();
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Where the last record that the journal's lines say they wrote into a WARC file ends (0: none),
   * read from the journal's end back to the first run that started before {@code since}: a run
   * that started earlier wrote no record into a file of a later day, so the scan costs the nights
   * since the file's day, not the history.
   */
  static long warcEnd(Path journal, String file, Instant since) throws IOException {
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      Backwards lines = new Backwards(channel, channel.size(), 64 * 1024);
      String named = "\"" + file + "\"";
      String runStarted = typeField(Event.RunStarted.class);
      long end = 0;
      while (lines.next()) {
        String text = lines.text();
        Optional<Journal.Entry> entry = text.contains(named) || text.contains(runStarted)
            ? Journal.Entry.parse(text) : Optional.empty();
        if (entry.isEmpty()) {
          continue;
        }
        for (WarcRef record : entry.get().event().written()) {
          if (record.file().equals(file)) {
            end = Math.max(end, record.end());
          }
        }
        if (entry.get().event() instanceof Event.RunStarted && entry.get().time().isBefore(since)) {
          break;
        }
      }
      return end;
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  /** A line found from the journal's end, by its envelope alone: its number, time and type, and where it starts. */
  record Mark(Journal.Envelope envelope, long offset) {}

  /** The last line of any of these kinds, read without binding its event. */
  static Optional<Mark> lastOf(Path journal, List<Class<? extends Event>> kinds) throws IOException {
    return lastReading(journal, 64 * 1024, kinds.stream().map(JournalReader::typeField).toList(),
        (text, start) -> Journal.Envelope.parse(text).filter(e -> kinds.stream().anyMatch(e::is))
            .map(envelope -> new Mark(envelope, start)));
  }

  /**
   * The lines before a byte of the journal, from the last towards the first, read a chunk at a time
   * from the end: what follows the last line break first (a line cut short, or nothing), then each
   * whole line. A line is cut at '\n' bytes, which never occur inside a UTF-8 sequence.
   */
  private static final class Backwards {
    private final FileChannel channel;
    private final int chunk;
    // held is the file from position on, read so far; held[0, end) are the lines not given yet
    private long position;
    private byte[] held = new byte[0];
    private int end;
    private int from;
    private int to;
    private boolean done;

    Backwards(FileChannel channel, long end, int chunk) {
      this.channel = channel;
      this.chunk = chunk;
      this.position = end;
    }

    /** Moves to the line before the one given last; false once the journal's start was given. */
    boolean next() throws IOException {
      while (!done) {
        for (int i = end - 1; i >= 0; i--) {
          if (held[i] == '\n') {
            from = i + 1;
            to = end;
            end = i;
            return true;
          }
        }
        if (position == 0) {
          from = 0;
          to = end;
          done = true;
          return true;
        }
        int length = (int) Math.min(chunk, position);
        position -= length;
        byte[] more = Arrays.copyOf(read(channel, position, length), length + end);
        System.arraycopy(held, 0, more, length, end);
        held = more;
        end += length;
      }
      return false;
    }

    String text() {
      return new String(held, from, to - from, StandardCharsets.UTF_8);
    }

    byte[] bytes() {
      return Arrays.copyOfRange(held, from, to);
    }

    /** Where the line starts in the file. */
    long start() {
      return position + from;
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

  public static List<Line> all(Path journal, Class<? extends Event> kind) throws IOException {
    List<Line> lines = new ArrayList<>();
    forEach(journal, kind, lines::add);
    return lines;
  }
}
