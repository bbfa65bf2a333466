package org.citewatch.evaluate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citewatch.model.Anchor;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;
import org.citewatch.text.NormalisedText;
import org.citewatch.text.Span;

/**
 * Finds a quote on a page in tiers: exact, normalised, folded, approximate. In the normalised and
 * folded tiers figures are masked on both sides, so "Tarifa është €50" is found in "Tarifa është
 * 50,00 EUR" (the same figure) and in "Tarifa është €60" (a changed figure, reported as such rather
 * than as a changed clause).
 */
public final class QuoteLocator {

  /** Characters of context kept either side of a quote. */
  static final int ANCHOR_CONTEXT = 48;
  /** A shorter prefix or suffix (folded) could stand anywhere on the page. */
  private static final int MIN_ANCHOR = 12;

  private final String page;
  private final List<FigureSpan> pageFigures;
  private final NormalisedText[] plain = new NormalisedText[2];
  private final NormalisedText[] masked = new NormalisedText[2];
  private ApproximateSearch approximate;

  /** Prepares a page once for any number of quotes; the folded forms are made only when needed. */
  public QuoteLocator(String pageText) {
    this.page = Normalizer.normalize(pageText, Normalizer.Form.NFC);
    this.pageFigures = figures(page);
  }

  public Optional<QuoteMatch> find(String quote) {
    String nfc = unwrapped(Normalizer.normalize(quote, Normalizer.Form.NFC));
    List<FigureSpan> quoteFigures = figures(nfc);
    int exact = page.indexOf(nfc);
    if (exact >= 0) {
      return Optional.of(new QuoteMatch(Tier.EXACT, nfc, samePairs(quoteFigures), 1, exact, exact + nfc.length()));
    }
    for (Tier tier : new Tier[] {Tier.NORMALISED, Tier.FOLDED}) {
      boolean fold = tier == Tier.FOLDED;
      String needle = trimEnd(NormalisedText.of(nfc, List.of(), fold).text());
      NormalisedText hay = plain(fold);
      int at = needle.isEmpty() ? -1 : hay.text().indexOf(needle);
      while (at >= 0 && !endsWhereTheQuoteEnds(nfc, hay, at + needle.length())) {
        at = hay.text().indexOf(needle, at + 1);
      }
      if (at >= 0) {
        return Optional.of(match(tier, hay, at, at + needle.length(), samePairs(quoteFigures), 1));
      }
      if (!quoteFigures.isEmpty()) {
        Optional<QuoteMatch> match = maskedMatch(tier, nfc, quoteFigures);
        if (match.isPresent()) {
          return match;
        }
      }
    }
    return approximate(nfc);
  }

  private Optional<QuoteMatch> maskedMatch(Tier tier, String quote, List<FigureSpan> quoteFigures) {
    boolean fold = tier == Tier.FOLDED;
    String needle = trimEnd(NormalisedText.of(quote, quoteFigures, fold).text());
    NormalisedText hay = masked(fold);
    int at = hay.text().indexOf(needle);
    while (at >= 0 && !endsWhereTheQuoteEnds(quote, hay, at + needle.length())) {
      at = hay.text().indexOf(needle, at + 1);
    }
    if (at < 0) {
      return Optional.empty();
    }
    int first = hay.figuresBefore(at);
    List<QuoteMatch.FigurePair> pairs = new ArrayList<>();
    for (int i = 0; i < quoteFigures.size(); i++) {
      FigureSpan q = quoteFigures.get(i);
      FigureSpan p = pageFigures.get(first + i);
      pairs.add(new QuoteMatch.FigurePair(q.figure(), q.written(), p.figure(), p.written()));
    }
    return Optional.of(match(tier, hay, at, at + needle.length(), pairs, 1));
  }

  /**
   * A quote that ends its sentence ("may be extended.") holds only where the page's sentence ends
   * too: "may be extended once." says something else.
   */
  private boolean endsWhereTheQuoteEnds(String quote, NormalisedText hay, int end) {
    String stripped = quote.strip();
    if (stripped.isEmpty() || ".!?".indexOf(stripped.charAt(stripped.length() - 1)) < 0 || end >= hay.length()) {
      return true;
    }
    int i = hay.originalEnd(end);
    while (i < page.length() && page.charAt(i) == ' ') {
      i++;
    }
    return i >= page.length() || !Character.isLetterOrDigit(page.charAt(i));
  }

  private Optional<QuoteMatch> approximate(String quote) {
    NormalisedText folded = plain(true);
    return search().find(NormalisedText.of(quote, List.of(), true).text()).map(f -> widened(quote, folded, f));
  }

  /**
   * The closest passage however far from the quote, for telling a maintainer where a quote that
   * never held might have been copied from.
   */
  public Optional<QuoteMatch> closest(String quote) {
    NormalisedText folded = plain(true);
    String needle = NormalisedText.of(unwrapped(Normalizer.normalize(quote, Normalizer.Form.NFC)), List.of(), true)
        .text();
    return search().closest(needle).map(f -> widened(quote, folded, f));
  }

  private ApproximateSearch search() {
    if (approximate == null) {
      approximate = new ApproximateSearch(plain(true).text());
    }
    return approximate;
  }

