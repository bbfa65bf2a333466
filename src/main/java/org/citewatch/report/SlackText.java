package org.citewatch.report;

/**
 * Text for a Slack or Mattermost message, where page text and program names are data: {@code &},
 * {@code <} and {@code >} are entity-escaped as Slack asks (so {@code <!channel>} and {@code
 * <http://…|official form>} stay text), an {@code @} is followed by a word joiner (so {@code
 * @channel}, {@code @here} and {@code @someone} notify nobody in Mattermost), and {@code ](} is
 * split (so no Markdown link or image is made). Line breaks inside a field become spaces: a page
 * cannot start a line of the message.
 */
public final class SlackText {

  private static final char WORD_JOINER = '\u2060';

  private SlackText() {}

  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '@' -> out.append('@').append(WORD_JOINER);
        case '(' -> out.append(i > 0 && text.charAt(i - 1) == ']' ? WORD_JOINER + "(" : "(");
        case '\n', '\r', '\u2028', '\u2029' -> out.append(' ');
        default -> out.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
