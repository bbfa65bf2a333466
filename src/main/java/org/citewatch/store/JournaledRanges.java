package org.citewatch.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which bytes of the WARC files the journal vouches for: the ranges its snapshot and check lines
 * say they wrote, and those a repair line names. A record outside them is an orphan, unless the
 * journal's last run never finished and the record lies past where that run began writing: then a
 * kill left it, and the next open tells of it as a repair.
 */
final class JournaledRanges {

  private final Map<String, List<long[]>> ranges = new HashMap<>();
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
    } else if (event instanceof Event.SnapshotTaken taken) {
      add(taken.records());
    } else if (event instanceof Event.Checked check) {
      check.written().forEach(this::add);
    } else if (event instanceof Repair repair) {
      repair.warcRange().ifPresent(this::add);
    }
  }

  private void add(WarcRef record) {
    add(record.file(), record.offset(), record.end());
  }

  private void add(String file, long from, long to) {
    ranges.computeIfAbsent(file, f -> new ArrayList<>()).add(new long[] {from, to});
    ends.merge(file, to, Math::max);
    sorted.remove(file);
  }

  /** Whether a journal line (or a repair) names the record that starts at {@code offset}. */
  boolean covered(String file, long offset) {
    long[][] byStart = sorted.computeIfAbsent(file, this::sort);
    int low = 0;
    int high = byStart.length - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (byStart[mid][0] <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    // byStart[i][1] holds the largest end among the ranges up to i
    return found >= 0 && offset < byStart[found][1];
  }

  /** Whether the record lies where the journal's last run, which never finished, was writing. */
  boolean leftByInterruptedRun(String file, long offset) {
    return runOpen && offset >= endsAtRunStart.getOrDefault(file, 0L);
  }

  private long[][] sort(String file) {
    long[][] byStart = ranges.getOrDefault(file, List.of()).stream().map(r -> r.clone())
        .sorted(Comparator.comparingLong(r -> r[0])).toArray(long[][]::new);
    for (int i = 1; i < byStart.length; i++) {
      byStart[i][1] = Math.max(byStart[i][1], byStart[i - 1][1]);
    }
    return byStart;
  }

  @Override
  public String toString() {
    return Arrays.toString(ranges.keySet().toArray());
  }
}
