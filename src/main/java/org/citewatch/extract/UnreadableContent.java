package org.citewatch.extract;

/** The body is of a type, or in a state, that no extractor can read. */
public final class UnreadableContent extends Exception {

  private static final long serialVersionUID = 1L;

  public UnreadableContent(String message) {
    super(message);
  }
}
