package org.citewatch.fetch;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one fetch gave: an exchange, a failure, or both (a 503 is a failure that still has a
 * response worth keeping as evidence). A failed fetch is a value, never an exception.
 *
 * @param redirects every URL that answered with a redirect, in order, before the final one
 * @param moved set when the redirects led somewhere that is probably not the page any more: the
 *     site's home page, or another host
 * @param hops the redirect answers themselves, request and response, in order: evidence of the way
 * @param truncated the body was cut at {@code max_body}: the exchange holds its first bytes only
 */
public record FetchResult(
    String sourceId,
    URI requested,
    Instant started,
    Optional<Exchange> exchange,
    Optional<Failure> failure,
    List<URI> redirects,
    List<Attempt> attempts,
    Optional<String> moved,
    List<Exchange> hops,
    boolean truncated) {

  public FetchResult {
    redirects = List.copyOf(redirects);
    attempts = List.copyOf(attempts);
    hops = List.copyOf(hops);
  }

  public boolean ok() {
    return failure.isEmpty();
  }

  /** A 304 answer to a conditional request: the page is as it was. */
  public boolean notModified() {
    return exchange.map(e -> e.status() == 304).orElse(false);
  }
}
