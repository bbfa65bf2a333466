package org.citewatch.text;

import java.text.Normalizer.Form;

/**
 * Text built as {@link Normalizer#clean} would leave it, collapsing whitespace while it is
 * appended: a page's blocks are cleaned in the one pass that collects them, instead of being
 * copied, checked and rebuilt once each is whole.
 */
public final class CleanText {

  private static final char[] NO_CHARS = new char[0];

  private final StringBuilder text = new StringBuilder(128);
  // sized by the longest part appended: a page makes one CleanText a block, most of them short
  private char[] chars = NO_CHARS;
  private boolean pendingSpace;
  private boolean maybeNotNfc;
  private boolean blank = true;

  /** Appends text; a whitespace run, here or across appends, becomes one space, none at the start. */
  public CleanText append(String part) {
    int length = part.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, 2 * chars.length)];
    }
    // read from an array: C1, the compiler a nightly run has, checks each String.charAt of a
    // Cyrillic text through three calls; and a run of non-space characters is copied whole
    part.getChars(0, length, chars, 0);
    char[] read = chars;
    int run = -1;
    for (int i = 0; i < length; i++) {
      char c = read[i];
      if (Normalizer.isSpace(c)) {
        if (run >= 0) {
          text.append(read, run, i - run);
          run = -1;
        }
        pendingSpace = text.length() > 0;
        // a no-break space is no whitespace to String.isBlank, which blocks were always judged by
        blank &= Character.isWhitespace(c);
      } else {
        if (run < 0) {
          blank = false;
          if (pendingSpace) {
            text.append(' ');
            pendingSpace = false;
          }
          run = i;
        }
        maybeNotNfc |= c >= Normalizer.FIRST_NON_TRIVIAL_FOR_NFC;
      }
    }
    if (run >= 0) {
      text.append(read, run, length - run);
    }
    return this;
  }

  /** As {@link String#isBlank} would say of everything appended since the last {@link #take}. */
  public boolean isBlank() {
    return blank;
  }

  /** The text so far, trimmed and in NFC, and starts again empty. */
  public String take() {
    String done = text.toString();
    if (maybeNotNfc && !java.text.Normalizer.isNormalized(done, Form.NFC)) {
      // NFC can turn one space into another (U+2000 into U+2002): clean again what it made
      done = Normalizer.clean(java.text.Normalizer.normalize(done, Form.NFC));
    }
    text.setLength(0);
    pendingSpace = false;
    maybeNotNfc = false;
    blank = true;
    return done;
  }
}
