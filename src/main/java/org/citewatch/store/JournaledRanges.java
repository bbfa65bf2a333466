package org.citewatch.store;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * Which bytes of the WARC files the journal vouches for: the ranges its snapshot and check lines
 * say they wrote, and those a repair line names. A record outside them is an orphan, unless the
 * journal's last run never finished and the record lies past where that run began writing: then a
 * kill left it, and the next open tells of it as a repair.
 */
final class JournaledRanges {

  // Each file's ranges as pairs in one growing array, 16 bytes a record: audit holds those of every
  // night of history at once, and an object a range took four times that.
  private final Map<String, Pairs> ranges = new HashMap<>();
  private final Map<String, long[][]> sorted = new HashMap<>();
  private final Map<String, Long> ends = new HashMap<>();
  private Map<String, Long> endsAtRunStart = Map.of();
  private boolean runOpen;

  void accept(Event event) {
    if (event instanceof Event.RunStarted) {
      endsAtRunStart = new HashMap<>(ends);
      runOpen = true;
    } else if (event instanceof Event.RunFinished) {
      runOpen = false;
    } else if (event instanceof Repair repair) {
      repair.warcRange().ifPresent(this::add);
    }
    event.written().forEach(this::add);
  }

  private void add(WarcRef record) {
    add(record.file(), record.offset(), record.end());
  }

  private void add(String file, long from, long to) {
    ranges.computeIfAbsent(file, f -> new Pairs()).add(from, to);
    ends.merge(file, to, Math::max);
    sorted.remove(file);
  }

  /** Whether a journal line (or a repair) names the record that starts at {@code offset}. */
  boolean covered(String file, long offset) {
    long[][] byStart = sorted.computeIfAbsent(file, this::sort);
    long[] starts = byStart[0];
    int low = 0;
    int high = starts.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (starts[mid] <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    // the ends hold the largest end among the ranges up to each
    return found >= 0 && offset < byStart[1][found];
  }

  /** Whether the record lies where the journal's last run, which never finished, was writing. */
  boolean leftByInterruptedRun(String file, long offset) {
    return runOpen && offset >= endsAtRunStart.getOrDefault(file, 0L);
  }

  /** The file's ranges by start, each end raised to the largest end so far: a binary search finds cover. */
  private long[][] sort(String file) {
    Pairs pairs = ranges.getOrDefault(file, new Pairs());
    long[] starts = new long[pairs.size];
    long[] ends = new long[pairs.size];
    if (pairs.packable()) {
      // start and length in one long, sorted as primitives: no object per range
      long[] packed = new long[pairs.size];
      for (int i = 0; i < pairs.size; i++) {
        packed[i] = pairs.values[2 * i] << LENGTH_BITS | (pairs.values[2 * i + 1] - pairs.values[2 * i]);
      }
      Arrays.sort(packed);
      for (int i = 0; i < packed.length; i++) {
        starts[i] = packed[i] >>> LENGTH_BITS;
        ends[i] = starts[i] + (packed[i] & ((1L << LENGTH_BITS) - 1));
      }
    } else {
      Integer[] order = new Integer[pairs.size];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingLong(i -> pairs.values[2 * i]));
      for (int i = 0; i < order.length; i++) {
        starts[i] = pairs.values[2 * order[i]];
        ends[i] = pairs.values[2 * order[i] + 1];
      }
    }
    for (int i = 1; i < ends.length; i++) {
      ends[i] = Math.max(ends[i], ends[i - 1]);
    }
    return new long[][] {starts, ends};
  }

  private static final int LENGTH_BITS = 26;

  private static final class Pairs {
    private long[] values = new long[16];
    private int size;

    /** Whether every range fits 37 bits of start and 26 of length (files under 128 GiB, records under 64 MiB). */
    boolean packable() {
      for (int i = 0; i < size; i++) {
        long from = values[2 * i];
        long length = values[2 * i + 1] - from;
        if (from < 0 || from >= 1L << (63 - LENGTH_BITS) || length < 0 || length >= 1L << LENGTH_BITS) {
          return false;
        }
      }
      return true;
    }

    void add(long from, long to) {
      if (2 * size + 2 > values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[2 * size] = from;
      values[2 * size + 1] = to;
      size++;
    }
  }

  @Override
  public String toString() {
    return Arrays.toString(ranges.keySet().toArray());
  }
}
