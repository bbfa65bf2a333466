package org.citewatch.text;

/** A range {@code [start, end)} of a text. */
public record Span(int start, int end) {}
