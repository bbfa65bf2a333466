package org.citewatch.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.mapdb.volume.ByteArrayVol;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;

/**
 * One of index.db's files through a cache of its whole pages, written through. MapDB's file
 * channel volume makes a system call of every field it reads or writes, a byte at a time for its
 * packed and six-byte numbers: a night's 1,000 checks made 133,000 preads of mostly 1 and 8 bytes,
 * and 20,000 one-byte pwrites. Memory-mapping the file ends them, but then a full disk kills the
 * JVM with SIGBUS and a file cut short reads as zeros.
 *
 * <p>Here every write still goes to the file at once, in the order MapDB makes it, so what is on
 * disk after a kill and what an fsync forces are as before; a read is served from a copy of the
 * page it falls in, made by one read of the file. Only whole pages are kept: the page at the end
 * of the file is read from it each time, so a read past the end still fails as the file channel's
 * does, and a file that grows never leaves a short copy behind. A page is loaded and written under
 * the same lock, so that no copy read before a write can be kept after it.
 */
final class CachedVolume extends PagedVolume {

  static final int PAGE_SHIFT = 12;
  static final int PAGE = 1 << PAGE_SHIFT;
  /** Pages kept of one file, 32 MB: 1,000 sources make an index.db of 3 MB in their first two runs. */
  static final int MAX_PAGES = 8192;
  private static final int STRIPES = 64;
  /**
   * Pages a commit of index.db holds before it journals and writes them: 2 MB, and as much of their
   * old bytes, which a rebuild in a 64 MB heap can spare.
   */
  static final int MAX_CHANGED = 512;
  // MapDB names its write-ahead logs after the store's file
  private static final Pattern WRITE_AHEAD_LOG = Pattern.compile(".*\\.wal\\.\\d+");

