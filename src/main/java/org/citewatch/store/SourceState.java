package org.citewatch.store;

import java.time.Instant;
import java.util.Optional;
import org.citewatch.model.Snapshot;

/**
 * What the index keeps per source: the latest good snapshot (the baseline for the next
 * comparison) and the validators for a conditional GET.
 */
public record SourceState(
    String sourceId, Optional<Snapshot> latest, Optional<String> etag, Optional<String> lastModified,
    Optional<Instant> lastChecked) {}
