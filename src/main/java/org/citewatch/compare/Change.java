package org.citewatch.compare;

import java.util.List;

/**
 * One run of blocks that differ between two snapshots.
 *
 * @param beforeIndex index of the first block in the old snapshot
 * @param afterIndex index of the first block in the new snapshot
 */
public record Change(Type type, int beforeIndex, List<String> before, int afterIndex, List<String> after) {

  public enum Type {
    ADDED,
    REMOVED,
    CHANGED
  }

  public Change {
    before = List.copyOf(before);
    after = List.copyOf(after);
  }

  /** Joins the before or after side of several changes as one text, a block per line. */
  public static String side(List<Change> changes, boolean after) {
    StringBuilder text = new StringBuilder();
    for (Change change : changes) {
      for (String line : after ? change.after() : change.before()) {
        if (text.length() > 0) {
          text.append('\n');
        }
        text.append(line);
      }
    }
    return text.toString();
  }
}
