package org.citewatch.model;

/** One unit of a page's text, in reading order: a heading, paragraph, list item or table row. */
public record Block(Kind kind, String text) {

  public enum Kind {
    HEADING,
    PARAGRAPH,
    ITEM,
    ROW
  }
}
