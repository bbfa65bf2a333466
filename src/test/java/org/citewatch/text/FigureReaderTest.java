package org.citewatch.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citewatch.model.Figure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FigureReaderTest {

  @ParameterizedTest(name = "\"{0}\" reads as {1}")
  @CsvSource(delimiter = '|', textBlock = """
      €50                                  | 50 EUR
      € 50                                 | 50 EUR
      50 EUR                               | 50 EUR
      EUR 50                               | 50 EUR
      EUR 50.00                            | 50 EUR
      50,00 EUR                            | 50 EUR
      50.000 €                             | 50,000 EUR
      EUR 50,000                           | 50,000 EUR
      50.000 evra                          | 50,000 EUR
      100 Euro                             | 100 EUR
      2.80 €                               | 2.8 EUR
      5.000 евра                           | 5,000 EUR
      1.000.000 RSD                        | 1,000,000 RSD
      1,000,000 RSD                        | 1,000,000 RSD
      RSD 510,00                           | 510 RSD
      11.670,00 dinara                     | 11,670 RSD
      11.670,00 динара                     | 11,670 RSD
      1 million dinars                     | 1,000,000 RSD
      1 milion dinara                      | 1,000,000 RSD
      300 din.                             | 300 RSD
      6 months                             | 6 months
      24 hours                             | 24 hours
      5 years                              | 5 years
      3 muaj                               | 3 months
      90 ditë                              | 90 days
      24 časa                              | 24 hours
      24 часа                              | 24 hours
      8 dana                               | 8 days
      5 godina                             | 5 years
      5 година                             | 5 years
      pesë ( 5 ) vite                      | 5 years
      pesëqind (500) euro                  | 500 EUR
      three months                         | 3 months
      tri meseca                           | 3 months
      """)
  void readsAFigureWrittenAnyWayAsOneTypedValue(String written, String expected) {
    List<FigureSpan> spans = FigureReader.find(written);

    assertThat(spans).extracting(s -> s.figure().toString()).containsExactly(expected);
  }

  @ParameterizedTest(name = "\"{0}\" equals \"{1}\"")
  @CsvSource(delimiter = '|', textBlock = """
      €50          | 50,00 EUR
      EUR 50,000   | 50.000 evra
      1.000.000 RSD| 1 million dinars
      24 hours     | 24 časa
      """)
  void theSameValueWrittenDifferentlyIsTheSameFigure(String a, String b) {
    Figure first = FigureReader.readOne(a).orElseThrow();
    Figure second = FigureReader.readOne(b).orElseThrow();

    assertThat(first).isEqualTo(second);
  }

  @ParameterizedTest(name = "\"{0}\" holds no figure")
  @CsvSource(delimiter = '|', textBlock = """
      Službeni glasnik RS od 28.06.2021.
      Sigurimin shëndetësor;
      """)
  void datesAndPlainWordsAreNoFigures(String text) {
    assertThat(FigureReader.find(text)).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\" is not one figure")
  @CsvSource(delimiter = '|', textBlock = """
      fifty euro
      €50 or €60
      the fee is €50
      """)
  void readOneAcceptsOnlyAWholeFigure(String text) {
    assertThat(FigureReader.readOne(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void findsEachFigureOfASentenceWithWhereItWasWritten() {
    String text = "Taksa është €50 dhe leja vlen 1 vit.";

    List<FigureSpan> spans = FigureReader.find(text);

    assertThat(spans).extracting(FigureSpan::written).containsExactly("€50", "1 vit");
    assertThat(text.substring(spans.get(0).start(), spans.get(0).end())).isEqualTo("€50");
  }
}
