package org.citewatch.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.citewatch.model.Config;
import org.citewatch.store.Json;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One source per fault, followed on the same host by a good source: each fault gives its alert,
 * its message and its number of attempts, and the run goes on to the next source.
 */
class FetchFaultsTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().dynamicHttpsPort()).build();

  @TempDir Path dir;
  final List<AutoCloseable> closeAfter = new ArrayList<>();

  static final String QUOTE = "Sigurimin shëndetësor;";
  static final String GOOD = "<html><body><main><p>Sigurimin shëndetësor;</p></main></body></html>";

  /** Where a fault lives and what citewatch must say about it. {base} stands for the server's base URL. */
  record Case(String name, Setup setup, String kind, String message, int attempts) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Setup {
    /** Prepares the fault and returns the URL of the faulty source. */
    String url(FetchFaultsTest test) throws Exception;
  }

  static Setup stub(int status, String body, String... headers) {
    return test -> {
      var response = aResponse().withStatus(status).withBody(body);
      for (int i = 0; i < headers.length; i += 2) {
        response = response.withHeader(headers[i], headers[i + 1]);
      }
      server.stubFor(get(urlEqualTo("/fault")).willReturn(response));
      return base() + "/fault";
    };
  }

  static Setup bytes(byte[] body, String... headers) {
    return test -> {
      var response = aResponse().withStatus(200).withBody(body);
      for (int i = 0; i < headers.length; i += 2) {
        response = response.withHeader(headers[i], headers[i + 1]);
      }
      server.stubFor(get(urlEqualTo("/fault")).willReturn(response));
      return base() + "/fault";
    };
  }

  static Setup fault(com.github.tomakehurst.wiremock.http.Fault wiremockFault) {
    return test -> {
      server.stubFor(get(urlEqualTo("/fault")).willReturn(aResponse().withFault(wiremockFault)));
      return base() + "/fault";
    };
  }

  static Setup redirect(String location) {
    return test -> {
      server.stubFor(get(urlEqualTo("/fault")).willReturn(aResponse().withStatus(302).withHeader("Location", location)));
      server.stubFor(get(urlEqualTo("/loop-b")).willReturn(aResponse().withStatus(301).withHeader("Location", "/fault")));
      server.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "text/html").withBody("<html><body><main><h1>Ballina</h1></main></body></html>")));
      return base() + "/fault";
    };
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  static byte[] encode(String text, String charset) {
    return text.getBytes(Charset.forName(charset));
  }

  static String httpDate(int secondsAhead) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(secondsAhead));
  }

  static Stream<Case> faults() {
    String challenge = "<html><head><title>Just a moment...</title></head><body><div id=\"cf-chl-widget\"></div></body></html>";
    byte[] bomb = gzip(new byte[8 * 1024 * 1024]);
    byte[] binary = new byte[4096];
    new java.util.Random(7).nextBytes(binary);
    return Stream.of(
        new Case("dns failure", t -> "http://no-such-host.invalid/fault", "SOURCE_UNREACHABLE",
            "the host name no-such-host.invalid could not be resolved (DNS)", 1),
        new Case("connection refused", t -> "http://127.0.0.1:" + closedPort() + "/fault", "SOURCE_UNREACHABLE",
            "the connection to {host} was refused (2 attempts)", 2),
        new Case("connection reset", fault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER), "SOURCE_UNREACHABLE",
            "the connection to {host} was reset (2 attempts)", 2),
        new Case("connect timeout", t -> "http://127.0.0.1:" + t.keep(RawServer.unaccepting()).port() + "/fault",
            "SOURCE_UNREACHABLE", "connecting to {host} timed out (2 attempts)", 2),
        new Case("read timeout", t -> {
          server.stubFor(get(urlEqualTo("/fault")).willReturn(aResponse().withStatus(200).withBody(GOOD).withFixedDelay(1500)));
          return base() + "/fault";
        }, "SOURCE_UNREACHABLE", "{host} stopped sending (read timed out) (2 attempts)", 2),
        new Case("whole-call timeout", t -> "http://127.0.0.1:" + t.keep(RawServer.dribbling(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100))
                .getBytes(StandardCharsets.US_ASCII), 200)).port() + "/fault", "SOURCE_UNREACHABLE", "the whole request to {host} took too long (call timed out) (2 attempts)", 2),
        new Case("404", stub(404, "<h1>Not Found</h1>"), "SOURCE_UNREACHABLE", "the server answered HTTP 404 Not Found", 1),
        new Case("410", stub(410, "<h1>Gone</h1>"), "SOURCE_UNREACHABLE", "the server answered HTTP 410 Gone", 1),
        new Case("500", stub(500, "<h1>Error</h1>"), "SOURCE_UNREACHABLE",
            "the server answered HTTP 500 Server Error (2 attempts)", 2),
        new Case("503 with Retry-After seconds", stub(503, "<h1>Busy</h1>", "Retry-After", "1"), "SOURCE_UNREACHABLE",
            "the server answered HTTP 503 Service Unavailable (2 attempts)", 2),
        new Case("503 with a Retry-After too long", stub(503, "<h1>Busy</h1>", "Retry-After", "3600"), "SOURCE_UNREACHABLE",
            "the server answered HTTP 503 Service Unavailable; the server asked to retry after 3600s, longer than max_retry_after (5s)", 1),
        new Case("429 with Retry-After date", t -> stub(429, "slow down", "Retry-After", httpDate(1)).url(t),
            "SOURCE_UNREACHABLE", "the server answered HTTP 429 Too Many Requests (2 attempts)", 2),
        new Case("403 bot challenge", stub(403, challenge, "Content-Type", "text/html", "Server", "cloudflare"),
            "SOURCE_UNREACHABLE", "the server answered HTTP 403 Forbidden with a bot-protection challenge page (Cloudflare), "
                + "not the page; ask the site to allow citewatch's user agent", 1),
        new Case("plain 403", stub(403, "<h1>Forbidden</h1>"), "SOURCE_UNREACHABLE",
            "the server answered HTTP 403 Forbidden", 1),
        new Case("redirect loop", redirect("/loop-b"), "SOURCE_UNREACHABLE",
            "redirect loop: {base}/fault → {base}/loop-b → {base}/fault", 1),
        new Case("redirect to another scheme", redirect("ftp://files.example.org/fault.pdf"), "SOURCE_UNREACHABLE",
            "redirected to ftp://files.example.org/fault.pdf, which is not an http(s) URL", 1),
        new Case("redirect to the home page", redirect("/"), "SOURCE_DEGRADED",
            "redirected to the site's home page ({base}/); the page was probably moved or removed", 1),
        new Case("gzip bomb", bytes(bomb, "Content-Type", "text/html", "Content-Encoding", "gzip"), "SOURCE_UNREACHABLE",
            "the body is larger than max_body (65536 bytes) after decompression; raise settings.max_body if the page is really this big", 1),
        new Case("oversize body", bytes(("<p>" + "x".repeat(100_000) + "</p>").getBytes(StandardCharsets.UTF_8),
            "Content-Type", "text/html"), "SOURCE_UNREACHABLE",
            "the body is larger than max_body (65536 bytes) after decompression; raise settings.max_body if the page is really this big", 1),
        new Case("truncated body", t -> "http://127.0.0.1:" + t.keep(RawServer.answering(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html><body>".getBytes(StandardCharsets.US_ASCII))).port()
            + "/fault", "SOURCE_UNREACHABLE", "the response from {host} was cut off or malformed (unexpected end of stream) (2 attempts)", 2),
        new Case("malformed chunk", fault(com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK), "SOURCE_UNREACHABLE",
            "the response from {host} was cut off or malformed", 2),
        new Case("empty 200", stub(200, "", "Content-Type", "text/html"), "SOURCE_DEGRADED",
            "the server answered HTTP 200 with an empty body", 1),
        new Case("binary body", bytes(binary, "Content-Type", "application/octet-stream"), "SOURCE_DEGRADED",
            "the server sent application/octet-stream, which citewatch cannot read (HTML, PDF and plain text only)", 1),
        new Case("wrong declared charset", bytes(GOOD.getBytes(StandardCharsets.UTF_8), "Content-Type",
            "text/html; charset=ISO-8859-1"), "none", "", 1),
        new Case("missing charset", bytes(encode("<html><body><main><p>Sigurimin shëndetësor; državljanin čiji</p></main></body></html>",
            "windows-1250"), "Content-Type", "text/html"), "none", "", 1),
        new Case("robots.txt disallow", t -> {
          server.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(200)
              .withBody("User-agent: *\nDisallow: /fault\n")));
          return stub(200, GOOD, "Content-Type", "text/html").url(t);
        }, "SOURCE_UNREACHABLE", "robots.txt of {host} forbids fetching /fault to user agent 'citewatch'; "
            + "set respect_robots: false on this source only if the site allows citewatch", 1),
        new Case("TLS failure", t -> "https://localhost:" + server.getRuntimeInfo().getHttpsPort() + "/fault",
            "SOURCE_UNREACHABLE", "TLS with localhost failed: the certificate is signed by an unknown issuer (not trusted)", 1));
  }

  static String base() {
    return server.getRuntimeInfo().getHttpBaseUrl();
  }

  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  RawServer keep(RawServer raw) {
    closeAfter.add(raw);
    return raw;
  }

  @AfterEach
  void closeServers() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void eachFaultGivesItsAlertMessageAndAttemptsAndTheRunGoesOn(Case fault) throws Exception {
    server.resetAll();
    String url = fault.setup().url(this);
    server.stubFor(get(urlEqualTo("/next")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(GOOD)));
    Config config = config(url);
    Path store = dir.resolve("snapshots");

    Runs.run(dir, config);

    JsonNode report = Json.MAPPER.readTree(dir.resolve("reports/report.json").toFile());
    List<JsonNode> alerts = new ArrayList<>();
    report.get("alerts").forEach(alerts::add);
    String host = url.replaceAll("^https?://([^/]+).*$", "$1");
    if (fault.kind().equals("none")) {
      assertThat(alerts).isEmpty();
    } else {
      assertThat(alerts).singleElement().satisfies(alert -> {
        assertThat(alert.get("kind").asText()).isEqualTo(fault.kind());
        assertThat(alert.get("source").asText()).isEqualTo("fault");
        String expected = fault.message().replace("{base}", base()).replace("{host}", host);
        assertThat(alert.get("message").asText()).startsWith(expected).endsWith("(" + url + ")");
      });
    }
    JsonNode check = checkLine(store, "fault");
    assertThat(check.get("attempts")).as(check.toString()).hasSize(fault.attempts());
    if (fault.name().equals("redirect to the home page")) {
      assertThat(check.get("redirects")).as(check.toString()).extracting(JsonNode::asText).containsExactly(url);
      assertThat(check.get("final_url").asText()).isEqualTo(base() + "/");
    } else if (!fault.name().startsWith("redirect")) {
      assertThat(check.has("redirects")).as("no redirects, no field: %s", check).isFalse();
    }
    assertThat(checkLine(store, "next").get("outcome").asText()).as("the run went on").isEqualTo("NEW");
  }

  static JsonNode checkLine(Path store, String source) throws IOException {
    for (String line : Files.readAllLines(store.resolve("journal.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode node = Json.MAPPER.readTree(line);
      if (node.get("type").asText().equals("check") && node.get("source_id").asText().equals(source)) {
        return node;
      }
    }
    throw new AssertionError("no check of " + source);
  }

  Config config(String faultUrl) throws Exception {
    String yaml = """
        settings:
          per_host_delay: 0s
          timeout: 1s
          retries: 1
          retry_backoff: 10ms
          max_retry_after: 5s
          max_body: 64KB
        sources:
          - {id: fault, url: "%s", lang: sr-Latn, select: main}
          - {id: next, url: "%s/next", lang: sq, select: main}
        programs:
          - id: p
            name: Program
            last_verified: %s
            claims:
              - {id: insurance, source: fault, quote: "%s"}
              - {id: insurance-next, source: next, quote: "%s"}
        """.formatted(faultUrl, base(), LocalDate.now(ZoneOffset.UTC), QUOTE, QUOTE);
    return Runs.config(dir, yaml);
  }
}
