package org.citewatch.fetch;

import java.util.Optional;

/** HTTP validators from the last good response, sent back for a conditional GET. */
public record Validators(Optional<String> etag, Optional<String> lastModified) {

  public static Validators none() {
    return new Validators(Optional.empty(), Optional.empty());
  }
}
