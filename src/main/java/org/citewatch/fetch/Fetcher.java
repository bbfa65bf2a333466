package org.citewatch.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.citewatch.model.Settings;
import org.citewatch.model.Source;

/**
 * Fetches official pages politely and says exactly why when it cannot: robots.txt first, then up
 * to {@code 1 + retries} attempts, each following at most 10 redirects by hand so that the chain is
 * recorded. Never throws for a failed fetch.
 */
public final class Fetcher implements AutoCloseable {

  static final int MAX_REDIRECTS = 10;

  /**
   * Plain http only: reading the platform's trust store and building a TLS context cost a run
   * with no https source more than a hundred of its pages, so the client that can speak TLS is
   * made at the first https URL ({@link #tls}), sharing this one's connections and threads.
   */
  private final OkHttpClient cleartext;
  private volatile OkHttpClient tls;
  private final Settings settings;
  private final Clock clock;
  private final RetryPolicy retries;
  private final Robots robots;
  private final Addresses.Resolver resolver;

  public Fetcher(Settings settings, Clock clock) {
    this(settings, clock, Dns.SYSTEM, Addresses.SYSTEM);
  }

  /**
   * @param dns how connections find a host
   * @param resolver how a redirect's target is judged internal or public (the same resolver as
   *     {@code dns}, but for tests that stand a "public" host on loopback)
   */
  Fetcher(Settings settings, Clock clock, Dns dns, Addresses.Resolver resolver) {
    this.settings = settings;
    this.clock = clock;
    this.resolver = resolver;
    this.cleartext = new OkHttpClient.Builder()
        .dns(dns)
        .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
        .connectTimeout(settings.timeout())
        .readTimeout(settings.timeout())
        .writeTimeout(settings.timeout())
        .callTimeout(settings.timeout().multipliedBy(2))
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
    this.retries = new RetryPolicy(settings, clock);
    this.robots = new Robots(this::tls, settings, clock);
  }

  private OkHttpClient tls() {
    OkHttpClient client = tls;
    if (client == null) {
      synchronized (this) {
        if (tls == null) {
          ExplainingTrustManager trust = ExplainingTrustManager.ofPlatform();
          tls = cleartext.newBuilder()
              .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
              .sslSocketFactory(trust.socketFactory(), trust)
              .build();
        }
        client = tls;
      }
    }
    return client;
  }

  /** How long to wait between two requests to this source's host, beyond per_host_delay. */
  Duration crawlDelay(Source source) {
    return source.respectRobots() && settings.respectRobots() ? robots.crawlDelay(source.url()) : Duration.ZERO;
  }

  public FetchResult fetch(Source source, Validators validators) {
    Instant started = clock.instant();
    if (source.respectRobots() && settings.respectRobots()) {
      Optional<String> forbidden = robots.forbids(source.url());
      if (forbidden.isPresent()) {
        return new FetchResult(source.id(), source.url(), started, Optional.empty(),
            Optional.of(new Failure(Failure.Kind.ROBOTS, forbidden.get())), List.of(),
            List.of(new Attempt(started, Optional.empty(), forbidden)), Optional.empty(), List.of(), false);
      }
    }
    List<Attempt> attempts = new ArrayList<>();
    while (true) {
      Instant at = clock.instant();
      Hop hop = follow(source, validators);
      attempts.add(new Attempt(at, hop.exchange().map(Exchange::status), hop.failure().map(Failure::message)));
      if (hop.failure().isEmpty()) {
        return result(source, started, hop, attempts);
      }
      RetryPolicy.Decision decision = hop.exchange().isPresent()
          ? retries.after(attempts.size(), hop.failure().get(), hop.exchange().get())
          : retries.after(attempts.size(), hop.failure().get());
      if (decision.pause().isEmpty()) {
        Failure failure = hop.failure().get();
        String message = failure.message() + decision.reason().map(r -> "; " + r).orElse("")
            + (attempts.size() > 1 ? String.format(Locale.ROOT, " (%d attempts)", attempts.size()) : "");
        return result(source, started, hop.withFailure(new Failure(failure.kind(), message)), attempts);
      }
      if (!sleep(decision.pause().get())) {
        return result(source, started, hop, attempts);
      }
    }
  }

  private static FetchResult result(Source source, Instant started, Hop hop, List<Attempt> attempts) {
    Optional<String> moved = hop.exchange().filter(e -> hop.failure().isEmpty())
        .flatMap(e -> FailureReasons.moved(source.url(), e.url()));
    return new FetchResult(source.id(), source.url(), started, hop.exchange(), hop.failure(), hop.redirects(), attempts,
        moved, hop.hops(), hop.truncated());
  }

  /** The outcome of one attempt, after its redirects, with the redirect answers kept as evidence. */
  private record Hop(Optional<Exchange> exchange, Optional<Failure> failure, List<URI> redirects, List<Exchange> hops,
      boolean truncated) {
    Hop withFailure(Failure f) {
      return new Hop(exchange, Optional.of(f), redirects, hops, truncated);
    }

    static Hop failed(Failure.Kind kind, String message, List<URI> redirects, List<Exchange> hops) {
      return new Hop(Optional.empty(), Optional.of(new Failure(kind, message)), List.copyOf(redirects),
          List.copyOf(hops), false);
    }
  }

