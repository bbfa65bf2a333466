package org.citewatch.text;

import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text in a comparison tier's form that remembers, for each of its characters, where in the
 * original it came from, so that a match found here is shown to people as the page wrote it.
 *
 * <p>The normalised tier evens out whitespace, invisible characters, typographic quotes, dashes,
 * compatibility forms (ligatures, full-width letters), case, list numbering and the boundaries of
 * table cells and label/value pairs; the folded tier also
 * transliterates Cyrillic and drops diacritics. Figures may be masked: each becomes one {@link
 * #FIGURE} character, so that a quote still matches when only how a figure is written (or its
 * value) changed.
 */
public final class NormalisedText {

  public static final char FIGURE = '\uE000';

  /** A list marker at the start of a line: "1.", "2)", "a)", "iv.", "•", "-" …, then a space. */
  private static final Pattern LIST_MARKER = Pattern.compile(
      "(?m)^[ \\t\\u00A0]*(?:\\d{1,3}[.)]|\\(\\d{1,3}\\)|[a-zа-ш][.)]|[ivxIVX]{1,5}[.)]|[•·▪●◦‣\\-–—*])[ \\t\\u00A0]+");

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

  public static NormalisedText of(String original) {
    return of(original, List.of(), false);
  }

  /**
   * @param original NFC text (extracted blocks are)
   * @param masked figures to replace by {@link #FIGURE}, in order
   * @param fold whether to transliterate and drop diacritics too
   */
  public static NormalisedText of(String original, List<FigureSpan> masked, boolean fold) {
    List<Span> markers = listMarkers(original);
    Builder out = new Builder(original.length());
    int mask = 0;
    int marker = 0;
    for (int i = 0; i < original.length(); ) {
      if (marker < markers.size() && markers.get(marker).start() == i) {
        i = markers.get(marker++).end();
        out.markerEndedAt(i);
        continue;
      }
      while (mask < masked.size() && masked.get(mask).end() <= i) {
        mask++;
      }
      if (mask < masked.size() && masked.get(mask).start() == i) {
        FigureSpan f = masked.get(mask++);
        out.emit(FIGURE, f.start(), f.end());
        i = f.end();
        continue;
      }
      char c = original.charAt(i);
      if (Normalizer.isSpace(c) || isCellBoundary(original, i)) {
        out.space(i);
      } else {
        out.mapped(c, i, fold);
      }
      i++;
    }
    return out.build(original);
  }

  /**
   * The normalised text as it is written, with where each of its characters came from. A run of
   * spaces is held back as one pending space, written only if a character that takes one follows.
   */
  private static final class Builder {
    private final StringBuilder out;
    private int[] from;
    private int[] to;
    private boolean pendingSpace;
    private int spaceAt;

    Builder(int length) {
      out = new StringBuilder(length);
      from = new int[length * 2 + 4];
      to = new int[from.length];
    }

    /** A list marker ended just before {@code i}: it reads as a space. */
    void markerEndedAt(int i) {
      pendingSpace = out.length() > 0;
      spaceAt = Math.max(0, i - 1);
    }

    void space(int i) {
      if (!pendingSpace) {
        spaceAt = i;
      }
      pendingSpace = out.length() > 0;
    }

    /** Original character {@code c} at {@code i}, mapped, lower-cased and, when folding, folded. */
    void mapped(char c, int i, boolean fold) {
      String mapped = map(c);
      for (int k = 0; k < mapped.length(); k++) {
        char lower = Character.toLowerCase(mapped.charAt(k));
        String emitted = fold ? Fold.fold(lower) : String.valueOf(lower);
        for (int e = 0; e < emitted.length(); e++) {
          emit(emitted.charAt(e), i, i + 1);
        }
      }
    }

    /** One character, from the original's {@code [start, end)}, after the pending space if it takes one. */
    void emit(char c, int start, int end) {
      if (out.length() + 2 >= from.length) {
        from = Arrays.copyOf(from, from.length * 2);
        to = Arrays.copyOf(to, to.length * 2);
      }
      if (pendingSpace && spaceBefore(out, c)) {
        add(' ', spaceAt, spaceAt + 1);
      }
      pendingSpace = false;
      add(c, start, end);
    }

    private void add(char c, int start, int end) {
      int n = out.length();
      from[n] = start;
      to[n] = end;
      out.append(c);
    }

    NormalisedText build(String original) {
      int n = out.length();
      return new NormalisedText(original, out.toString(), Arrays.copyOf(from, n), Arrays.copyOf(to, n));
    }
  }

  /** Only list markers at line starts that are not themselves part of a longer number or word. */
  public static List<Span> listMarkers(String text) {
    List<Span> spans = new ArrayList<>();
    Matcher m = LIST_MARKER.matcher(text);
    while (m.find()) {
      spans.add(new Span(m.start(), m.end()));
    }
    return spans;
  }

  public String text() {
    return text;
  }

  public int length() {
    return text.length();
  }

  /** The original text behind normalised characters {@code [start, end)}. */
  public String original(int start, int end) {
    return original.substring(from[start], to[end - 1]);
  }

  public int originalStart(int start) {
    return from[start];
  }

  public int originalEnd(int end) {
    return to[end - 1];
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

  /**
   * Where a table row's cells meet (" | ", as extraction joins them) or a label meets its value
   * ("Afati i ankimimit: 8 ditë"), a reader sees only a gap: a quote copied from a browser with a
   * space, a tab or a colon there is the same wording.
   */
  static boolean isCellBoundary(String text, int i) {
    char c = text.charAt(i);
    if (c != '|' && c != ':') {
      return false;
    }
    boolean spaceAfter = i + 1 >= text.length() || Normalizer.isSpace(text.charAt(i + 1));
    boolean spaceBefore = i == 0 || Normalizer.isSpace(text.charAt(i - 1));
    return c == '|' ? spaceAfter && spaceBefore : spaceAfter && !spaceBefore && i + 1 < text.length();
  }

  /** No space inside parentheses or before punctuation: "( 5 )" and "(5)", "dënuar ," and "dënuar," are one. */
  private static boolean spaceBefore(StringBuilder out, char next) {
    char last = out.charAt(out.length() - 1);
    return ",.;:!?)]".indexOf(next) < 0 && last != '(' && last != '[';
  }

  /**
   * Invisible characters vanish; typographic quotes, dashes and ellipses become ASCII; ligatures
   * and full-width forms are decomposed (NFKC, only where it cannot change a figure's meaning).
   */
  private static String map(char c) {
    return switch (c) {
      case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F' -> "";
      case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '`', '\u00B4' -> "'";
      case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033' -> "\"";
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> "-";
      case '\u2026' -> "...";
      default -> (c >= '\uFB00' && c <= '\uFB4F') || (c >= '\uFF01' && c <= '\uFF5E')
          ? java.text.Normalizer.normalize(String.valueOf(c), Form.NFKC)
          : String.valueOf(c);
    };
  }
}
