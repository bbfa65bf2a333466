package org.citewatch.evaluate;

/**
 * Widens a passage of page text word by word, never across a sentence's end or a block's edge
 * (blocks are lines of the page text).
 */
final class Sentences {

  /** As many words as the sentence has. */
  static final int WHOLE = Integer.MAX_VALUE;
  private static final String ENDS = ".!?;";

  private Sentences() {}

  /** The start of the passage after taking up to {@code words} more words before {@code start}. */
  static int widenLeft(String text, int start, int words) {
    int at = start;
    for (int taken = 0; taken < words; taken++) {
      int i = at;
      while (i > 0 && !isWord(text.charAt(i - 1))) {
        char c = text.charAt(i - 1);
        if (c == '\n' || ENDS.indexOf(c) >= 0) {
          return at;
        }
        i--;
      }
      if (i == 0) {
        return at;
      }
      while (i > 0 && isWord(text.charAt(i - 1))) {
        i--;
      }
      at = i;
    }
    return at;
  }

  /** The end of the passage after taking up to {@code words} more words, and the sentence's closing mark. */
  static int widenRight(String text, int end, int words) {
    int at = end;
    for (int taken = 0; taken <= words; taken++) {
      int i = at;
      while (i < text.length() && !isWord(text.charAt(i))) {
        char c = text.charAt(i);
        if (c == '\n') {
          return at;
        }
        if (ENDS.indexOf(c) >= 0) {
          return words > 0 ? i + 1 : at;
        }
        i++;
      }
      if (i >= text.length() || taken == words) {
        return at;
      }
      while (i < text.length() && isWord(text.charAt(i))) {
        i++;
      }
      at = i;
    }
    return at;
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '\u2019' || c == '\'' || c == '-' || c == '€' || c == '%';
  }
}
