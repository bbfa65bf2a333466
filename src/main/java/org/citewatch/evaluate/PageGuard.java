package org.citewatch.evaluate;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citewatch.extract.Extraction;
import org.citewatch.model.Block;
import org.citewatch.model.Source;
import org.citewatch.text.NormalisedText;

/**
 * Tells when a page that was fetched "fine" is not the page: its selector matched nothing, it has
 * no text, its text shrank drastically, or it is a maintenance or error page served with 200.
 * Claims are never judged on such a page, and it never becomes the baseline.
 */
public final class PageGuard {

  /** Error and maintenance wording in English, Albanian and Serbian, folded (no diacritics, Latin script). */
  private static final List<String> ERROR_PHRASES = List.of(
      "under maintenance", "scheduled maintenance", "maintenance mode", "temporarily unavailable",
      "page not found", "404 not found", "service unavailable", "internal server error", "access denied",
      "an error has occurred", "an error occurred",
      "ne mirembajtje", "faqja nuk u gjet", "faqja nuk ekziston", "nuk eshte e disponueshme", "ka ndodhur nje gabim",
      "u pripremi", "odrzavanj", "stranica nije pronadjena", "stranica ne postoji", "privremeno nedostup",
      "doslo je do greske", "greska 404");
  /** A long page may mention maintenance in passing; only a short one is taken for an error page. */
  private static final int ERROR_PAGE_MAX_CHARS = 3000;

  private final int maxShrinkPercent;

  public PageGuard(int maxShrinkPercent) {
    this.maxShrinkPercent = maxShrinkPercent;
  }

  /** @param baselineLength the baseline's text length; 0 when there is no baseline to shrink from */
  public Optional<String> notThePage(Source source, Extraction extraction, int baselineLength) {
    if (!extraction.selectorMatched()) {
      return Optional.of("select '" + source.select().orElse("") + "' matched nothing on the page; "
          + "the page changed its layout or is an error page");
    }
    int length = extraction.blocks().stream().mapToInt(b -> b.text().length()).sum();
    if (length == 0) {
      return Optional.of("the page has no text in its selected part");
    }
    String text = String.join("\n", extraction.blocks().stream().map(Block::text).toList());
    String folded = NormalisedText.of(extraction.title() + "\n" + (length <= ERROR_PAGE_MAX_CHARS ? text : ""),
        List.of(), true).text();
    for (String phrase : ERROR_PHRASES) {
      if (folded.contains(phrase)) {
        return Optional.of("the page looks like an error or maintenance page (it says \u201C" + phrase + "\u201D)");
      }
    }
    int before = baselineLength;
    if (before > 0 && length * 100L < before * (100L - maxShrinkPercent)) {
      return Optional.of(String.format(Locale.ROOT,
          "the selected text shrank from %d to %d characters (-%d%%), more than max_shrink (%d%%); "
              + "if the page really is this short now, make it the baseline: citewatch accept %s --note WHY",
          before, length, Math.round(100.0 * (before - length) / before), maxShrinkPercent, source.id()));
    }
    return Optional.empty();
  }
}
