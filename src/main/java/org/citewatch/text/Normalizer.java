package org.citewatch.text;

import java.text.Normalizer.Form;

/** Normalisation of text for comparison: what a reader would not call a change is erased. */
public final class Normalizer {

  /**
   * Every character below U+0300 has canonical combining class 0 and NFC quick-check "yes", so a
   * text made only of them is already in NFC (checked against ICU's data in NormalizerTest).
   */
  static final char FIRST_NON_TRIVIAL_FOR_NFC = '\u0300';

  private Normalizer() {}

  /** NFC and whitespace runs (including non-breaking spaces) collapsed to one space, trimmed. */
  public static String clean(String text) {
    String nfc = isNfc(text) ? text : java.text.Normalizer.normalize(text, Form.NFC);
    return isCollapsed(nfc) ? nfc : collapse(nfc);
  }

  // Most blocks are short Latin or Cyrillic text that is already clean: checking is a fraction of
  // the cost of rebuilding it, and each page has hundreds of blocks.
  private static boolean isNfc(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= FIRST_NON_TRIVIAL_FOR_NFC) {
        return java.text.Normalizer.isNormalized(text, Form.NFC);
      }
    }
    return true;
  }

  private static boolean isCollapsed(String text) {
    int last = text.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = text.charAt(i);
      if (isSpace(c) && (c != ' ' || i == 0 || i == last || text.charAt(i + 1) == ' ')) {
        return false;
      }
    }
    return true;
  }

  private static String collapse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSpace(c)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  // Small enough for C1 to inline into every loop over text: the letters of Latin, Greek, Cyrillic
  // and Armenian text, below U+1680 (the first space after U+00A0), are told apart without a call.
  static boolean isSpace(char c) {
    return (c <= ' ' || c == '\u00A0' || c >= '\u1680') && isSpaceInFull(c);
  }

  private static boolean isSpaceInFull(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001C' && c <= '\u001F');
    }
    if (c < '\u1680') {
      return c == '\u00A0';
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
