package org.citewatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuoteLocatorTest {

  @ParameterizedTest(name = "[{index}] {0} in \"{1}\" → {2}")
  @CsvSource(delimiter = '|', textBlock = """
      Sigurimin shëndetësor;      | 3. Sigurimin shëndetësor;                       | EXACT
      Sigurimin shëndetësor;      | SIGURIMIN SHËNDETËSOR;                          | NORMALISED
      Sigurimin shëndetësor;      | Sigurimin\u00A0 shëndetësor ;                    | MISSING
      Sigurimin shëndetësor;      | Sigurimin\u00A0shëndetësor;                      | NORMALISED
      Sigurimin shëndetësor;      | Sigurimin shën\u00ADdetësor;                     | NORMALISED
      Sigurimin shëndetësor;      | Sigurimin shënde\u200Btësor;                     | NORMALISED
      'the "single" permit'       | the \u201Csingle\u201D permit                    | NORMALISED
      renewal - three months      | renewal \u2013 three months                      | NORMALISED
      Taksa është €50             | Taksa është 50,00 EUR                           | NORMALISED
      Taksa është €50             | Taksa është €60                                 | FIGURE_CHANGED
      Taksa është €50             | Dokumentet e nevojshme                          | MISSING
      u roku od 24 časa           | u roku od 24 sata                               | NORMALISED
      u roku od 24 časa           | u roku od 48 časa                               | FIGURE_CHANGED
      """)
  void findsAQuoteInTiers(String quote, String page, String expected) {
    Optional<QuoteMatch> match = new QuoteLocator(page).find(quote);

    String outcome = match.map(m -> m.changedFigures().isEmpty() ? m.tier().name() : "FIGURE_CHANGED").orElse("MISSING");
    assertThat(outcome).isEqualTo(expected);
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
}
