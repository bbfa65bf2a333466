package org.citewatch.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.zip.CRC32C;

/**
 * index.db's rollback journal, {@code index.db.undo}, as SQLite keeps one: before a commit changes
 * a page of index.db, the page's bytes as they were are in this file and forced to disk, so that a
 * kill in the middle of the commit can be undone at the next open. MapDB 3.0.10 copies a commit
 * into its file in place and never replays its own write-ahead log, so without this a kill there
 * left an unreadable file (25 of 30 kills), which costs a rebuild from the whole journal.
 *
 * <p>The file is a header (the file's length before the commit) and segments of whole pages, each
 * with its own checksum, appended as the commit spills. index.db is written only after the segment
 * that holds its pages' old bytes is on disk, so a segment cut short by a kill names no page that
 * was written yet: undoing applies every whole segment, ignores a torn one, cuts the file to its
 * old length and deletes the journal. A commit that reached its end deletes the journal.
 */
final class UndoLog {

  static final String SUFFIX = ".undo";
  private static final byte[] MAGIC = "CWUNDO01".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + Long.BYTES + Integer.BYTES;

  private static final int WRITE_SLICE = 64 * 1024;

  private final Path path;
  private FileChannel channel;

  UndoLog(Path indexFile) {
    this.path = pathOf(indexFile);
  }

  static Path pathOf(Path indexFile) {
    return indexFile.resolveSibling(indexFile.getFileName() + SUFFIX);
  }

