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

  /** About one claim of a program, on the source it cites. */
  public static Finding forClaim(AlertKind kind, String program, String claim, String source, String message,
      Evidence evidence) {
    return new Finding(kind, Optional.of(program), Optional.of(claim), Optional.of(source), List.of(program), message,
        evidence, Optional.empty());
  }

  /** About a source, for the programs that cite it. */
  public static Finding forSource(AlertKind kind, String source, List<String> programs, String message,
      Evidence evidence) {
    return new Finding(kind, Optional.empty(), Optional.empty(), Optional.of(source), programs, message, evidence,
        Optional.empty());
  }

  /** About a program as a whole (its verification). */
  public static Finding forProgram(AlertKind kind, String program, String message) {
    return new Finding(kind, Optional.of(program), Optional.empty(), Optional.empty(), List.of(program), message,
        Evidence.none(), Optional.empty());
  }

  /** About a program's own site page, which is a source under the program's id. */
  public static Finding forSitePage(AlertKind kind, String program, String message, Evidence evidence) {
    return new Finding(kind, Optional.of(program), Optional.empty(), Optional.of(program), List.of(program), message,
        evidence, Optional.empty());
  }

  /** About citewatch itself (its store, its config), no program's or source's. */
  public static Finding forCitewatch(AlertKind kind, String message) {
    return new Finding(kind, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), message, Evidence.none(),
        Optional.empty());
  }

  /** The same finding about one claim. */
  /**
   * What an open alert was raised for, as a finding again: for a check that reads the alerts beside this run's
   * findings.
   */
  public static Finding of(Alert alert) {
    return new Finding(alert.kind(), alert.program(), alert.claim(), alert.source(), alert.programs(),
        alert.message(), alert.evidence(), Optional.empty());
  }

  public Finding withClaim(String claimId) {
    return new Finding(kind, program, Optional.of(claimId), source, programs, message, evidence, discriminator);
  }

  /** The same finding, told apart from others of its kind and scope by {@code value}. */
  public Finding withDiscriminator(String value) {
    return new Finding(kind, program, claim, source, programs, message, evidence, Optional.of(value));
  }
}
