package org.citewatch.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.citewatch.model.Figure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class FigureReaderTest {

  /** Rows of src/test/resources/text/figures.psv: every format the official sites use. */
  @ParameterizedTest(name = "\"{0}\" reads as {1}")
  @CsvFileSource(resources = "/text/figures.psv", delimiter = '|', quoteCharacter = '\u0000')
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
