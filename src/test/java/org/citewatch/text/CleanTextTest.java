package org.citewatch.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CleanTextTest {

  private static final String ALPHABET = "  \n\t\r\u000B\u001Ce\u0301aëçЖжđ\u00A0\u2000\u2007\u202F\u3000|€5,.\u0308o\u1680";

  @Test
  void textCleanedWhileAppendedIsTheTextCleanedWhole() {
    Random random = new Random(20);
    for (int round = 0; round < 20_000; round++) {
      CleanText clean = new CleanText();
      StringBuilder whole = new StringBuilder();
      int parts = random.nextInt(4) + 1;
      for (int p = 0; p < parts; p++) {
        StringBuilder part = new StringBuilder();
        // now and then a part longer than all before it, which the text must grow for
        for (int i = random.nextInt(10) == 0 ? random.nextInt(300) : random.nextInt(8); i > 0; i--) {
          part.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        whole.append(part);
        clean.append(part.toString());
        assertThat(clean.isBlank()).as("blank after %s", whole).isEqualTo(whole.toString().isBlank());
      }
      assertThat(clean.take()).as("cleaned %s", whole).isEqualTo(Normalizer.clean(whole.toString()));
      assertThat(clean.isBlank()).isTrue();
    }
  }

  @Test
  void aPageParagraphReadsAsBefore() {
    String paragraph = "\n    Taksa\u00A0për aplikim   është 50\u00A0€.\n  Захтев се подноси\u2000у полицијској управи. ";
    assertThat(new CleanText().append(paragraph).take())
        .isEqualTo("Taksa për aplikim është 50 €. Захтев се подноси у полицијској управи.");
  }
}
