package org.citewatch.model;

import java.time.Instant;

/** One pass over the sources, as report.json's {@code run} object tells it. */
public record RunSummary(
    String id, Instant started, Instant finished, int exitCode, int checked, int changed, int unchanged, int failed) {}
