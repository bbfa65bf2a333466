package org.citewatch.model;

import java.util.Locale;

/** One unit of a page's text, in reading order: a heading, paragraph, list item or table row. */
public record Block(Kind kind, String text) {

  public enum Kind {
    HEADING,
    PARAGRAPH,
    ITEM,
    ROW;

    // made once: the conversion record names the kind of every block of every page
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The kind as a conversion record names it: "heading", "paragraph", "item", "row". */
    public String label() {
      return label;
    }

    /** The kind a conversion record names; an unknown name is an {@link IllegalArgumentException}. */
    public static Kind ofLabel(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }
}
