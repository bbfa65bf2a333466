package org.citewatch.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.mapdb.volume.Volume;

/**
 * index.db written in whole commits. MapDB writes its file only inside a commit, which ends with a
 * sync; here a commit's writes are held as changed pages until then (or until {@code maxChanged}
 * pages are held), the old bytes of those pages are journaled and forced ({@link UndoLog}), and
 * only then are the pages written to the file. A kill at any moment leaves either the commit
 * before, or a journal that undoes what was written of this one, at the next open.
 *
 * <p>Only one thread writes at a time: MapDB holds all its locks through a commit. Reads, from any
 * thread, see the commit's pages as they are held.
 */
final class JournaledVolume extends PagedVolume {

  private final UndoLog undo;
  private final int maxChanged;
  private final ConcurrentMap<Long, Changed> changed = new ConcurrentHashMap<>();
  private final SortedMap<Long, byte[]> unjournaled = new TreeMap<>();
  private final Set<Long> journaled = new HashSet<>();
  private long lengthBefore = -1;
  private volatile long changedEnd;
  private volatile boolean writeThrough;

  /** A page as the commit leaves it, and where its bytes end: past the file's end, only as far as written. */
  private static final class Changed {
    final byte[] bytes;
    int end;

    Changed(byte[] bytes, int end) {
      this.bytes = bytes;
      this.end = end;
    }
  }

  JournaledVolume(Volume file, int maxChanged, UndoLog undo) {
    super(file);
    this.maxChanged = maxChanged;
    this.undo = undo;
  }

  @Override
  public void getData(long offset, byte[] bytes, int bytesPos, int size) {
    if (changed.isEmpty()) {
      file.getData(offset, bytes, bytesPos, size);
      return;
    }
    while (size > 0) {
      long page = offset >>> CachedVolume.PAGE_SHIFT;
      int at = (int) (offset & (CachedVolume.PAGE - 1));
      int take = Math.min(size, CachedVolume.PAGE - at);
      Changed held = changed.get(page);
      if (held != null) {
        System.arraycopy(held.bytes, at, bytes, bytesPos, take);
      } else {
        readFile(offset, bytes, bytesPos, take);
      }
      offset += take;
      bytesPos += take;
      size -= take;
    }
  }

  /** The file's bytes; those past its end and before a changed page's are zeros, as the file will hold them. */
  private void readFile(long offset, byte[] bytes, int bytesPos, int size) {
    int present = (int) Math.max(0, Math.min(size, file.length() - offset));
    if (present < size && offset + size <= changedEnd) {
      if (present > 0) {
        file.getData(offset, bytes, bytesPos, present);
      }
      Arrays.fill(bytes, bytesPos + present, bytesPos + size, (byte) 0);
    } else {
      file.getData(offset, bytes, bytesPos, size);
    }
  }

  private byte[] read(long offset, int size) {
    byte[] bytes = new byte[size];
    getData(offset, bytes, 0, size);
    return bytes;
  }

  @Override
  public long getLong(long offset) {
    return changed.isEmpty() ? file.getLong(offset) : ByteBuffer.wrap(read(offset, Long.BYTES)).getLong();
  }

  @Override
  public int getInt(long offset) {
    return changed.isEmpty() ? file.getInt(offset) : ByteBuffer.wrap(read(offset, Integer.BYTES)).getInt();
  }

  @Override
  public byte getByte(long offset) {
    return changed.isEmpty() ? file.getByte(offset) : read(offset, 1)[0];
  }

  /**
   * Whether commits go to the file as they are written, without the journal: for a rebuild, which
   * a kill leaves to be made again from the start, under a marker of its own ({@link Index#rebuilding}).
   */
  synchronized void writeThrough(boolean on) {
    if (lengthBefore >= 0) {
      throw new IllegalStateException("a commit is in progress");
    }
    writeThrough = on;
  }

  @Override
  public void putData(long offset, byte[] src, int srcPos, int srcSize) {
    if (writeThrough) {
      file.putData(offset, src, srcPos, srcSize);
    } else {
      hold(offset, src, srcPos, srcSize);
    }
  }

