package org.citewatch.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
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
      RetryPolicy.Decision decision = retries.after(attempts.size(), hop.failure().get(),
          hop.exchange().map(Exchange::status), hop.exchange().flatMap(e -> e.header("Retry-After")));
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
    return new FetchResult(source.id(), source.url(), started, hop.exchange(), hop.failure(), hop.redirects(), attempts,
        hop.exchange().filter(e -> hop.failure().isEmpty()).flatMap(e -> moved(source.url(), e.url())), hop.hops(),
        hop.truncated());
  }

  /** The outcome of one attempt, after its redirects, with the redirect answers kept as evidence. */
  private record Hop(Optional<Exchange> exchange, Optional<Failure> failure, List<URI> redirects, List<Exchange> hops,
      boolean truncated) {
    Hop withFailure(Failure f) {
      return new Hop(exchange, Optional.of(f), redirects, hops, truncated);
    }

    static Hop failed(Failure.Kind kind, String message, List<URI> redirects, List<Exchange> hops) {
      return new Hop(Optional.empty(), Optional.of(new Failure(kind, message)), List.copyOf(redirects), List.copyOf(hops),
          false);
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
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
          return Hop.failed(Failure.Kind.REDIRECT, "redirected to " + next + ", which is not an http(s) URL", chain, hops);
        }
        if (!seen.add(next)) {
          return Hop.failed(Failure.Kind.REDIRECT, "redirect loop: " + String.join(" → ",
              chain.stream().map(URI::toString).toList()) + " → " + next, chain, hops);
        }
        if (hop + 1 > MAX_REDIRECTS) {
          return Hop.failed(Failure.Kind.REDIRECT, "more than " + MAX_REDIRECTS + " redirects, the last to " + next, chain,
              hops);
        }
        // a source sources.yaml puts on this machine or a private network may redirect within it
        boolean publicSource = Addresses.internalAddressOf(source.url(), resolver).isEmpty();
        Optional<InetAddress> internal = publicSource ? Addresses.internalAddressOf(next, resolver) : Optional.empty();
        if (internal.isPresent()) {
          return Hop.failed(Failure.Kind.REDIRECT, "redirected from a public address to " + next + ", which is "
              + internal.get().getHostAddress() + " (this machine or a private network); citewatch does not follow such "
              + "a redirect, and fetched nothing there", chain, hops);
        }
        url = next;
      } catch (IllegalArgumentException e) {
        return Hop.failed(Failure.Kind.REDIRECT, "redirected to a malformed address: " + e.getMessage(), chain, hops);
      } catch (IOException e) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Hop(Optional.empty(), Optional.of(describe(e, url, elapsed)), List.copyOf(chain), List.copyOf(hops),
            false);
      }
    }
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
      body = readCapped(response.body(), REDIRECT_BODY_CAP);
    } catch (TooLarge e) {
      body = e.partial;
    }
    Request sent = response.networkResponse() != null ? response.networkResponse().request() : response.request();
    return new Exchange(url, requestHead(sent), response.code(), response.message(), headerList(response.headers()),
        responseHead(response.code(), response.message(), response.headers()), body, new byte[0]);
  }

  private static final long REDIRECT_BODY_CAP = 64 * 1024;

  private static List<Exchange.Header> headerList(Headers headers) {
    List<Exchange.Header> list = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      list.add(new Exchange.Header(headers.name(i), headers.value(i)));
    }
    return List.copyOf(list);
  }

  private Hop read(URI url, Response response, List<URI> chain, List<Exchange> hops) throws IOException {
    byte[] body = new byte[0];
    byte[] decoded;
    Optional<Failure> failure = Optional.empty();
    boolean truncated = false;
    try {
      body = readCapped(response.body(), settings.maxBodyBytes());
      decoded = decode(body, response.header("Content-Encoding"), settings.maxBodyBytes());
    } catch (TooLarge e) {
      // as sent, the body is kept up to the cap and its record says it is cut (WARC-Truncated:
      // length); when only its decompression is too large, the bytes as sent are kept whole
      truncated = e.partial != null;
      body = truncated ? e.partial : body;
      decoded = new byte[0];
      failure = Optional.of(new Failure(Failure.Kind.TOO_LARGE, e.getMessage()));
    } catch (Undecodable e) {
      body = e.body;
      decoded = new byte[0];
      failure = Optional.of(new Failure(Failure.Kind.BROKEN_BODY, e.getMessage()));
    }
    Headers headers = response.headers();
    Request sent = response.networkResponse() != null ? response.networkResponse().request() : response.request();
    Exchange exchange = new Exchange(url, requestHead(sent), response.code(), response.message(),
        headerList(headers), responseHead(response.code(), response.message(), headers), body, decoded);
    if (failure.isEmpty() && !exchange.isSuccess() && response.code() != 304) {
      failure = Optional.of(statusFailure(exchange));
    }
    return new Hop(Optional.of(exchange), failure, List.copyOf(chain), List.copyOf(hops), truncated);
  }

  static Failure statusFailure(Exchange exchange) {
    String status = statusMessage(exchange.status(), exchange.reason());
    Optional<String> challenge = BotChallenge.detect(exchange);
    if (challenge.isPresent()) {
      return new Failure(Failure.Kind.BOT_CHALLENGE, status + " with a bot-protection challenge page (" + challenge.get()
          + "), not the page; ask the site to allow citewatch's user agent");
    }
    return new Failure(Failure.Kind.HTTP_STATUS, status);
  }

  static String statusMessage(int code, String reason) {
    String text = reason == null || reason.isBlank() ? "" : " " + reason;
    return String.format(Locale.ROOT, "the server answered HTTP %d%s", code, text);
  }

  /** A deep URL that ends on the site's home page, or on another host, is probably no longer the page. */
  static Optional<String> moved(URI requested, URI landed) {
    if (requested.equals(landed)) {
      return Optional.empty();
    }
    if (!requested.getHost().equalsIgnoreCase(landed.getHost())) {
      return Optional.of("redirected to another host: " + landed + "; if the page moved, update its url in sources.yaml");
    }
    if (!requested.getScheme().equalsIgnoreCase(landed.getScheme())) {
      return Optional.of("redirected to another scheme: " + landed + "; if that is the page, update its url in sources.yaml");
    }
    if (port(requested) != port(landed)) {
      return Optional.of("redirected to another port: " + landed + "; if the page moved, update its url in sources.yaml");
    }
    boolean deep = requested.getRawPath() != null && requested.getRawPath().length() > 1;
    boolean home = landed.getRawPath() == null || landed.getRawPath().isEmpty() || landed.getRawPath().equals("/");
    if (deep && home) {
      return Optional.of("redirected to the site's home page (" + landed + "); the page was probably moved or removed");
    }
    return Optional.empty();
  }

  private static int port(URI url) {
    return url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private Failure describe(IOException e, URI url, Duration elapsed) {
    String host = url.getHost();
    if (e instanceof UnknownHostException) {
      return new Failure(Failure.Kind.DNS, "the host name " + host + " could not be resolved (DNS)");
    }
    if (e instanceof ConnectException) {
      return new Failure(Failure.Kind.REFUSED, "the connection to " + Robots.hostKey(url) + " was refused");
    }
    // OkHttp reports a read timeout and the whole-call timeout alike ("timeout"); the clock tells them apart.
    if (e instanceof InterruptedIOException && elapsed.compareTo(settings.timeout().multipliedBy(2)) >= 0) {
      return new Failure(Failure.Kind.CALL_TIMEOUT, "the whole request to " + Robots.hostKey(url) + " took too long (call timed out)");
    }
    if (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
      return new Failure(Failure.Kind.CONNECT_TIMEOUT, "connecting to " + Robots.hostKey(url) + " timed out");
    }
    if (e instanceof SocketTimeoutException) {
      return new Failure(Failure.Kind.READ_TIMEOUT, Robots.hostKey(url) + " stopped sending (read timed out)");
    }
    if (e instanceof InterruptedIOException) {
      return new Failure(Failure.Kind.CALL_TIMEOUT, "the whole request to " + Robots.hostKey(url) + " took too long (call timed out)");
    }
    if (e instanceof SSLException ssl) {
      return new Failure(Failure.Kind.TLS, "TLS with " + host + " failed: " + tlsReason(ssl));
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (e instanceof SocketException && message.contains("reset")) {
      return new Failure(Failure.Kind.RESET, "the connection to " + Robots.hostKey(url) + " was reset");
    }
    if (e instanceof ProtocolException || message.contains("unexpected end of stream") || message.contains("\\n not found") || message.contains("expected chunk size")
        || message.contains("closed")) {
      return new Failure(Failure.Kind.BROKEN_BODY, "the response from " + Robots.hostKey(url) + " was cut off or malformed ("
          + e.getMessage() + ")");
    }
    return new Failure(Failure.Kind.NETWORK, "fetching from " + Robots.hostKey(url) + " failed: " + e);
  }

  static String tlsReason(SSLException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return "the certificate is not for this host name (hostname mismatch)";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "the certificate has expired";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "the certificate is not valid yet (is this machine's clock right?)";
      }
      String m = String.valueOf(t.getMessage());
      if (m.contains("unable to find valid certification path") || m.contains("PKIX path")) {
        return "the certificate is signed by an unknown issuer (not trusted)";
      }
      if (m.contains("NotAfter") || m.contains("expired")) {
        return "the certificate has expired";
      }
    }
    return String.valueOf(e.getMessage());
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    /** The bytes read up to the cap, when the body as sent was too large; null when only its decompression was. */
    final transient byte[] partial;

    TooLarge(long cap, byte[] partial) {
      super(String.format(Locale.ROOT,
          "the body is larger than max_body (%d bytes) after decompression; raise settings.max_body if the page is really this big",
          cap));
      this.partial = partial;
    }
  }

  private static final class Undecodable extends IOException {
    private static final long serialVersionUID = 1L;
    final transient byte[] body;

    Undecodable(String message, byte[] body) {
      super(message);
      this.body = body;
    }
  }

  private static byte[] readCapped(ResponseBody body, long cap) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    try (InputStream in = body.byteStream()) {
      return copyCapped(in, cap, true);
    }
  }

  /** @param asSent the bytes as the server sent them, whose first {@code cap} are kept when they run over */
  private static byte[] copyCapped(InputStream in, long cap, boolean asSent) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      if (total + n > cap) {
        out.write(buffer, 0, (int) (cap - total));
        throw new TooLarge(cap, asSent ? out.toByteArray() : null);
      }
      total += n;
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] decode(byte[] body, String encoding, long cap) throws IOException {
    String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    if (body.length == 0 || e.isEmpty() || e.equals("identity")) {
      return body;
    }
    try (InputStream in = switch (e) {
      case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
      case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
      default -> throw new Undecodable("the body uses Content-Encoding '" + encoding + "', which citewatch cannot decode", body);
    }) {
      return copyCapped(in, cap, false);
    } catch (TooLarge | Undecodable tooLargeOrUnknown) {
      throw tooLargeOrUnknown;
    } catch (IOException broken) {
      throw new Undecodable("the " + e + " body is corrupt (" + broken.getMessage() + ")", body);
    }
  }

  private static byte[] requestHead(Request request) {
    StringBuilder head = new StringBuilder();
    String target = request.url().encodedPath() + (request.url().encodedQuery() == null ? "" : "?" + request.url().encodedQuery());
    head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(Robots.hostKey(request.url().uri())).append("\r\n");
    appendHeaders(head, request.headers());
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] responseHead(int code, String reason, Headers headers) {
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(code).append(' ').append(reason == null ? "" : reason).append("\r\n");
    appendHeaders(head, headers);
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void appendHeaders(StringBuilder head, Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      if (!headers.name(i).equalsIgnoreCase("Transfer-Encoding") && !headers.name(i).equalsIgnoreCase("Host")) {
        head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
      }
    }
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
