package org.citewatch.model;

import java.time.Instant;

/**
 * One pass over the sources, as report.json's {@code run} object tells it.
 *
 * @param changed sources whose content differs from their last snapshot, first captures included
 * @param baselines how many of {@code changed} were first captures, which have nothing to differ from
 */
public record RunSummary(String id, Instant started, Instant finished, int exitCode, int checked, int changed,
    int unchanged, int failed, int baselines) {}
