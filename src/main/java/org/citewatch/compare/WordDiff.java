package org.citewatch.compare;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.citewatch.text.NormalisedText;

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
    Patch<String> patch = DiffUtils.diff(a, b, (x, y) -> key(x).equals(key(y)));
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

  /**
   * Words as people read them: a table's cell boundary ("|") is no word, and a word compares
   * without its case and the punctuation around it, so "extended." and "extended" are the same.
   */
  private static List<String> words(String text) {
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    for (String word : stripped.split("\\s+")) {
      if (!word.equals("|")) {
        words.add(word);
      }
    }
    return words;
  }

  /** A run of words without the punctuation at its edges, for naming it in a message. */
  public static String bare(String words) {
    return TRIM.matcher(words.strip()).replaceAll("");
  }

  private static String key(String word) {
    String bare = TRIM.matcher(word).replaceAll("");
    return NormalisedText.of(bare.isEmpty() ? word : bare).text();
  }

  private static final Pattern TRIM = Pattern.compile("^[\\p{P}&&[^€$£%]]+|[\\p{P}&&[^€$£%]]+$");
}