  /**
   * The passage the quote now corresponds to, whole: where the quote's first or last words were
   * not found, the page's words in their place are part of it, up to the sentence's edge; a quote
   * that starts or ends a sentence takes the page's sentence to its start or end.
   */
  private QuoteMatch widened(String quote, NormalisedText folded, ApproximateSearch.Found found) {
    int start = folded.originalStart(found.start());
    int end = folded.originalEnd(found.end());
    String stripped = quote.strip();
    boolean startsSentence = !stripped.isEmpty() && Character.isUpperCase(stripped.codePointAt(0));
    boolean endsSentence = !stripped.isEmpty() && ".!?;".indexOf(stripped.charAt(stripped.length() - 1)) >= 0;
    start = Sentences.widenLeft(page, start, startsSentence ? Sentences.WHOLE : found.leadingMissing());
    end = Sentences.widenRight(page, end, endsSentence ? Sentences.WHOLE : found.trailingMissing());
    return new QuoteMatch(Tier.APPROXIMATE, page.substring(start, end), List.of(), found.similarity(), start, end);
  }

  private static QuoteMatch match(Tier tier, NormalisedText hay, int start, int end, List<QuoteMatch.FigurePair> pairs,
      double similarity) {
    return new QuoteMatch(tier, hay.original(start, end), pairs, similarity, hay.originalStart(start),
        hay.originalEnd(end));
  }

  /** The context of a match, for finding the passage again after it changes. */
  public Anchor anchor(String quote, QuoteMatch match) {
    int from = Math.max(0, match.start() - ANCHOR_CONTEXT);
    int to = Math.min(page.length(), match.end() + ANCHOR_CONTEXT);
    return new Anchor(quote, page.substring(from, match.start()), page.substring(match.end(), to));
  }

  /**
   * What stands now where an anchored quote stood: the text between its old prefix and suffix,
   * when both are still on the page, in order and close together.
   */
  public Optional<String> between(Anchor anchor) {
    NormalisedText folded = plain(true);
    String prefix = NormalisedText.of(anchor.prefix(), List.of(), true).text().strip();
    String suffix = NormalisedText.of(anchor.suffix(), List.of(), true).text().strip();
    if (prefix.length() < MIN_ANCHOR || suffix.length() < MIN_ANCHOR) {
      return Optional.empty();
    }
    int p = folded.text().indexOf(prefix);
    if (p < 0 || folded.text().indexOf(prefix, p + 1) >= 0) {
      return Optional.empty();
    }
    int start = p + prefix.length();
    int s = folded.text().indexOf(suffix, start);
    int longest = 3 * anchor.quote().length() + 200;
    if (s < 0 || s - start > longest) {
      return Optional.empty();
    }
    String passage = s > start ? folded.original(start, s).strip() : "";
    return Optional.of(passage.replaceAll("^[\\s;,.:]+|[\\s;,.:]+$", ""));
  }

  private NormalisedText plain(boolean fold) {
    int i = fold ? 1 : 0;
    if (plain[i] == null) {
      plain[i] = NormalisedText.of(page, List.of(), fold);
    }
    return plain[i];
  }

  private NormalisedText masked(boolean fold) {
    int i = fold ? 1 : 0;
    if (masked[i] == null) {
      masked[i] = NormalisedText.of(page, pageFigures, fold);
    }
    return masked[i];
  }

  /** Quotation marks around the whole quote ({@code quote: “…”} in YAML keeps them) are not wording. */
  public static String unwrapped(String quote) {
    String q = quote.strip();
    if (q.length() >= 2 && OPENING.indexOf(q.charAt(0)) >= 0 && CLOSING.indexOf(q.charAt(q.length() - 1)) >= 0
        && q.substring(1, q.length() - 1).chars().noneMatch(c -> OPENING.indexOf(c) >= 0 || CLOSING.indexOf(c) >= 0)) {
      return q.substring(1, q.length() - 1).strip();
    }
    return quote;
  }

  private static final String OPENING = "\u201C\u201E\u00AB\u2018\u201A\u2039\"";
  private static final String CLOSING = "\u201D\u201C\u00BB\u2019\u203A\"";

  /**
   * A list item's closing ";" or "." is layout, not wording: "Sigurimin shëndetësor;" stands in "Sigurimin
   * shëndetësor."
   */
  private static String trimEnd(String needle) {
    int end = needle.length();
    while (end > 0 && ";,.: ".indexOf(needle.charAt(end - 1)) >= 0) {
      end--;
    }
    return end == 0 ? needle : needle.substring(0, end);
  }

  /** Figures of a text, less the numbers of list markers, which normalisation drops. */
  private static List<FigureSpan> figures(String text) {
    List<Span> markers = NormalisedText.listMarkers(text);
    return FigureReader.find(text).stream()
        .filter(f -> markers.stream().noneMatch(m -> f.start() < m.end() && m.start() < f.end()))
        .toList();
  }

  private static List<QuoteMatch.FigurePair> samePairs(List<FigureSpan> figures) {
    return figures.stream().map(f -> new QuoteMatch.FigurePair(f.figure(), f.written(), f.figure(), f.written()))
        .toList();
  }
}
