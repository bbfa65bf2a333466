package org.citewatch.store;

import java.time.Instant;
import java.util.Optional;
import org.citewatch.model.Snapshot;

/**
 * What the index keeps per source: the latest good snapshot (the baseline for the next
 * comparison) and the validators for a conditional GET.
 *
 * @param reported the baseline as of the last run that finished, and so journaled the alerts of its
 *     changes: when a run is killed after a check moved {@code latest} but before its alerts were
 *     written, the next run reports the change from here, so no change goes untold
 */
public record SourceState(
    String sourceId, Optional<Snapshot> latest, Optional<String> etag, Optional<String> lastModified,
    Optional<Instant> lastChecked, Optional<Snapshot> reported) {

  public SourceState {
    // an index entry written before reported existed: everything it had was reported
    reported = reported == null ? latest : reported;
  }

  /** A state whose changes have all been reported. */
  public SourceState(String sourceId, Optional<Snapshot> latest, Optional<String> etag, Optional<String> lastModified,
      Optional<Instant> lastChecked) {
    this(sourceId, latest, etag, lastModified, lastChecked, latest);
  }

  /** The same state once a finished run has reported its changes. */
  SourceState reportedNow() {
    return new SourceState(sourceId, latest, etag, lastModified, lastChecked, latest);
  }

  /** The baseline whose changes no finished run has reported yet, if a killed run moved it on. */
  public Optional<Snapshot> unreportedSince() {
    boolean moved = latest.isPresent() && reported.map(r -> !r.id().equals(latest.get().id())).orElse(false);
    return moved ? reported : Optional.empty();
  }
}
