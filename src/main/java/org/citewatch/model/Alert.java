package org.citewatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A finding with an identity and a lifecycle: raised once, seen again, resolved or acknowledged. */
public record Alert(
    String id,
    AlertKind kind,
    Optional<String> program,
    Optional<String> claim,
    Optional<String> source,
    List<String> programs,
    String message,
    Evidence evidence,
    Instant firstSeen,
    Instant lastSeen,
    State state,
    Optional<Acknowledgement> acknowledgement) {

  public Alert {
    programs = List.copyOf(programs);
    acknowledgement = acknowledgement == null ? Optional.empty() : acknowledgement;
  }

  public Alert(String id, AlertKind kind, Optional<String> program, Optional<String> claim, Optional<String> source,
      List<String> programs, String message, Evidence evidence, Instant firstSeen, Instant lastSeen, State state) {
    this(id, kind, program, claim, source, programs, message, evidence, firstSeen, lastSeen, state, Optional.empty());
  }

  /** Who acknowledged the alert, when, and their note: shown wherever the alert is. */
  public record Acknowledgement(String by, Instant at, Optional<String> note) {}

  public Alert acknowledgedBy(String by, Instant at, Optional<String> note) {
    return new Alert(id, kind, program, claim, source, programs, message, evidence, firstSeen, lastSeen,
        State.ACKNOWLEDGED, Optional.of(new Acknowledgement(by, at, note)));
  }

  public enum State {
    OPEN,
    ACKNOWLEDGED,
    RESOLVED
  }

  public boolean isActive() {
    return state != State.RESOLVED;
  }

  public Alert withState(State newState) {
    return new Alert(id, kind, program, claim, source, programs, message, evidence, firstSeen, lastSeen, newState,
        acknowledgement);
  }

  public Alert lastSeenAt(Instant at) {
    return new Alert(id, kind, program, claim, source, programs, message, evidence, firstSeen, at, state,
        acknowledgement);
  }

  public Alert seenAgain(Finding finding, Instant now) {
    return new Alert(id, kind, program, claim, source, finding.programs(), finding.message(), finding.evidence(),
        firstSeen, now, state, acknowledgement);
  }
}
