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
    Optional<Attribution> acknowledgement) {

  public Alert {
    programs = List.copyOf(programs);
    acknowledgement = acknowledgement == null ? Optional.empty() : acknowledgement;
  }

  /** A new alert for {@code finding}, raised {@code at}: open, seen once. */
  public static Alert raised(String id, Finding finding, Instant at) {
    return new Alert(id, finding.kind(), finding.program(), finding.claim(), finding.source(), finding.programs(),
        finding.message(), finding.evidence(), at, at, State.OPEN, Optional.empty());
  }

  /** The same alert, acknowledged: who, when and their note are shown wherever the alert is. */
  public Alert acknowledged(Attribution who) {
    return new Alert(id, kind, program, claim, source, programs, message, evidence, firstSeen, lastSeen,
        State.ACKNOWLEDGED, Optional.of(who));
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