  /**
   * index.db, written in whole commits through a cache of its own, and its write-ahead logs in the
   * heap; {@code journaled} is given index.db's volume. MapDB writes a transaction's records to its
   * log and copies them into index.db at the commit, and never reads a log left by another process:
   * index.db's commits are made whole by its undo journal ({@link JournaledVolume}), so a log on
   * disk bought nothing but its writes, 20,000 system calls of ~60 bytes a night of 1,000 checks.
   */
  static VolumeFactory factory(Consumer<JournaledVolume> journaled) {
    return new VolumeFactory() {
      @Override
      public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize,
          boolean fixedSize) {
        if (WRITE_AHEAD_LOG.matcher(file).matches()) {
          return ByteArrayVol.FACTORY.makeVolume(file, readOnly, fileLockWait, sliceShift, initSize, fixedSize);
        }
        Volume cached = new CachedVolume(FileChannelVol.FACTORY.makeVolume(file, readOnly, fileLockWait, sliceShift,
            initSize, fixedSize), MAX_PAGES);
        if (readOnly) {
          return cached;
        }
        JournaledVolume volume = new JournaledVolume(cached, MAX_CHANGED, new UndoLog(Path.of(file)));
        journaled.accept(volume);
        return volume;
      }

      @Override
      public boolean exists(String file) {
        return FileChannelVol.FACTORY.exists(file);
      }

      @Override
      public boolean handlesReadonly() {
        return FileChannelVol.FACTORY.handlesReadonly();
      }
    };
  }

  private final int maxPages;
  private final ConcurrentMap<Long, Page> pages = new ConcurrentHashMap<>();
  private final Object[] locks = new Object[STRIPES];
  // The file's length as last asked, so that a page well inside it is loaded without asking again:
  // a file only grows, but by truncate, which sets it.
  private volatile long knownLength;

  /** A page's bytes, and whether they were read again since they were loaded or the last eviction passed them. */
  private static final class Page {
    final byte[] bytes;
    boolean used;

    Page(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  CachedVolume(Volume file, int maxPages) {
    super(file);
    this.maxPages = maxPages;
    this.knownLength = file.length();
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  private Object lock(long page) {
    return locks[(int) (page & (STRIPES - 1))];
  }

  /** The whole page, from the cache or read now; null if the page is the file's last, short one. */
  private byte[] page(long page) {
    Page held = pages.get(page);
    if (held != null) {
      held.used = true;
      return held.bytes;
    }
    synchronized (lock(page)) {
      held = pages.get(page);
      if (held != null) {
        return held.bytes;
      }
      long start = page << PAGE_SHIFT;
      if (knownLength < start + PAGE) {
        knownLength = file.length();
        if (knownLength < start + PAGE) {
          return null;
        }
      }
      byte[] read = new byte[PAGE];
      file.getData(start, read, 0, PAGE);
      if (pages.size() >= maxPages) {
        evict();
      }
      pages.put(page, new Page(read));
      return read;
    }
  }

  /**
   * Drops up to an eighth of the pages, those not read again since they were loaded or since the
   * last eviction passed them, and clears the mark of the others (a clock without a hand): the
   * file's header and MapDB's index pages, read by every lookup, stay. Past twice the limit, when
   * every page was read again, it drops whichever come first.
   */
  private void evict() {
    boolean over = pages.size() >= 2 * maxPages;
    int dropped = 0;
    Iterator<Page> all = pages.values().iterator();
    while (all.hasNext() && dropped < maxPages / 8) {
      Page page = all.next();
      if (page.used && !over) {
        page.used = false;
      } else {
        all.remove();
        dropped++;
      }
    }
  }

  /** Whether a copy of {@code page} is kept. */
  boolean holds(long page) {
    return pages.containsKey(page);
  }

  @Override
  public void getData(long offset, byte[] bytes, int bytesPos, int size) {
    while (size > 0) {
      long page = offset >>> PAGE_SHIFT;
      int at = (int) (offset & (PAGE - 1));
      int take = Math.min(size, PAGE - at);
      byte[] held = page(page);
      if (held == null) {
        file.getData(offset, bytes, bytesPos, size);
        return;
      }
      System.arraycopy(held, at, bytes, bytesPos, take);
      offset += take;
      bytesPos += take;
      size -= take;
    }
  }

  @Override
  public long getLong(long offset) {
    int at = (int) (offset & (PAGE - 1));
    byte[] held = at <= PAGE - Long.BYTES ? page(offset >>> PAGE_SHIFT) : null;
    if (held == null) {
      byte[] bytes = new byte[Long.BYTES];
      getData(offset, bytes, 0, Long.BYTES);
      return ByteBuffer.wrap(bytes).getLong();
    }
    return ByteBuffer.wrap(held).getLong(at);
  }

  @Override
  public int getInt(long offset) {
    int at = (int) (offset & (PAGE - 1));
    byte[] held = at <= PAGE - Integer.BYTES ? page(offset >>> PAGE_SHIFT) : null;
    if (held == null) {
      byte[] bytes = new byte[Integer.BYTES];
      getData(offset, bytes, 0, Integer.BYTES);
      return ByteBuffer.wrap(bytes).getInt();
    }
    return ByteBuffer.wrap(held).getInt(at);
  }

  @Override
  public byte getByte(long offset) {
    byte[] held = page(offset >>> PAGE_SHIFT);
    return held == null ? file.getByte(offset) : held[(int) (offset & (PAGE - 1))];
  }

  @Override
  public void putData(long offset, byte[] src, int srcPos, int srcSize) {
    long first = offset >>> PAGE_SHIFT;
    long last = (offset + Math.max(srcSize, 1) - 1) >>> PAGE_SHIFT;
    if (first == last) {
      synchronized (lock(first)) {
        file.putData(offset, src, srcPos, srcSize);
        copyIn(offset, src, srcPos, srcSize);
      }
      return;
    }
    // a write across pages keeps no copy of them from before it
    dropping(offset, offset + srcSize, () -> file.putData(offset, src, srcPos, srcSize));
  }

  /** Brings the copy of the page that {@code offset} falls in, if there is one, up to a write within it. */
  private void copyIn(long offset, byte[] src, int srcPos, int srcSize) {
    Page held = pages.get(offset >>> PAGE_SHIFT);
    if (held != null) {
      System.arraycopy(src, srcPos, held.bytes, (int) (offset & (PAGE - 1)), srcSize);
    }
  }

  @Override
  public void clear(long startOffset, long endOffset) {
    dropping(startOffset, endOffset, () -> file.clear(startOffset, endOffset));
  }

  @Override
  public void truncate(long size) {
    dropping(size, Long.MAX_VALUE, () -> {
      file.truncate(size);
      knownLength = size;
    });
  }

  @Override
  public void ensureAvailable(long offset) {
    // grows the file past its end: no whole page changes, and the last one is never kept
    file.ensureAvailable(offset);
  }

  /** Does {@code change} to the file with no copy kept of a page from {@code start} to {@code end}. */
  private void dropping(long start, long end, Runnable change) {
    drop(start, end);
    change.run();
    drop(start, end);
  }

  private void drop(long start, long end) {
    long first = start >>> PAGE_SHIFT;
    long last = end == Long.MAX_VALUE ? Long.MAX_VALUE : (end - 1) >>> PAGE_SHIFT;
    if (last - first < maxPages) {
      for (long page = first; page <= last; page++) {
        pages.remove(page);
      }
    } else {
      pages.keySet().removeIf(page -> page >= first && page <= last);
    }
  }

  @Override
  public void close() {
    pages.clear();
    closed.set(true);
    file.close();
  }

  @Override
  public void deleteFile() {
    file.deleteFile();
  }

  @Override
  public void sync() {
    file.sync();
  }

  @Override
  public long length() {
    return file.length();
  }
}
