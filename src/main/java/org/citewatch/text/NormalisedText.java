package org.citewatch.text;

import java.util.List;

/**
 * Text in the "normalised" tier's form that remembers, for each of its characters, where in the
 * original text it came from, so that a match found here is shown to people as the page wrote it.
 * Figures may be masked: each becomes one {@link #FIGURE} character, so that a quote still matches
 * when only how a figure is written (or its value) changed.
 */
public final class NormalisedText {

  public static final char FIGURE = '\uE000';

  private final String original;
  private final String text;
  private final int[] from;
  private final int[] to;

  private NormalisedText(String original, String text, int[] from, int[] to) {
    this.original = original;
    this.text = text;
    this.from = from;
    this.to = to;
  }

  /** {@code original} must already be NFC (extracted blocks are). */
  public static NormalisedText of(String original, List<FigureSpan> masked) {
    StringBuilder out = new StringBuilder(original.length());
    int[] from = new int[original.length() + 1];
    int[] to = new int[original.length() + 1];
    int span = 0;
    boolean pendingSpace = false;
    int spaceAt = 0;
    for (int i = 0; i < original.length(); ) {
      if (span < masked.size() && masked.get(span).start() == i) {
        FigureSpan f = masked.get(span++);
        pendingSpace = emitSpace(out, from, to, pendingSpace, spaceAt);
        add(out, from, to, FIGURE, f.start(), f.end());
        i = f.end();
        continue;
      }
      char c = original.charAt(i);
      String mapped = map(c);
      if (Normalizer.isSpace(c)) {
        if (!pendingSpace) {
          spaceAt = i;
        }
        pendingSpace = out.length() > 0;
      } else {
        for (int k = 0; k < mapped.length(); k++) {
          pendingSpace = emitSpace(out, from, to, pendingSpace, spaceAt);
          add(out, from, to, Character.toLowerCase(mapped.charAt(k)), i, i + 1);
        }
      }
      i++;
    }
    int n = out.length();
    return new NormalisedText(original, out.toString(), java.util.Arrays.copyOf(from, n), java.util.Arrays.copyOf(to, n));
  }

  public static NormalisedText of(String original) {
    return of(original, List.of());
  }

  public String text() {
    return text;
  }

  /** The original text behind normalised characters {@code [start, end)}. */
  public String original(int start, int end) {
    return original.substring(from[start], to[end - 1]);
  }

  public int originalStart(int start) {
    return from[start];
  }

  /** How many masked figures stand before position {@code index}. */
  public int figuresBefore(int index) {
    int count = 0;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == FIGURE) {
        count++;
      }
    }
    return count;
  }

  private static boolean emitSpace(StringBuilder out, int[] from, int[] to, boolean pending, int at) {
    if (pending) {
      add(out, from, to, ' ', at, at + 1);
    }
    return false;
  }

  private static void add(StringBuilder out, int[] from, int[] to, char c, int start, int end) {
    int n = out.length();
    from[n] = start;
    to[n] = end;
    out.append(c);
  }

  /** Invisible characters vanish; typographic quotes, dashes and ellipses become ASCII. */
  private static String map(char c) {
    return switch (c) {
      case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF' -> "";
      case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`', '\u00B4' -> "'";
      case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033' -> "\"";
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> "-";
      case '\u2026' -> "...";
      default -> String.valueOf(c);
    };
  }
}
