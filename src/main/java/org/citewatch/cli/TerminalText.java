package org.citewatch.cli;

import java.util.Locale;

/**
 * Page text as a terminal may show it: control characters (C0 but tab, C1, DEL) are written as
 * visible escapes, never sent, so that a page cannot clear the screen, set the window title, hide
 * text or plant an OSC 8 link in a maintainer's terminal. Newlines stay: callers print line by line.
 */
final class TerminalText {

  private TerminalText() {}

  static String safe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F);
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        out.append(control ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.valueOf(c));
      }
    }
    return out == null ? text : out.toString();
  }
}
