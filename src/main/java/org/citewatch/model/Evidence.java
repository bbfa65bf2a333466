package org.citewatch.model;

import java.util.Optional;

/** The text an alert rests on: what was expected or stood before, and what stands now. */
public record Evidence(Optional<String> before, Optional<String> after) {

  public static Evidence none() {
    return new Evidence(Optional.empty(), Optional.empty());
  }

  public static Evidence of(String before, String after) {
    return new Evidence(Optional.ofNullable(before), Optional.ofNullable(after));
  }
}
