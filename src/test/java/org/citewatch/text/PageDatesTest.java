package org.citewatch.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageDatesTest {

  /** Rows of src/test/resources/text/page-dates.psv: the dates program pages give for themselves. */
  @ParameterizedTest(name = "\"{0}\" is {1} {2}")
  @CsvFileSource(resources = "/text/page-dates.psv", delimiter = '|', quoteCharacter = '\u0000')
  void readsThePagesOwnDateInEveryLanguageAndScript(String text, PageDates.Kind kind, LocalDate date) {
    assertThat(PageDates.find("Kosovo · General Residence\n" + text + "\n© 2026")).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(kind);
      assertThat(s.date()).isEqualTo(date);
    });
  }

  @ParameterizedTest(name = "\"{0}\" states no page date")
  @ValueSource(strings = {"Taksa 23.06.2026 për leje", "Verified 31.02.2026", "Updated yesterday",
      "Službeni glasnik RS od 28.06.2021."})
  void otherDatesAndImpossibleOnesAreNotThePagesDate(String text) {
    assertThat(PageDates.find(text)).isEmpty();
  }
}
