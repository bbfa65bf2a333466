package org.citewatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class QuoteLocatorTest {

  /** Rows of src/test/resources/evaluate/quotes.psv: Albanian, Serbian in both scripts, English. */
  @ParameterizedTest(name = "[{index}] \"{0}\" in \"{1}\" → {2}")
  @CsvFileSource(resources = "/evaluate/quotes.psv", delimiter = '|', quoteCharacter = '\u0000', maxCharsPerColumn = 4096)
  void findsAQuoteInTiers(String quote, String page, String expected) {
    Optional<QuoteMatch> match = new QuoteLocator(unescape(page)).find(unescape(quote));

    String outcome = match.map(m -> m.changedFigures().isEmpty() ? m.tier().name() : "FIGURE_CHANGED").orElse("MISSING");
    assertThat(outcome).isEqualTo(expected);
  }

  /** The table writes invisible characters as \\uXXXX so that a reader can see them. */
  static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      if (text.startsWith("\\u", i) && i + 6 <= text.length()) {
        out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
        i += 5;
      } else {
        out.append(text.charAt(i));
      }
    }
    return out.toString();
  }

  @Test
  void aChangedFigureIsReportedWithThePagesOwnWording() {
    QuoteMatch match = new QuoteLocator("Leja.\nTaksa për leje-qëndrim | €60\nFund.").find("Taksa për leje-qëndrim | €50")
        .orElseThrow();

    assertThat(match.passage()).isEqualTo("Taksa për leje-qëndrim | €60");
    assertThat(match.changedFigures()).singleElement().satisfies(p -> {
      assertThat(p.quoted()).hasToString("50 EUR");
      assertThat(p.onPage()).hasToString("60 EUR");
    });
  }

  @Test
  void aNormalisedMatchShowsThePassageAsThePageWritesIt() {
    QuoteMatch match = new QuoteLocator("Prvo.  Zahtev se podnosi ISKLJUČIVO elektronski.").find("zahtev se podnosi isključivo elektronski")
        .orElseThrow();

    assertThat(match.tier()).isEqualTo(Tier.NORMALISED);
    assertThat(match.passage()).isEqualTo("Zahtev se podnosi ISKLJUČIVO elektronski");
  }

  @Test
  void theKosovoClauseDriftIsAChangedClauseNamingTheInsertedWords() {
    String quote = "Dëshminë që nuk është i dënuar, e lëshuar nga shteti, shtetas i të cilit është i huaji";
    String page = "Dokumentet e nevojshme\n1. Formularin e kërkesës;\n2. Dëshminë që nuk është i dënuar, dhe dëshminë që nuk "
        + "është nën hetime e lëshuar nga shteti, shtetas i të cilit është i huaji;\n3. Sigurimin shëndetësor;";

    QuoteMatch match = new QuoteLocator(page).find(quote).orElseThrow();

    assertThat(match.tier()).isEqualTo(Tier.APPROXIMATE);
    assertThat(match.passage()).isEqualTo("Dëshminë që nuk është i dënuar, dhe dëshminë që nuk është nën hetime e lëshuar "
        + "nga shteti, shtetas i të cilit është i huaji");
    assertThat(Evaluator.reworded(quote, match)).isEqualTo("the quoted clause now reads differently on the source (83% alike); "
        + "added \u00ABdhe dëshminë që nuk është nën hetime\u00BB");
  }
}
