package org.citewatch.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One check of one source, as the journal records it.
 *
 * @param record the WARC record this check wrote: a response, or a revisit for an unchanged page
 */
public record Check(
    String sourceId,
    URI url,
    Optional<URI> finalUrl,
    Instant started,
    Optional<Integer> status,
    int attempts,
    Outcome outcome,
    Optional<String> snapshotId,
    Optional<String> payloadDigest,
    Optional<String> contentDigest,
    Optional<WarcRef> record,
    List<URI> redirects,
    Optional<String> error) {

  public Check {
    redirects = List.copyOf(redirects);
  }

  public enum Outcome {
    /** The first capture of a source: the baseline. */
    NEW,
    CHANGED,
    UNCHANGED,
    FAILED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
