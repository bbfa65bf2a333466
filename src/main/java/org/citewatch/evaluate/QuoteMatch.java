package org.citewatch.evaluate;

import java.util.List;
import org.citewatch.model.Figure;

/**
 * Where a quote stands on a page.
 *
 * @param passage the page's own text at the match, as the page writes it
 * @param figures each figure of the quote paired with the one standing in its place on the page
 * @param similarity 1 for a match in any tier but the approximate one; there, how close the passage is
 * @param start where the passage starts in the page text
 * @param end where it ends
 */
public record QuoteMatch(Tier tier, String passage, List<FigurePair> figures, double similarity, int start, int end) {

  public QuoteMatch {
    figures = List.copyOf(figures);
  }

  public record FigurePair(Figure quoted, String quotedAs, Figure onPage, String onPageAs) {
    public boolean same() {
      return quoted.equals(onPage);
    }
  }

  public List<FigurePair> changedFigures() {
    return figures.stream().filter(p -> !p.same()).toList();
  }
}
