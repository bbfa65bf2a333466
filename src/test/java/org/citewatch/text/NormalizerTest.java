package org.citewatch.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import java.text.Normalizer.Form;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizerTest {

  @ParameterizedTest(name = "\"{0}\" cleans to \"{1}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      "  Taksa   50 € "              | "Taksa 50 €"
      "Taksa\u00A050\u2009€"          | "Taksa 50 €"
      "a\tb\nc\r\nd"                  | "a b c d"
      "Zahtev je\u202Fodobren"        | "Zahtev je odobren"
      "Захтев\u0020\u0020се"          | "Захтев се"
      "Е\u0308"                       | "Ё"
      "c\u030C"                       | "č"
      "already clean"                 | "already clean"
      " "                             | ""
      """)
  void erasesWhatAReaderWouldNotCallAChange(String text, String expected) {
    assertThat(Normalizer.clean(text)).isEqualTo(expected);
  }

  @Test
  void theAsciiShortcutForSpacesAgreesWithTheJdkOnEveryCharacter() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      boolean jdk = Character.isWhitespace(c) || Character.isSpaceChar(c);
      assertThat(Normalizer.isSpace(c)).as("U+%04X", (int) c).isEqualTo(jdk);
    }
  }

  @Test
  void everyCharacterBelowTheShortcutsLimitIsAStarterThatNfcKeeps() {
    Normalizer2 nfc = Normalizer2.getNFCInstance();
    for (char c = 0; c < Normalizer.FIRST_NON_TRIVIAL_FOR_NFC; c++) {
      assertThat(UCharacter.getCombiningClass(c)).as("ccc of U+%04X", (int) c).isZero();
      assertThat(nfc.quickCheck(String.valueOf(c))).as("NFC_QC of U+%04X", (int) c)
          .isEqualTo(com.ibm.icu.text.Normalizer.YES);
    }
  }

  @Test
  void cleaningAgreesWithPlainNfcAndCollapsingOnRandomText() {
    String alphabet = " \u00A0\t\nabcčćžšđëÇАБВЙИ\u0306\u0308\u0301e\u0300€0123456789,.";
    Random random = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String expected = java.text.Normalizer.normalize(text, Form.NFC).replaceAll("[\\s\\p{Zs}]+", " ").strip();
      assertThat(Normalizer.clean(text.toString())).as("\"%s\"", text).isEqualTo(expected);
    }
  }
}
