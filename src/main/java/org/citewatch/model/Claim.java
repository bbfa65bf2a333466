package org.citewatch.model;

import java.util.Optional;

/**
 * One statement of a program resting on a source: a quoted clause, a figure, or both. A figure with
 * a quote must appear in that quote (config checks it), so the figure is checked where it is quoted.
 */
public record Claim(String id, String sourceId, Optional<String> quote, Optional<Figure> figure) {}
