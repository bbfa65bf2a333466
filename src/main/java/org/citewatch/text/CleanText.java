package org.citewatch.text;

import java.text.Normalizer.Form;

/**
 * Text built as {@link Normalizer#clean} would leave it, collapsing whitespace while it is
 * appended: a page's blocks are cleaned in the one pass that collects them, instead of being
 * copied, checked and rebuilt once each is whole.
 */
public final class CleanText {

  private static final char[] NO_CHARS = new char[0];

  // The text so far in chars[0, length); a part is appended by copying it behind the text and
  // collapsing it where it lies. A StringBuilder took a call and its checks for every word, and
  // widened its Latin-1 array at the first Cyrillic letter: a third of the time this class took.
  private char[] chars = NO_CHARS;
  private int length;
  private boolean pendingSpace;
  private boolean maybeNotNfc;
  private boolean blank = true;

  /** Appends text; a whitespace run, here or across appends, becomes one space, none at the start. */
  public CleanText append(String part) {
    int partLength = part.length();
    // one slot between the text and the part: a space pending from the last append may go there
    int start = length + 1;
    if (chars.length < start + partLength) {
      char[] grown = new char[Math.max(start + partLength, 2 * chars.length)];
      System.arraycopy(chars, 0, grown, 0, length);
      chars = grown;
    }
    part.getChars(0, partLength, chars, start);
    char[] text = chars;
    int end = start + partLength;
    // writing never overtakes reading: a space written was read as a space not yet written
    int write = length;
    for (int read = start; read < end; read++) {
      char c = text[read];
      if (Normalizer.isSpace(c)) {
        pendingSpace = write > 0;
        // a no-break space is no whitespace to String.isBlank, which blocks were always judged by
        blank &= Character.isWhitespace(c);
      } else {
        if (pendingSpace) {
          text[write++] = ' ';
          pendingSpace = false;
        }
        text[write++] = c;
        blank = false;
        maybeNotNfc |= c >= Normalizer.FIRST_NON_TRIVIAL_FOR_NFC;
      }
    }
    length = write;
    return this;
  }

  /** As {@link String#isBlank} would say of everything appended since the last {@link #take}. */
  public boolean isBlank() {
    return blank;
  }

  /** The text so far, trimmed and in NFC, and starts again empty. */
  public String take() {
    String done = new String(chars, 0, length);
    if (maybeNotNfc && !java.text.Normalizer.isNormalized(done, Form.NFC)) {
      // NFC can turn one space into another (U+2000 into U+2002): clean again what it made
      done = Normalizer.clean(java.text.Normalizer.normalize(done, Form.NFC));
    }
    length = 0;
    pendingSpace = false;
    maybeNotNfc = false;
    blank = true;
    return done;
  }
}