  private Hop follow(Source source, Validators validators) {
    long start = System.nanoTime();
    URI url = source.url();
    List<URI> chain = new ArrayList<>();
    List<Exchange> hops = new ArrayList<>();
    Set<URI> seen = new LinkedHashSet<>();
    seen.add(url);

    for (int hop = 0; ; hop++) {
      OkHttpClient client = url.getScheme().equalsIgnoreCase("https") ? tls() : cleartext;
      try (Response response = client.newCall(request(url, hop == 0 ? validators : Validators.none())).execute()) {
        String location = response.header("Location");
        if (!response.isRedirect() || location == null) {
          return read(url, response, chain, hops);
        }
        hops.add(redirectAnswer(url, response));
        URI next = url.resolve(location.strip());
        chain.add(url);
        Optional<String> refused = refusedRedirect(source, next, chain, seen, hop);
        if (refused.isPresent()) {
          return Hop.failed(Failure.Kind.REDIRECT, refused.get(), chain, hops);
        }
        url = next;
      } catch (IllegalArgumentException e) {
        return Hop.failed(Failure.Kind.REDIRECT, "redirected to a malformed address: " + e.getMessage(), chain, hops);
      } catch (IOException e) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Failure failure = FailureReasons.describe(e, url, elapsed, settings.timeout());
        return new Hop(Optional.empty(), Optional.of(failure), List.copyOf(chain), List.copyOf(hops), false);
      }
    }
  }

  /** Why a redirect to {@code next}, the {@code hop}th of the fetch, is not followed, if it is not. */
  private Optional<String> refusedRedirect(Source source, URI next, List<URI> chain, Set<URI> seen, int hop) {
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("redirected to " + next + ", which is not an http(s) URL");
    }
    if (!seen.add(next)) {
      return Optional.of("redirect loop: " + String.join(" → ", chain.stream().map(URI::toString).toList())
          + " → " + next);
    }
    if (hop + 1 > MAX_REDIRECTS) {
      return Optional.of("more than " + MAX_REDIRECTS + " redirects, the last to " + next);
    }
    // a source sources.yaml puts on this machine or a private network may redirect within it
    boolean publicSource = Addresses.internalAddressOf(source.url(), resolver).isEmpty();
    Optional<InetAddress> internal = publicSource ? Addresses.internalAddressOf(next, resolver) : Optional.empty();
    return internal.map(address -> "redirected from a public address to " + next + ", which is "
        + address.getHostAddress() + " (this machine or a private network); citewatch does not follow such "
        + "a redirect, and fetched nothing there");
  }

  private Request request(URI url, Validators validators) {
    Request.Builder request = new Request.Builder()
        .url(url.toString())
        .header("User-Agent", settings.userAgent())
        .header("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5")
        // Asking for gzip ourselves turns off OkHttp's transparent decompression, so the evidence
        // keeps the bytes as sent and the size cap applies to the decompressed body.
        .header("Accept-Encoding", "gzip");
    validators.etag().ifPresent(v -> request.header("If-None-Match", v));
    validators.lastModified().ifPresent(v -> request.header("If-Modified-Since", v));
    return request.build();
  }

  /** A redirect answer as evidence: its heads, and the little body such an answer has (a few KB at most). */
  private Exchange redirectAnswer(URI url, Response response) throws IOException {
    byte[] body;
    try {
      body = Bodies.readCapped(response.body(), REDIRECT_BODY_CAP);
    } catch (Bodies.TooLarge e) {
      body = e.partial;
    }
    Request sent = response.networkResponse() != null ? response.networkResponse().request() : response.request();
    return new Exchange(url, Bodies.requestHead(sent), response.code(), response.message(),
        Bodies.headerList(response.headers()), Bodies.responseHead(response.code(), response.message(),
        response.headers()), body, new byte[0]);
  }

  private static final long REDIRECT_BODY_CAP = 64 * 1024;

  private Hop read(URI url, Response response, List<URI> chain, List<Exchange> hops) throws IOException {
    byte[] body = new byte[0];
    byte[] decoded;
    Optional<Failure> failure = Optional.empty();
    boolean truncated = false;
    try {
      body = Bodies.readCapped(response.body(), settings.maxBodyBytes());
      decoded = Bodies.decode(body, response.header("Content-Encoding"), settings.maxBodyBytes());
    } catch (Bodies.TooLarge e) {
      // as sent, the body is kept up to the cap and its record says it is cut (WARC-Truncated:
      // length); when only its decompression is too large, the bytes as sent are kept whole
      truncated = e.partial != null;
      body = truncated ? e.partial : body;
      decoded = new byte[0];
      failure = Optional.of(new Failure(Failure.Kind.TOO_LARGE, e.getMessage()));
    } catch (Bodies.Undecodable e) {
      body = e.body;
      decoded = new byte[0];
      failure = Optional.of(new Failure(Failure.Kind.BROKEN_BODY, e.getMessage()));
    }
    Headers headers = response.headers();
    Request sent = response.networkResponse() != null ? response.networkResponse().request() : response.request();
    Exchange exchange = new Exchange(url, Bodies.requestHead(sent), response.code(), response.message(),
        Bodies.headerList(headers), Bodies.responseHead(response.code(), response.message(), headers), body, decoded);
    if (failure.isEmpty() && !exchange.isSuccess() && response.code() != 304) {
      failure = Optional.of(FailureReasons.statusFailure(exchange));
    }
    return new Hop(Optional.of(exchange), failure, List.copyOf(chain), List.copyOf(hops), truncated);
  }

  private static boolean sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    cleartext.dispatcher().executorService().shutdown();
    cleartext.connectionPool().evictAll();
  }
}
