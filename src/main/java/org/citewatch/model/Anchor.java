package org.citewatch.model;

/**
 * Where a claim's quote stood the last time it held, as the W3C Web Annotation TextQuoteSelector
 * keeps it: the quote with the text just before and after it. When the quote is gone, what now
 * stands between the same prefix and suffix is the clause that replaced it.
 */
public record Anchor(String quote, String prefix, String suffix) {}
