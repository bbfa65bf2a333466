package org.citewatch.evaluate;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The closest passage to a quote on a page, in time linear in the page's length: a window of the
 * quote's length slides over the page's words counting words in common, and only the best few
 * windows are aligned word by word (a longest common subsequence) to measure similarity as
 * {@code 2 × common words / (quote words + passage words)}.
 */
final class ApproximateSearch {

  /** Below this many words a quote is too short for "close" to mean anything. */
  static final int MIN_WORDS = 4;
  static final double THRESHOLD = 0.6;
  private static final int CANDIDATES = 8;

  record Word(String text, int start, int end) {}

  /**
   * @param leadingMissing quote words before the first one found in the passage
   * @param trailingMissing quote words after the last one found
   */
  record Found(int start, int end, double similarity, int leadingMissing, int trailingMissing) {}

  private final List<Word> page;

  ApproximateSearch(String foldedPage) {
    this.page = words(foldedPage);
  }

  /** The best passage with at least one word in common, however low its similarity. */
  Optional<Found> closest(String foldedQuote) {
    List<String> quote = words(foldedQuote).stream().map(Word::text).toList();
    Found best = null;
    for (int start : candidates(quote)) {
      Found found = align(quote, start);
      if (found != null && (best == null || found.similarity() > best.similarity())) {
        best = found;
      }
    }
    return Optional.ofNullable(best);
  }

  Optional<Found> find(String foldedQuote) {
    List<String> quote = words(foldedQuote).stream().map(Word::text).toList();
    int n = quote.size();
    if (n < MIN_WORDS || page.isEmpty()) {
      return Optional.empty();
    }
    Found best = null;
    for (int start : candidates(quote)) {
      Found found = align(quote, start);
      if (found != null && (best == null || found.similarity() > best.similarity())) {
        best = found;
      }
    }
    return best != null && best.similarity() >= THRESHOLD ? Optional.of(best) : Optional.empty();
  }

  /** Window starts with the most words in common with the quote, not overlapping each other. */
  private List<Integer> candidates(List<String> quote) {
    int n = quote.size();
    Map<String, Integer> wanted = new HashMap<>();
    quote.forEach(w -> wanted.merge(w, 1, Integer::sum));
    Map<String, Integer> inWindow = new HashMap<>();
    int common = 0;
    List<int[]> scored = new ArrayList<>();
    for (int i = 0; i < page.size(); i++) {
      String in = page.get(i).text();
      if (wanted.containsKey(in) && inWindow.merge(in, 1, Integer::sum) <= wanted.get(in)) {
        common++;
      }
      if (i >= n) {
        String out = page.get(i - n).text();
        if (wanted.containsKey(out) && inWindow.merge(out, -1, Integer::sum) < wanted.get(out)) {
          common--;
        }
      }
      if (common > 0) {
        scored.add(new int[] {Math.max(0, i - n + 1), common});
      }
    }
    scored.sort(Comparator.comparingInt((int[] s) -> -s[1]).thenComparingInt(s -> s[0]));
    List<Integer> starts = new ArrayList<>();
    for (int[] s : scored) {
      if (starts.size() == CANDIDATES) {
        break;
      }
      if (starts.stream().noneMatch(t -> Math.abs(t - s[0]) < n)) {
        starts.add(s[0]);
      }
    }
    return starts;
  }

  /**
   * Aligns the quote with the page around a window, and keeps the span of page words it matched.
   * The region reaches a quote's length either side, so that a phrase inserted into the clause
   * stays inside the passage; a lone word matched far from the rest is not part of it.
   */
  private Found align(List<String> quote, int windowStart) {
    int n = quote.size();
    int from = Math.max(0, windowStart - n);
    int to = Math.min(page.size(), windowStart + 2 * n);
    List<String> region = page.subList(from, to).stream().map(Word::text).toList();
    List<int[]> pairs = new ArrayList<>();
    int q = 0;
    int r = 0;
    for (AbstractDelta<String> delta : DiffUtils.diff(quote, region).getDeltas()) {
      while (q < delta.getSource().getPosition()) {
        pairs.add(new int[] {q++, r++});
      }
      q += delta.getSource().size();
      r += delta.getTarget().size();
    }
    while (q < n && r < region.size()) {
      pairs.add(new int[] {q++, r++});
    }
    compact(pairs, quote, region);
    dropStrays(pairs);
    if (pairs.isEmpty()) {
      return null;
    }
    int first = pairs.get(0)[1];
    int last = pairs.get(pairs.size() - 1)[1];
    int passageWords = last - first + 1;
    double similarity = 2.0 * pairs.size() / (n + passageWords);
    return new Found(page.get(from + first).start(), page.get(from + last).end(), similarity,
        pairs.get(0)[0], n - 1 - pairs.get(pairs.size() - 1)[0]);
  }

  /**
   * Of equal alignments the diff may pick one that takes a quote word from far off (the heading's
   * "Taksat" for the paragraph's): each match moves next to its neighbour in the quote where the
   * page has the same word there.
   */
  private static void compact(List<int[]> pairs, List<String> quote, List<String> region) {
    for (int k = pairs.size() - 2; k >= 0; k--) {
      int[] p = pairs.get(k);
      int[] next = pairs.get(k + 1);
      if (next[0] == p[0] + 1 && next[1] > p[1] + 1 && region.get(next[1] - 1).equals(quote.get(p[0]))) {
        p[1] = next[1] - 1;
      }
    }
    for (int k = 1; k < pairs.size(); k++) {
      int[] before = pairs.get(k - 1);
      int[] p = pairs.get(k);
      if (p[0] == before[0] + 1 && p[1] > before[1] + 1 && region.get(before[1] + 1).equals(quote.get(p[0]))) {
        p[1] = before[1] + 1;
      }
    }
  }

  /** A single word matched at either end, more than a few words from the next match, is chance. */
  private static void dropStrays(List<int[]> pairs) {
    while (pairs.size() > 1 && pairs.get(1)[1] - pairs.get(0)[1] > strayGap(pairs)
        && !adjacent(pairs.get(0), pairs.get(1))) {
      pairs.remove(0);
    }
    while (pairs.size() > 1) {
      int[] last = pairs.get(pairs.size() - 1);
      int[] before = pairs.get(pairs.size() - 2);
      if (last[1] - before[1] <= strayGap(pairs) || adjacent(before, last)) {
        break;
      }
      pairs.remove(pairs.size() - 1);
    }
  }

  private static int strayGap(List<int[]> pairs) {
    int quoteWords = pairs.get(pairs.size() - 1)[0] + 1;
    return Math.max(4, quoteWords);
  }

  private static boolean adjacent(int[] a, int[] b) {
    return b[0] == a[0] + 1 && b[1] == a[1] + 1;
  }

  static List<Word> words(String text) {
    List<Word> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(new Word(text.substring(start, i), start, i));
      }
    }
    return words;
  }
}
