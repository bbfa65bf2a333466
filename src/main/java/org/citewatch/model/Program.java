package org.citewatch.model;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A page of the information site, and the claims it makes.
 *
 * @param page the site's page itself, when citewatch is to read it too
 */
public record Program(
    String id, String name, LocalDate lastVerified, Optional<Duration> staleAfter, List<Claim> claims,
    Optional<ProgramPage> page) {

  public Program {
    claims = List.copyOf(claims);
  }

  /** A program whose site page citewatch does not read. */
  public Program(String id, String name, LocalDate lastVerified, Optional<Duration> staleAfter, List<Claim> claims) {
    this(id, name, lastVerified, staleAfter, claims, Optional.empty());
  }
}
