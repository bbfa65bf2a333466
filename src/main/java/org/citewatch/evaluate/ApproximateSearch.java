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

  record Found(int start, int end, double similarity) {}

  private final List<Word> page;

  ApproximateSearch(String foldedPage) {
    this.page = words(foldedPage);
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

  /** Aligns the quote with the page around a window, and keeps the span of page words it matched. */
  private Found align(List<String> quote, int windowStart) {
    int n = quote.size();
    int from = Math.max(0, windowStart - n / 2);
    int to = Math.min(page.size(), windowStart + n + n / 2);
    List<String> region = page.subList(from, to).stream().map(Word::text).toList();
    boolean[] matched = new boolean[region.size()];
    java.util.Arrays.fill(matched, true);
    int quoteMatched = n;
    for (AbstractDelta<String> delta : DiffUtils.diff(quote, region).getDeltas()) {
      quoteMatched -= delta.getSource().size();
      for (int k = 0; k < delta.getTarget().size(); k++) {
        matched[delta.getTarget().getPosition() + k] = false;
      }
    }
    int first = -1;
    int last = -1;
    for (int k = 0; k < matched.length; k++) {
      if (matched[k]) {
        first = first < 0 ? k : first;
        last = k;
      }
    }
    if (first < 0) {
      return null;
    }
    int passageWords = last - first + 1;
    double similarity = 2.0 * quoteMatched / (n + passageWords);
    return new Found(page.get(from + first).start(), page.get(from + last).end(), similarity);
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
