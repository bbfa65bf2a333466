package org.citewatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;
import org.citewatch.text.NormalisedText;

/**
 * Finds a quote on a page in tiers: exact, then normalised. In the normalised tier figures are
 * masked on both sides, so "Tarifa është €50" is found in "Tarifa është 50,00 EUR" (same figure) and
 * in "Tarifa është €60" (a changed figure, reported as such rather than as a missing clause).
 */
public final class QuoteLocator {

  private final String page;
  private final List<FigureSpan> pageFigures;
  private final NormalisedText plain;
  private final NormalisedText masked;

  /** Prepares a page once for any number of quotes. */
  public QuoteLocator(String pageText) {
    this.page = java.text.Normalizer.normalize(pageText, java.text.Normalizer.Form.NFC);
    this.pageFigures = FigureReader.find(page);
    this.plain = NormalisedText.of(page);
    this.masked = NormalisedText.of(page, pageFigures);
  }

  public Optional<QuoteMatch> find(String quote) {
    String nfc = java.text.Normalizer.normalize(quote, java.text.Normalizer.Form.NFC);
    List<FigureSpan> quoteFigures = FigureReader.find(nfc);
    int exact = page.indexOf(nfc);
    if (exact >= 0) {
      return Optional.of(new QuoteMatch(Tier.EXACT, nfc, samePairs(quoteFigures)));
    }
    String needle = NormalisedText.of(nfc).text();
    int at = needle.isEmpty() ? -1 : plain.text().indexOf(needle);
    if (at >= 0) {
      return Optional.of(new QuoteMatch(Tier.NORMALISED, plain.original(at, at + needle.length()), samePairs(quoteFigures)));
    }
    String maskedNeedle = NormalisedText.of(nfc, quoteFigures).text();
    at = quoteFigures.isEmpty() || maskedNeedle.isEmpty() ? -1 : masked.text().indexOf(maskedNeedle);
    if (at < 0) {
      return Optional.empty();
    }
    int first = masked.figuresBefore(at);
    List<QuoteMatch.FigurePair> pairs = new ArrayList<>();
    for (int i = 0; i < quoteFigures.size(); i++) {
      FigureSpan q = quoteFigures.get(i);
      FigureSpan p = pageFigures.get(first + i);
      pairs.add(new QuoteMatch.FigurePair(q.figure(), q.written(), p.figure(), p.written()));
    }
    return Optional.of(new QuoteMatch(Tier.NORMALISED, masked.original(at, at + maskedNeedle.length()), pairs));
  }

  private static List<QuoteMatch.FigurePair> samePairs(List<FigureSpan> figures) {
    return figures.stream().map(f -> new QuoteMatch.FigurePair(f.figure(), f.written(), f.figure(), f.written())).toList();
  }
}
