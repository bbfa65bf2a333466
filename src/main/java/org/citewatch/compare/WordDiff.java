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
    // each word's comparison key once, not once per comparison the diff makes
    Patch<String> patch = DiffUtils.diff(a.stream().map(WordDiff::key).toList(),
        b.stream().map(WordDiff::key).toList());
    List<Run> runs = new ArrayList<>();
    int i = 0;
    int j = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      int at = delta.getSource().getPosition();
      if (at > i) {
        runs.add(new Run(Kind.SAME, new ArrayList<>(b.subList(j, j + at - i))));
      }
      int removed = delta.getSource().size();
      int added = delta.getTarget().size();
      if (removed > 0) {
        runs.add(new Run(Kind.REMOVED, new ArrayList<>(a.subList(at, at + removed))));
      }
      if (added > 0) {
        int to = delta.getTarget().getPosition();
        runs.add(new Run(Kind.ADDED, new ArrayList<>(b.subList(to, to + added))));
      }
      i = at + delta.getSource().size();
      j = delta.getTarget().getPosition() + delta.getTarget().size();
    }
    if (i < a.size()) {
      runs.add(new Run(Kind.SAME, new ArrayList<>(b.subList(j, b.size()))));
    }
    slide(runs);
    return runs.stream().map(r -> new Segment(r.kind(), String.join(" ", r.words()))).toList();
  }

  private record Run(Kind kind, List<String> words) {}

  /**
   * A diff may split one inserted phrase around a word it repeats ("ose [në] bankë, në"): where an
   * edit, a short run in common and an edit of the same kind follow, and the second edit ends
   * with that run, the run moves after it and the edits join, as a reader would mark them.
   */
  private static void slide(List<Run> runs) {
    for (int k = 0; k + 2 < runs.size(); k++) {
      Run first = runs.get(k);
      Run same = runs.get(k + 1);
      Run second = runs.get(k + 2);
      if (first.kind() == Kind.SAME || same.kind() != Kind.SAME || second.kind() != first.kind()) {
        continue;
      }
      int n = same.words().size();
      List<String> tail = second.words().subList(Math.max(0, second.words().size() - n), second.words().size());
      if (n > 3 || tail.size() != n || !sameWords(tail, same.words())) {
        continue;
      }
      List<String> joined = new ArrayList<>(first.words());
      joined.addAll(same.words());
      joined.addAll(second.words().subList(0, second.words().size() - n));
      runs.set(k, new Run(first.kind(), joined));
      runs.set(k + 1, new Run(Kind.SAME, new ArrayList<>(tail)));
      runs.remove(k + 2);
      if (k + 2 < runs.size() && runs.get(k + 2).kind() == Kind.SAME) {
        runs.get(k + 1).words().addAll(runs.remove(k + 2).words());
      }
      k = Math.max(-1, k - 2);
    }
  }

  private static boolean sameWords(List<String> x, List<String> y) {
    for (int k = 0; k < x.size(); k++) {
      if (!key(x.get(k)).equals(key(y.get(k)))) {
        return false;
      }
    }
    return true;
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
