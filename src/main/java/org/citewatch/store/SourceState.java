package org.citewatch.store;

import java.time.Instant;
import java.util.Optional;
import org.citewatch.extract.Skeleton;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Snapshot;

/**
 * What the index keeps per source: the latest good snapshot (the baseline for the next
 * comparison) and the validators for a conditional GET.
 *
 * @param reported the baseline as of the last run that finished, and so journaled the alerts of its
 *     changes: when a run is killed after a check moved {@code latest} but before its alerts were
 *     written, the next run reports the change from here, so no change goes untold
 * @param shape the skeleton of a snapshot's page, kept only here: a cache like the rest of the
 *     index, made again by the next parse when it is lost
 * @param pendingRun the run whose check wrote this state: {@code reported} stands until that run
 *     finishes, and then everything here is reported. A finished run so tells its sources' changes
 *     by one index entry of its own, not by rewriting each source's (issue 19)
 */
public record SourceState(
    String sourceId, Optional<Snapshot> latest, Optional<String> etag, Optional<String> lastModified,
    Optional<Instant> lastChecked, Optional<Snapshot> reported, Optional<Shape> shape, Optional<String> pendingRun) {

  /** The skeleton of the page of snapshot {@code snapshot}. */
  public record Shape(String snapshot, Skeleton skeleton) {}

  public SourceState {
    // an index entry written before reported existed: everything it had was reported
    reported = reported == null ? latest : reported;
    shape = shape == null ? Optional.empty() : shape;
    pendingRun = pendingRun == null ? Optional.empty() : pendingRun;
  }

  public SourceState(String sourceId, Optional<Snapshot> latest, Optional<String> etag, Optional<String> lastModified,
      Optional<Instant> lastChecked, Optional<Snapshot> reported) {
    this(sourceId, latest, etag, lastModified, lastChecked, reported, Optional.empty(), Optional.empty());
  }

  /** A state whose changes have all been reported. */
  public SourceState(String sourceId, Optional<Snapshot> latest, Optional<String> etag, Optional<String> lastModified,
      Optional<Instant> lastChecked) {
    this(sourceId, latest, etag, lastModified, lastChecked, latest);
  }

  /** A source no check has been recorded for. */
  public static SourceState none(String sourceId) {
    return new SourceState(sourceId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The same state, checked at {@code at}; {@code reported} stays until the run's alerts are journaled. */
  public SourceState checkedAt(Instant at) {
    return new SourceState(sourceId, latest, etag, lastModified, Optional.of(at), reported, shape, pendingRun);
  }

  /** The same state with a new baseline, which the next capture is compared with. */
  public SourceState withBaseline(Snapshot baseline) {
    return new SourceState(sourceId, Optional.of(baseline), etag, lastModified, lastChecked, reported, shape,
        pendingRun);
  }

  /** The same state with a new baseline and the skeleton of its page, where it has one. */
  public SourceState withBaseline(Snapshot baseline, Optional<Skeleton> skeleton) {
    return new SourceState(sourceId, Optional.of(baseline), etag, lastModified, lastChecked, reported,
        skeleton.map(s -> new Shape(baseline.id(), s)), pendingRun);
  }

  /** The skeleton of the baseline's page, if the index has it for that snapshot. */
  public Optional<Skeleton> skeleton() {
    return shape.filter(s -> latest.map(l -> l.id().equals(s.snapshot())).orElse(false)).map(Shape::skeleton);
  }

  /**
   * The same state with the validators of an answer, for the next conditional GET; an error answer has none to give.
   */
  public SourceState withValidatorsOf(Exchange answer) {
    return answer.isSuccess()
        ? new SourceState(sourceId, latest, answer.header("ETag"), answer.header("Last-Modified"), lastChecked,
            reported, shape, pendingRun)
        : this;
  }

  /** The same state, written by a check of run {@code run}: its changes are told once that run finishes. */
  SourceState pendingUntil(String run) {
    return new SourceState(sourceId, latest, etag, lastModified, lastChecked, reported, shape, Optional.of(run));
  }

  /** The same state once a finished run has reported its changes. */
  SourceState reportedNow() {
    return new SourceState(sourceId, latest, etag, lastModified, lastChecked, latest, shape, Optional.empty());
  }

  /** The baseline whose changes no finished run has reported yet, if a killed run moved it on. */
  public Optional<Snapshot> unreportedSince() {
    boolean moved = latest.isPresent() && reported.map(r -> !r.id().equals(latest.get().id())).orElse(false);
    return moved ? reported : Optional.empty();
  }
}
