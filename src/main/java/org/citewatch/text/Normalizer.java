package org.citewatch.text;

import java.text.Normalizer.Form;

/** Normalisation of text for comparison: what a reader would not call a change is erased. */
public final class Normalizer {

  private Normalizer() {}

  /** NFC and whitespace runs (including non-breaking spaces) collapsed to one space, trimmed. */
  public static String clean(String text) {
    String nfc = java.text.Normalizer.normalize(text, Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    boolean pendingSpace = false;
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
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

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
