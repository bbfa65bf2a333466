package org.citewatch.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Who recorded a maintainer's decision (an acknowledgement, a verification), when, and the note
 * they gave: what the journal line names, and every view of the alert shows.
 */
public record Attribution(String by, Instant at, Optional<String> note) {

  /** @param note as typed on the command line; null is no note */
  public static Attribution of(String by, Instant at, String note) {
    return new Attribution(by, at, Optional.ofNullable(note));
  }
}
