package org.citewatch.compare;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;

/** A word-by-word diff of two passages, for people reading an alert's evidence. */
public final class WordDiff {

  /** A run of words that both sides share, or that only one side has. */
  public record Segment(Kind kind, String text) {}

  public enum Kind {
    SAME,
    REMOVED,
    ADDED
  }

  private WordDiff() {}

  public static List<Segment> between(String before, String after) {
    List<String> a = words(before);
    List<String> b = words(after);
    Patch<String> patch = DiffUtils.diff(a, b);
    List<Segment> out = new ArrayList<>();
    int i = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      int at = delta.getSource().getPosition();
      if (at > i) {
        out.add(new Segment(Kind.SAME, String.join(" ", a.subList(i, at))));
      }
      if (!delta.getSource().getLines().isEmpty()) {
        out.add(new Segment(Kind.REMOVED, String.join(" ", delta.getSource().getLines())));
      }
      if (!delta.getTarget().getLines().isEmpty()) {
        out.add(new Segment(Kind.ADDED, String.join(" ", delta.getTarget().getLines())));
      }
      i = at + delta.getSource().size();
    }
    if (i < a.size()) {
      out.add(new Segment(Kind.SAME, String.join(" ", a.subList(i, a.size()))));
    }
    return out;
  }

  private static List<String> words(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? List.of() : List.of(stripped.split("\\s+"));
  }
}
