package org.citewatch.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citewatch.fetch.Attempt;
import org.citewatch.fetch.Exchange;
import org.citewatch.fetch.FetchResult;
import org.citewatch.model.Snapshot;

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

  /** A check of what a fetch gave, before it is known what it wrote: no snapshot, no record, no error. */
  public static Check of(FetchResult result, Outcome outcome, List<WarcRef> redirectRecords) {
    Optional<Exchange> exchange = result.exchange();
    return new Check(result.sourceId(), result.requested(),
        exchange.map(Exchange::url).filter(u -> !u.equals(result.requested())), result.started(),
        exchange.map(Exchange::status), result.attempts(), outcome, Optional.empty(),
        exchange.map(Exchange::payloadDigest), Optional.empty(), Optional.empty(), result.redirects(),
        Optional.empty(), redirectRecords);
  }

  /** The same check, having made a snapshot. */
  public Check withSnapshot(Snapshot snapshot) {
    return new Check(sourceId, url, finalUrl, started, status, attempts, outcome, Optional.of(snapshot.id()),
        payloadDigest, Optional.of(snapshot.contentDigest()), record, redirects, error, redirectRecords);
  }

  /** The same check, having written its answer to the WARC files. */
  public Check withRecord(WarcRef written) {
    return new Check(sourceId, url, finalUrl, started, status, attempts, outcome, snapshotId, payloadDigest,
        contentDigest, Optional.of(written), redirects, error, redirectRecords);
  }

  /** The same check, with what went wrong. */
  public Check withError(String why) {
    return new Check(sourceId, url, finalUrl, started, status, attempts, outcome, snapshotId, payloadDigest,
        contentDigest, record, redirects, Optional.of(why), redirectRecords);
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
