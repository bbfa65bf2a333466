package org.citewatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A changed clause's evidence is the whole passage it now corresponds to, and its message names every change. */
class WholeEvidenceTest {

  static QuoteMatch find(String page, String quote) {
    return new QuoteLocator(page).find(quote).orElseThrow();
  }

  @Test
  void aWordAddedAtTheEndOfASentenceIsInTheEvidenceAndTheMessage() {
    String quote = "The temporary residence permit may be extended.";
    QuoteMatch match = find("Conditions\nThe temporary residence permit may be extended once.\nFees", quote);

    assertThat(match.tier()).as("not a hold: the sentence goes on").isEqualTo(Tier.APPROXIMATE);
    assertThat(match.passage()).isEqualTo("The temporary residence permit may be extended once.");
    assertThat(Evaluator.reworded(quote, match)).endsWith("; added \u00ABonce\u00BB").doesNotContain("removed");
  }

  @Test
  void aFinalFullStopAloneIsNoChange() {
    QuoteMatch match = find("The temporary residence permit may be extended", "The temporary residence permit may be extended.");

    assertThat(match.tier()).isEqualTo(Tier.NORMALISED);
  }

  @Test
  void aPhraseInsertedInTheMiddleIsInTheEvidenceAndNoWordStillThereIsNamedRemoved() {
    String quote = "Kërkesa paraqitet personalisht në Departamentin për Shtetësi brenda afatit të qëndrimit të lejuar";
    String page = "Hyrje\nKërkesa paraqitet personalisht në Departamentin për Shtetësi, Azil dhe Migrim të Ministrisë "
        + "së Punëve të Brendshme, në zyrat rajonale, brenda afatit të qëndrimit të lejuar.\nFund";

    QuoteMatch match = find(page, quote);

    assertThat(match.passage()).startsWith("Kërkesa paraqitet").endsWith("brenda afatit të qëndrimit të lejuar")
        .contains("Azil dhe Migrim të Ministrisë së Punëve të Brendshme, në zyrat rajonale");
    assertThat(Evaluator.reworded(quote, match)).contains("added \u00ABAzil dhe Migrim të Ministrisë së Punëve të "
        + "Brendshme, në zyrat rajonale\u00BB").doesNotContain("removed");
  }

  @Test
  void wordsReplacedAtTheStartAreShownWithWhatReplacedThem() {
    String quote = "Dy fotografi me ngjyra të madhësisë 4.5 x 3.5 cm të bëra së fundmi.";
    String page = "Dokumentet\nKatër fotografi bardhë e zi të madhësisë 4.5 x 3.5 cm të bëra së fundmi.\nTaksa";

    QuoteMatch match = find(page, quote);

    assertThat(match.passage()).isEqualTo("Katër fotografi bardhë e zi të madhësisë 4.5 x 3.5 cm të bëra së fundmi.");
    String message = Evaluator.reworded(quote, match);
    assertThat(message).contains("\u00ABKatër\u00BB", "\u00ABDy\u00BB", "\u00ABbardhë e zi\u00BB", "\u00ABme ngjyra\u00BB")
        .doesNotContain("\u00ABcm\u00BB", "cm.");
  }

  @Test
  void aCountWrittenInWordsAndDigitsThatChangedIsAFigureChange() {
    QuoteMatch match = find("Dokumentet\nTri (3) fotografi 4.5 x 3.5 cm.\nTaksa", "Dy (2) fotografi 4.5 x 3.5 cm.");

    assertThat(match.changedFigures()).singleElement().satisfies(p -> {
      assertThat(p.quotedAs()).isEqualTo("Dy (2)");
      assertThat(p.onPageAs()).isEqualTo("Tri (3)");
    });
    assertThat(match.passage()).isEqualTo("Tri (3) fotografi 4.5 x 3.5 cm");
  }
}
