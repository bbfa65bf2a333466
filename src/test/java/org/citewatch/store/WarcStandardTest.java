package org.citewatch.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citewatch.testing.Cli;
import org.jwat.common.Diagnosis;
import org.jwat.warc.WarcReaderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcRevisit;

/**
 * The evidence as archivists read it (issue 16): jwarc's validator with header validation and JWAT
 * accept every daily file and every export, and a 304 is a server-not-modified revisit carrying the
 * original's payload digest, with the conditional request that got it.
 */
class WarcStandardTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path config;

  static final String PAGE = "<html><head><title>Leje</title></head><body><main><p>Taksa për leje-qëndrim është €50.</p>"
      + "</main></body></html>";

  @BeforeEach
  void setUp() throws IOException {
    config = dir.resolve("sources.yaml");
    Files.writeString(config, """
        settings: {per_host_delay: 0s, retries: 0, max_body: 4KB}
        sources:
          - {id: etag, url: "%1$s/etag", lang: sq, respect_robots: false}
          - {id: same, url: "%1$s/same", lang: sq, respect_robots: false}
          - {id: moved, url: "%1$s/old/leje", lang: sq, respect_robots: false}
          - {id: big, url: "%1$s/big", lang: sq, respect_robots: false}
          - {id: bomb, url: "%1$s/bomb", lang: sq, respect_robots: false}
        programs:
          - id: xk
            name: Kosovo
            last_verified: 2026-11-01
            claims:
              - {id: fee, source: etag, figure: "€50", quote: "Taksa për leje-qëndrim është €50"}
        """.formatted(server.baseUrl()), StandardCharsets.UTF_8);
    server.stubFor(get(urlEqualTo("/etag")).withHeader("If-None-Match", absent()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withHeader("ETag", "\"v1\"").withBody(PAGE)));
    server.stubFor(get(urlEqualTo("/etag")).withHeader("If-None-Match", equalTo("\"v1\""))
        .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
    server.stubFor(get(urlEqualTo("/same")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(PAGE)));
    server.stubFor(get(urlEqualTo("/old/leje")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", "/new/leje").withBody("<a href=\"/new/leje\">moved</a>")));
    server.stubFor(get(urlEqualTo("/new/leje")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(PAGE)));
    server.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<p>" + noise(12_000) + "</p>")));
    server.stubFor(get(urlEqualTo("/bomb")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withHeader("Content-Encoding", "gzip")
        .withBody(gzip("<p>" + "Taksa. ".repeat(20_000) + "</p>"))));
  }

  /** Letters that do not compress: a body over max_body even as the server gzips it. */
  static String noise(int length) {
    java.util.Random random = new java.util.Random(16);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('a' + random.nextInt(26)));
    }
    return out.toString();
  }

  static byte[] gzip(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(config, dir.resolve("snapshots"), dir.resolve("reports"), args);
  }

  List<Path> dailyFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("snapshots/warc"))) {
      return files.sorted().toList();
    }
  }

  /** jwarc's own validator, as an archivist runs it: {@code java -jar jwarc.jar validate FILE…}, headers checked. */
  static void assertJwarcValidates(List<Path> files) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.netpreserve.jwarc.tools.WarcTool", "validate"));
    files.forEach(f -> command.add(f.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("jwarc validate:%n%s", output).isZero();
  }

  /** JWAT's reader with digest checks: every record compliant, no error diagnosed. */
  static void assertJwatValidates(Path file) throws IOException {
    // JWAT builds its character tables with the default locale's case mapping: under a Turkish
    // locale 'i' upper-cases to 'İ' and its class initialiser fails
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.ROOT);
    try (InputStream in = Files.newInputStream(file)) {
      org.jwat.warc.WarcReader reader = WarcReaderFactory.getReader(in);
      reader.setBlockDigestEnabled(true);
      reader.setPayloadDigestEnabled(true);
      List<String> errors = new ArrayList<>();
      int count = 0;
      for (org.jwat.warc.WarcRecord record = reader.getNextRecord(); record != null; record = reader.getNextRecord()) {
        record.close();
        count++;
        for (Diagnosis d : record.diagnostics.getErrors()) {
          errors.add(file.getFileName() + " record " + count + " (" + record.header.warcTypeStr + "): " + d.type + " "
              + d.entity + " " + String.join(", ", d.information));
        }
      }
      reader.close();
      reader.diagnostics.getErrors().forEach(d -> errors.add(file.getFileName() + ": " + d.type + " " + d.entity));
      assertThat(errors).as("JWAT diagnoses").isEmpty();
      assertThat(count).isGreaterThan(1);
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void everyDailyFileAndEveryExportPassesJwarcAndJwat() throws Exception {
    citewatch("run");
    citewatch("run");
    Path gz = dir.resolve("export.warc.gz");
    Path plain = dir.resolve("export.warc");

    assertThat(citewatch("export", "--warc", gz.toString()).exit()).isZero();
    assertThat(citewatch("export", "--warc", plain.toString()).exit()).isZero();

    List<Path> all = new ArrayList<>(dailyFiles());
    all.add(gz);
    all.add(plain);
    assertJwarcValidates(all);
    for (Path file : all) {
      assertJwatValidates(file);
    }
    try (InputStream in = Files.newInputStream(plain)) {
      assertThat(in.readNBytes(4)).as("a .warc export is not gzipped").asString(StandardCharsets.US_ASCII).isEqualTo("WARC");
    }
    try (InputStream in = Files.newInputStream(gz)) {
      byte[] magic = in.readNBytes(2);
      assertThat(magic[0] & 0xFF).isEqualTo(0x1F);
      assertThat(magic[1] & 0xFF).isEqualTo(0x8B);
    }
    assertThat(citewatch("audit").exit()).isZero();
  }

  @Test
  void a304IsAServerNotModifiedRevisitWithTheOriginalsPayloadDigestAndItsConditionalRequest() throws Exception {
    citewatch("run");
    citewatch("run");

    record Seen(String type, String target, String id, Optional<String> profile, Optional<String> payloadDigest,
        Optional<String> refersTo, List<String> concurrentTo, Optional<String> ifNoneMatch) {}
    List<Seen> records = new ArrayList<>();
    try (WarcReader reader = new WarcReader(dailyFiles().get(0))) {
      for (WarcRecord record : reader) {
        String target = record.headers().first("WARC-Target-URI").orElse("");
        Optional<String> ifNoneMatch = record instanceof WarcRequest request
            ? request.http().headers().first("If-None-Match") : Optional.empty();
        records.add(new Seen(record.type(), target, record.id().toString(), record.headers().first("WARC-Profile"),
            record.headers().first("WARC-Payload-Digest"), record.headers().first("WARC-Refers-To"),
            record.headers().all("WARC-Concurrent-To"), ifNoneMatch));
      }
    }
    Seen original = records.stream().filter(r -> r.type().equals("response") && r.target().endsWith("/etag"))
        .findFirst().orElseThrow();
    Seen notModified = records.stream().filter(r -> r.type().equals("revisit") && r.target().endsWith("/etag"))
        .findFirst().orElseThrow();
    assertThat(notModified.profile()).hasValue(WarcRevisit.SERVER_NOT_MODIFIED_1_1.toString());
    assertThat(notModified.payloadDigest()).as("the original's payload digest").isEqualTo(original.payloadDigest());
    assertThat(notModified.refersTo()).hasValue("<" + original.id() + ">");
    Seen sameBody = records.stream().filter(r -> r.type().equals("revisit") && r.target().endsWith("/same"))
        .findFirst().orElseThrow();
    assertThat(sameBody.profile()).hasValue(WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1.toString());
    assertThat(records.stream().filter(r -> r.type().equals("request")
        && r.concurrentTo().contains("<" + notModified.id() + ">")))
        .as("the conditional request that got the 304").singleElement()
        .satisfies(r -> assertThat(r.ifNoneMatch()).as("sent with the ETag the server gave").isPresent());
    assertThat(records.stream().filter(r -> r.type().equals("request")).count()).as("a request record for every fetch")
        .isEqualTo(12);
    String journal = Files.readString(dir.resolve("snapshots/journal.jsonl"), StandardCharsets.UTF_8);
    assertThat(journal).as("the 304's check carries the baseline's payload digest, not an empty body's")
        .doesNotContain("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void everyRedirectHopIsARecordAndAnOversizeBodyIsKeptUpToTheCapAsTruncated() throws Exception {
    Cli.Result run = citewatch("run");

    List<String> moved = new ArrayList<>();
    List<String> big = new ArrayList<>();
    try (WarcReader reader = new WarcReader(dailyFiles().get(0))) {
      for (WarcRecord record : reader) {
        String target = record.headers().first("WARC-Target-URI").orElse("");
        if (target.contains("/leje")) {
          moved.add(record.type() + " " + target.replace(server.baseUrl(), "")
              + (record instanceof org.netpreserve.jwarc.WarcResponse r ? " " + r.http().status() : ""));
        }
        if ((target.endsWith("/big") || target.endsWith("/bomb")) && record.type().equals("response")) {
          big.add(target.replace(server.baseUrl(), "") + " " + record.headers().first("WARC-Truncated").orElse("whole"));
        }
      }
    }
    assertThat(moved).containsExactly("request /old/leje", "response /old/leje 301", "request /new/leje",
        "response /new/leje 200", "conversion /new/leje");
    assertThat(big).as("cut at max_body and marked; a gzip bomb kept as sent, whole").containsExactly("/big length",
        "/bomb whole");
    assertThat(run.exit()).as("the oversize page is a source that could not be checked").isEqualTo(1 | 4);
    assertJwarcValidates(dailyFiles());
    assertJwatValidates(dailyFiles().get(0));
    assertThat(citewatch("audit").exit()).isZero();
  }
}
