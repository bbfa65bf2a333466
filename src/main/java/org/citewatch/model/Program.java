package org.citewatch.model;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A page of the information site, and the claims it makes. */
public record Program(
    String id, String name, LocalDate lastVerified, Optional<Duration> staleAfter, List<Claim> claims) {

  public Program {
    claims = List.copyOf(claims);
  }
}
