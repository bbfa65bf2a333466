package org.citewatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.citewatch.extract.Extractor;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Block;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Quotes copied from table rows, {@code <dl>} pairs and "label: value" lines, matched against the
 * page as extraction makes it: the boundary between cells is a gap, never a word.
 */
class TableQuoteTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" in {1} → {2}")
  @CsvFileSource(resources = "/evaluate/table-quotes.psv", delimiter = '|', quoteCharacter = '\u0000',
      maxCharsPerColumn = 4096)
  void aQuoteFromATableMatchesWhateverSeparatesItsCells(String quote, String html, String expected, String detail)
      throws Exception {
    String page = text(html);
    Optional<QuoteMatch> match = new QuoteLocator(page).find(QuoteLocatorTest.unescape(quote));

    String outcome = match.map(m -> m.changedFigures().isEmpty() ? m.tier().name() : "FIGURE_CHANGED").orElse("MISSING");
    assertThat(outcome).as("page text: %s", page).isEqualTo(expected);
    if (outcome.equals("FIGURE_CHANGED")) {
      assertThat(match.get().changedFigures()).extracting(p -> p.quoted() + " -> " + p.onPage()).containsExactly(detail);
    }
    if (outcome.equals("APPROXIMATE")) {
      String message = Evaluator.reworded(QuoteLocatorTest.unescape(quote), match.get());
      assertThat(message).doesNotContain("\u00AB|\u00BB").contains(detail);
    }
  }

  static String text(String html) throws Exception {
    byte[] body = ("<html><body><main>" + html + "</main></body></html>").getBytes(StandardCharsets.UTF_8);
    Exchange exchange = new Exchange(URI.create("https://mpb.rks-gov.net/f/45"), new byte[0], 200, "OK",
        List.of(new Exchange.Header("Content-Type", "text/html; charset=utf-8")), new byte[0], body, body);
    Source source = new Source("xk", exchange.url(), "sq", Optional.of("main"), List.of(), Optional.empty(), true);
    List<Block> blocks = new Extractor().extract(source, exchange).blocks();
    return new Snapshot("s", "xk", java.time.Instant.EPOCH, "u", 200, "", "", "", 0, 0, "", true, blocks, "", 0).text();
  }
}
