package org.citewatch.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.citewatch.model.Settings;
import org.citewatch.model.Source;

/** Fetches official pages with one shared OkHttp client. Never throws for a failed fetch. */
public final class Fetcher implements AutoCloseable {

  private final OkHttpClient client;
  private final Settings settings;
  private final Clock clock;

  public Fetcher(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.client = new OkHttpClient.Builder()
        .connectTimeout(settings.timeout())
        .readTimeout(settings.timeout())
        .writeTimeout(settings.timeout())
        .callTimeout(settings.timeout().multipliedBy(2))
        .followRedirects(true)
        .followSslRedirects(true)
        .retryOnConnectionFailure(false)
        .build();
  }

  public FetchResult fetch(Source source, Validators validators) {
    Instant started = clock.instant();
    Request.Builder request = new Request.Builder()
        .url(source.url().toString())
        .header("User-Agent", settings.userAgent())
        .header("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5")
        // Asking for gzip ourselves turns off OkHttp's transparent decompression, so the evidence
        // keeps the bytes as sent and the size cap applies to the decompressed body.
        .header("Accept-Encoding", "gzip");
    validators.etag().ifPresent(v -> request.header("If-None-Match", v));
    validators.lastModified().ifPresent(v -> request.header("If-Modified-Since", v));
    try (Response response = client.newCall(request.build()).execute()) {
      return result(source, started, response);
    } catch (IOException e) {
      return new FetchResult(source.id(), source.url(), started, Optional.empty(), Optional.of(describe(e, source)),
          List.of(), 1);
    }
  }

  private FetchResult result(Source source, Instant started, Response response) throws IOException {
    List<URI> redirects = redirects(response);
    Response network = response.networkResponse() == null ? response : response.networkResponse();
    URI finalUrl = response.request().url().uri();
    byte[] body;
    Optional<Failure> failure = Optional.empty();
    try {
      body = readCapped(response.body(), settings.maxBodyBytes());
    } catch (TooLarge e) {
      return new FetchResult(source.id(), source.url(), started, Optional.empty(),
          Optional.of(new Failure(Failure.Kind.TOO_LARGE, e.getMessage())), redirects, 1);
    }
    byte[] decoded;
    try {
      decoded = decode(body, response.header("Content-Encoding"), settings.maxBodyBytes());
    } catch (TooLarge e) {
      return new FetchResult(source.id(), source.url(), started, Optional.empty(),
          Optional.of(new Failure(Failure.Kind.TOO_LARGE, e.getMessage())), redirects, 1);
    } catch (IOException e) {
      decoded = new byte[0];
      failure = Optional.of(new Failure(Failure.Kind.BROKEN_BODY,
          "the body could not be decompressed (" + e.getMessage() + ")"));
    }
    List<Exchange.Header> headers = new ArrayList<>();
    for (int i = 0; i < network.headers().size(); i++) {
      headers.add(new Exchange.Header(network.headers().name(i), network.headers().value(i)));
    }
    Exchange exchange = new Exchange(finalUrl, requestHead(network.request()), response.code(), response.message(),
        List.copyOf(headers), responseHead(response.code(), response.message(), network.headers()), body, decoded);
    if (failure.isEmpty() && !exchange.isSuccess() && response.code() != 304) {
      failure = Optional.of(new Failure(Failure.Kind.HTTP_STATUS, statusMessage(response.code(), response.message())));
    }
    return new FetchResult(source.id(), source.url(), started, Optional.of(exchange), failure, redirects, 1);
  }

  private static List<URI> redirects(Response response) {
    List<URI> chain = new ArrayList<>();
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      chain.add(prior.request().url().uri());
    }
    Collections.reverse(chain);
    return chain;
  }

  static String statusMessage(int code, String reason) {
    String text = reason == null || reason.isBlank() ? "" : " " + reason;
    return String.format(Locale.ROOT, "the server answered HTTP %d%s", code, text);
  }

  private static Failure describe(IOException e, Source source) {
    String host = source.url().getHost();
    if (e instanceof UnknownHostException) {
      return new Failure(Failure.Kind.DNS, "the host name " + host + " could not be resolved (DNS)");
    }
    if (e instanceof ConnectException) {
      return new Failure(Failure.Kind.REFUSED, "the connection to " + host + " was refused");
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new Failure(Failure.Kind.TIMEOUT, "no answer from " + host + " in time (" + e.getMessage() + ")");
    }
    if (e instanceof SSLException) {
      return new Failure(Failure.Kind.TLS, "TLS with " + host + " failed: " + e.getMessage());
    }
    if (e instanceof SocketException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
      return new Failure(Failure.Kind.RESET, "the connection to " + host + " was reset");
    }
    return new Failure(Failure.Kind.NETWORK, "fetching from " + host + " failed: " + e);
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long cap) {
      super(String.format(Locale.ROOT, "the body is larger than max_body (%d bytes); raise settings.max_body if the page is really this big", cap));
    }
  }

  private static byte[] readCapped(ResponseBody body, long cap) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    try (InputStream in = body.byteStream()) {
      return copyCapped(in, cap);
    }
  }

  private static byte[] copyCapped(InputStream in, long cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      total += n;
      if (total > cap) {
        throw new TooLarge(cap);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] decode(byte[] body, String encoding, long cap) throws IOException {
    String e = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
    if (body.length == 0 || e.equals("identity") || e.isEmpty()) {
      return body;
    }
    InputStream raw = new java.io.ByteArrayInputStream(body);
    try (InputStream in = switch (e) {
      case "gzip", "x-gzip" -> new GZIPInputStream(raw);
      case "deflate" -> new InflaterInputStream(raw);
      default -> throw new IOException("unsupported Content-Encoding '" + encoding + "'");
    }) {
      return copyCapped(in, cap);
    }
  }

  private static byte[] requestHead(Request request) {
    StringBuilder head = new StringBuilder();
    String target = request.url().encodedPath() + (request.url().encodedQuery() == null ? "" : "?" + request.url().encodedQuery());
    head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
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
      if (!headers.name(i).equalsIgnoreCase("Transfer-Encoding")) {
        head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
      }
    }
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