  @Override
  public void clear(long startOffset, long endOffset) {
    if (writeThrough) {
      file.clear(startOffset, endOffset);
    } else {
      hold(startOffset, null, 0, (int) (endOffset - startOffset));
    }
  }

  /** Changes the commit's copies of the pages from {@code offset} on: to {@code src}'s bytes, or zeros if null. */
  private synchronized void hold(long offset, byte[] src, int srcPos, int srcSize) {
    begin();
    changedEnd = Math.max(changedEnd, offset + srcSize);
    while (srcSize > 0) {
      long page = offset >>> CachedVolume.PAGE_SHIFT;
      int at = (int) (offset & (CachedVolume.PAGE - 1));
      int take = Math.min(srcSize, CachedVolume.PAGE - at);
      Changed held = changing(page);
      if (src == null) {
        Arrays.fill(held.bytes, at, at + take, (byte) 0);
      } else {
        System.arraycopy(src, srcPos, held.bytes, at, take);
        srcPos += take;
      }
      held.end = Math.max(held.end, at + take);
      offset += take;
      srcSize -= take;
    }
    if (changed.size() >= maxChanged) {
      spill();
    }
  }

  /** The commit's copy of a page, made from the file's bytes, which are kept to be journaled unless they were. */
  private Changed changing(long page) {
    Changed held = changed.get(page);
    if (held != null) {
      return held;
    }
    long start = page << CachedVolume.PAGE_SHIFT;
    int present = (int) Math.max(0, Math.min(CachedVolume.PAGE, file.length() - start));
    byte[] old = new byte[CachedVolume.PAGE];
    if (present > 0) {
      file.getData(start, old, 0, present);
    }
    // a page past the file's old end is undone by cutting the file back to it
    if (start < lengthBefore && !journaled.contains(page)) {
      unjournaled.put(page, old);
    }
    held = new Changed(old.clone(), present);
    changed.put(page, held);
    return held;
  }

  private void begin() {
    if (lengthBefore < 0) {
      lengthBefore = file.length();
    }
  }

  /** Journals the old bytes of the pages changed since the last spill, then writes the changed pages. */
  private void spill() {
    if (changed.isEmpty()) {
      return;
    }
    // the first spill starts the journal even with no old page in it: it holds the length to cut back to
    if (!unjournaled.isEmpty() || !undo.started()) {
      undo.append(lengthBefore, unjournaled);
      journaled.addAll(unjournaled.keySet());
      unjournaled.clear();
    }
    for (long page : new TreeSet<>(changed.keySet())) {
      Changed held = changed.get(page);
      file.putData(page << CachedVolume.PAGE_SHIFT, held.bytes, 0, held.end);
      changed.remove(page);
    }
    changedEnd = 0;
  }

  @Override
  public void truncate(long size) {
    // MapDB's StoreWAL never cuts its file short; a commit that did could not be undone from its pages
    throw new UnsupportedOperationException("a file written in whole commits is not cut short");
  }

  @Override
  public synchronized void ensureAvailable(long offset) {
    // at once: it only adds zeros past the end, which cutting the file to its old length undoes
    if (!writeThrough) {
      begin();
    }
    file.ensureAvailable(offset);
  }

  /** The end of a commit: its pages journaled and written, forced, and then its journal deleted. */
  @Override
  public synchronized void sync() {
    if (lengthBefore >= 0) {
      spill();
      file.sync();
      undo.delete();
      journaled.clear();
      lengthBefore = -1;
    } else {
      file.sync();
    }
  }

  @Override
  public long length() {
    return Math.max(file.length(), changedEnd);
  }

  /**
   * Closes the file. A commit that has not reached its sync is not finished: its pages not written
   * yet are dropped, and a journal of those it wrote stays, for the next open to undo.
   */
  @Override
  public synchronized void close() {
    changed.clear();
    undo.close();
    lengthBefore = -1;
    closed.set(true);
    file.close();
  }

  @Override
  public void deleteFile() {
    file.deleteFile();
    undo.delete();
  }
}
