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
    State state) {

  public Alert {
    programs = List.copyOf(programs);
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
    return new Alert(id, kind, program, claim, source, programs, message, evidence, firstSeen, lastSeen, newState);
  }

  public Alert lastSeenAt(Instant at) {
    return new Alert(id, kind, program, claim, source, programs, message, evidence, firstSeen, at, state);
  }

  public Alert seenAgain(Finding finding, Instant now) {
    return new Alert(id, kind, program, claim, source, finding.programs(), finding.message(), finding.evidence(),
        firstSeen, now, state);
  }
}
