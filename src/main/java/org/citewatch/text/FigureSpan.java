package org.citewatch.text;

import org.citewatch.model.Figure;

/** A figure found in a text, with where it was written. */
public record FigureSpan(int start, int end, String written, Figure figure) {}
