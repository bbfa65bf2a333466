package org.citewatch.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Rising lists of journal offsets by key (a source, the start of a snapshot id), kept in the index in
 * chunks of {@value #CHUNK}: a list grows with every night of history, and a chunk written once
 * full is never read back to be extended. Appends wait in memory until the index commits: a
 * rebuild from a year of lines then costs a map write per chunk, not one per line.
 *
 * <p>A commit rewrites each key's last chunk, so chunks are small (a source adds two offsets a
 * night), and the number of a key's last chunk is written only when a new chunk starts: most keys
 * (a snapshot id's start) never have a second, and cost one map write.
 */
final class LineLists {

  static final int CHUNK = 64;
  private static final long[] NONE = new long[0];

  private final ConcurrentMap<String, long[]> chunks;
  private final Map<String, List<Long>> pending = new ConcurrentHashMap<>();
  // An offset from here on is a line written since the store opened, which no chunk can hold yet:
  // only the lines a catch-up or a rebuild replays pay for reading the key's last chunk.
  private volatile long newFrom = Long.MAX_VALUE;

  /**
   * @param chunks keyed {@code key + '\0' + n}, and {@code key + '\1'} for the number of the last
   *     chunk when it is not 0
   */
  LineLists(ConcurrentMap<String, long[]> chunks) {
    this.chunks = chunks;
  }

  /**
   * Appends an offset past the key's last one; one at or before it is there already: a catch-up
   * replays lines whose offsets a run killed after a commit had already kept.
   */
  void append(String key, long offset) {
    pending.compute(key, (k, offsets) -> {
      List<Long> list = offsets == null ? new ArrayList<>() : offsets;
      long last;
      if (!list.isEmpty()) {
        last = list.get(list.size() - 1);
      } else if (offset >= newFrom) {
        last = -1;
      } else {
        last = lastKept(key);
      }
      if (offset > last) {
        list.add(offset);
      }
      return list;
    });
  }

  /** Offsets from {@code journalEnd} on are of lines appended after it: none is kept yet. */
  void newFrom(long journalEnd) {
    newFrom = journalEnd;
  }

  private long lastKept(String key) {
    long[] chunk = chunk(key, lastChunk(key));
    return chunk.length == 0 ? -1 : chunk[chunk.length - 1];
  }

  /** The offsets of a key, in the order they were appended. */
  List<Long> get(String key) {
    long last = lastChunk(key);
    List<Long> all = new ArrayList<>();
    for (long n = 0; n <= last; n++) {
      for (long offset : chunk(key, n)) {
        all.add(offset);
      }
    }
    all.addAll(pending.getOrDefault(key, List.of()));
    return all;
  }

  /** Writes what waits in memory into the chunks; called under the index's commit. */
  void flush() {
    for (String key : List.copyOf(pending.keySet())) {
      List<Long> added = pending.remove(key);
      if (added == null || added.isEmpty()) {
        continue;
      }
      long lastBefore = lastChunk(key);
      long last = lastBefore;
      long[] held = chunk(key, last);
      for (int i = 0; i < added.size(); ) {
        if (held.length == CHUNK) {
          last++;
          held = NONE;
        }
        int take = Math.min(CHUNK - held.length, added.size() - i);
        long[] grown = Arrays.copyOf(held, held.length + take);
        for (int j = 0; j < take; j++) {
          grown[held.length + j] = added.get(i + j);
        }
        chunks.put(key + '\0' + last, grown);
        held = grown;
        i += take;
      }
      if (last != lastBefore) {
        chunks.put(key + '\1', new long[] {last});
      }
    }
  }

  void clear() {
    newFrom = Long.MAX_VALUE;
    pending.clear();
    chunks.clear();
  }

  private long lastChunk(String key) {
    long[] last = chunks.get(key + '\1');
    return last == null ? 0 : last[0];
  }

  private long[] chunk(String key, long n) {
    return chunks.getOrDefault(key + '\0' + n, NONE);
  }
}
