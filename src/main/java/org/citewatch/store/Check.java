package org.citewatch.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citewatch.fetch.Attempt;

/**
 * One check of one source, as the journal records it.
 *
 * @param attempts every try, with its status or error, in order
 * @param record the WARC record this check wrote: a response, or a revisit for an unchanged page
 * @param redirectRecords the request and response records of each redirect answer on the way
 */
public record Check(
    String sourceId,
    URI url,
    Optional<URI> finalUrl,
    Instant started,
    Optional<Integer> status,
    List<Attempt> attempts,
    Outcome outcome,
    Optional<String> snapshotId,
    Optional<String> payloadDigest,
    Optional<String> contentDigest,
    Optional<WarcRef> record,
    List<URI> redirects,
    Optional<String> error,
    List<WarcRef> redirectRecords) {

  public Check {
    attempts = List.copyOf(attempts);
    redirects = List.copyOf(redirects);
    redirectRecords = List.copyOf(redirectRecords);
  }

  /** The same check, seeing another payload: a 304's is the baseline's, not that of its empty body. */
  public Check withPayloadDigest(String digest) {
    return new Check(sourceId, url, finalUrl, started, status, attempts, outcome, snapshotId, Optional.of(digest),
        contentDigest, record, redirects, error, redirectRecords);
  }

  public enum Outcome {
    /** The first capture of a source: the baseline. */
    NEW,
    CHANGED,
    UNCHANGED,
    /** Fetched, but not the page (moved, empty, unreadable); kept as evidence, never as baseline. */
    DEGRADED,
    FAILED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
