package org.citewatch.model;

import java.util.List;
import java.util.Optional;

/**
 * A condition observed in one run, before it becomes an alert with an id and a lifecycle.
 *
 * @param discriminator extra identity for conditions that recur with different content (a
 *     SOURCE_CHANGED for each new version of the page); empty for the rest
 */
public record Finding(
    AlertKind kind,
    Optional<String> program,
    Optional<String> claim,
    Optional<String> source,
    List<String> programs,
    String message,
    Evidence evidence,
    Optional<String> discriminator) {

  public Finding {
    programs = List.copyOf(programs);
  }
}
