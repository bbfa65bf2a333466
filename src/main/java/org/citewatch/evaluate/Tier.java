package org.citewatch.evaluate;

import java.util.Locale;

/** How a quote was found on its page, from strictest to loosest. */
public enum Tier {
  /** The quote stands on the page character for character. */
  EXACT,
  /** Found after whitespace, invisible characters, typographic marks, case and figure formatting were evened out. */
  NORMALISED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
