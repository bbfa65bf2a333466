package org.citewatch.evaluate;

import java.util.Locale;

/** How a quote was found on its page, from strictest to loosest. */
public enum Tier {
  /** The quote stands on the page character for character. */
  EXACT,
  /**
   * Found once whitespace, invisible characters, typographic marks, case, list numbering and how figures are written
   * were evened out.
   */
  NORMALISED,
  /** Found once diacritics were dropped and Cyrillic transliterated too (either script, or a mix inside words). */
  FOLDED,
  /** Not found, but a close passage stands on the page: the clause was reworded. */
  APPROXIMATE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