  /**
   * Appends the old bytes of {@code pages} (page number to {@link CachedVolume#PAGE} bytes) and
   * forces them to disk; the first segment of a commit starts the file with {@code lengthBefore}.
   */
  void append(long lengthBefore, SortedMap<Long, byte[]> pages) {
    try {
      boolean first = channel == null;
      if (first) {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
      }
      ByteBuffer segment = ByteBuffer.allocate((first ? HEADER : 0) + Integer.BYTES
          + pages.size() * (Long.BYTES + CachedVolume.PAGE) + Integer.BYTES);
      if (first) {
        segment.put(MAGIC).putLong(lengthBefore).putInt(crc(segment.array(), 0, MAGIC.length + Long.BYTES));
      }
      int start = segment.position();
      segment.putInt(pages.size());
      for (Map.Entry<Long, byte[]> page : pages.entrySet()) {
        segment.putLong(page.getKey()).put(page.getValue());
      }
      segment.putInt(crc(segment.array(), start, segment.position() - start));
      segment.flip();
      // the JDK writes a heap buffer through a direct copy of it that the writing thread keeps: in
      // slices, a 2 MB segment costs each thread that commits 64 KB of native memory, not 2 MB
      for (int at = 0; at < segment.limit(); at += WRITE_SLICE) {
        ByteBuffer slice = segment.duplicate().position(at).limit(Math.min(segment.limit(), at + WRITE_SLICE));
        while (slice.hasRemaining()) {
          channel.write(slice);
        }
      }
      channel.force(true);
      if (first) {
        // the journal's name must outlast a power cut before index.db's first changed byte does
        forceDirectory(path.toAbsolutePath().getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** Whether this commit's journal was started. */
  boolean started() {
    return channel != null;
  }

  /** The commit reached the disk whole: its journal goes. */
  void delete() {
    close();
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  /** The commit was not finished: its journal stays, for the next open to undo. */
  void close() {
    try {
      if (channel != null) {
        channel.close();
        channel = null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Undoes the commit a kill interrupted, if {@code indexFile} has a journal: the pages it holds
   * are written back, the file cut to its old length (deleted if it was new), forced, and the
   * journal deleted. Applying it twice gives what applying it once does, so a kill here is undone
   * by the next open again.
   *
   * @return the number of pages written back, if there was a journal
   */
  static Optional<Integer> rollBack(Path indexFile) throws IOException {
    Path undo = pathOf(indexFile);
    if (!Files.exists(undo)) {
      return Optional.empty();
    }
    int restored = 0;
    try (InputStream raw = Files.newInputStream(undo);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      Optional<Long> lengthBefore = header(in);
      if (lengthBefore.isPresent() && Files.exists(indexFile)) {
        try (FileChannel file = FileChannel.open(indexFile, StandardOpenOption.WRITE)) {
          for (Optional<Map<Long, byte[]>> segment = segment(in); segment.isPresent(); segment = segment(in)) {
            for (Map.Entry<Long, byte[]> page : segment.get().entrySet()) {
              long at = page.getKey() << CachedVolume.PAGE_SHIFT;
              int length = (int) Math.min(CachedVolume.PAGE, lengthBefore.get() - at);
              if (length > 0) {
                ByteBuffer bytes = ByteBuffer.wrap(page.getValue(), 0, length);
                while (bytes.hasRemaining()) {
                  file.write(bytes, at + bytes.position());
                }
              }
              restored++;
            }
          }
          if (file.size() > lengthBefore.get()) {
            file.truncate(lengthBefore.get());
          }
          file.force(true);
        }
        if (lengthBefore.get() == 0) {
          // created by the commit that was cut short: no file is what there was
          Files.delete(indexFile);
        }
      }
    }
    Files.delete(undo);
    return Optional.of(restored);
  }

  /** The file's length before the commit; empty if the header was cut short, when nothing of index.db was written. */
  private static Optional<Long> header(DataInputStream in) throws IOException {
    byte[] header = new byte[HEADER];
    if (!readFully(in, header)) {
      return Optional.empty();
    }
    ByteBuffer read = ByteBuffer.wrap(header);
    boolean whole = Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        && read.getInt(MAGIC.length + Long.BYTES) == crc(header, 0, MAGIC.length + Long.BYTES);
    return whole ? Optional.of(read.getLong(MAGIC.length)) : Optional.empty();
  }

  /** The next whole segment's pages; empty at the end or at a segment a kill cut short. */
  private static Optional<Map<Long, byte[]>> segment(DataInputStream in) throws IOException {
    byte[] count = new byte[Integer.BYTES];
    if (!readFully(in, count)) {
      return Optional.empty();
    }
    int pages = ByteBuffer.wrap(count).getInt();
    if (pages < 0 || pages > (Integer.MAX_VALUE - 2 * Integer.BYTES) / (Long.BYTES + CachedVolume.PAGE)) {
      return Optional.empty();
    }
    byte[] body = new byte[Integer.BYTES + pages * (Long.BYTES + CachedVolume.PAGE) + Integer.BYTES];
    System.arraycopy(count, 0, body, 0, Integer.BYTES);
    if (!readRest(in, body)) {
      return Optional.empty();
    }
    ByteBuffer read = ByteBuffer.wrap(body);
    if (read.getInt(body.length - Integer.BYTES) != crc(body, 0, body.length - Integer.BYTES)) {
      return Optional.empty();
    }
    Map<Long, byte[]> found = new LinkedHashMap<>();
    read.position(Integer.BYTES);
    for (int i = 0; i < pages; i++) {
      long page = read.getLong();
      byte[] bytes = new byte[CachedVolume.PAGE];
      read.get(bytes);
      found.put(page, bytes);
    }
    return Optional.of(found);
  }

  private static boolean readRest(DataInputStream in, byte[] body) throws IOException {
    try {
      in.readFully(body, Integer.BYTES, body.length - Integer.BYTES);
      return true;
    } catch (EOFException cut) {
      return false;
    }
  }

  private static boolean readFully(DataInputStream in, byte[] bytes) throws IOException {
    try {
      in.readFully(bytes);
      return true;
    } catch (EOFException cut) {
      return false;
    }
  }

  private static int crc(byte[] bytes, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, length);
    return (int) crc.getValue();
  }

  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }
}
