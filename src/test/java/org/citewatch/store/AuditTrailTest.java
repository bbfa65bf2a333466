package org.citewatch.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.citewatch.testing.Cli;
import org.citewatch.testing.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;

/** What an auditor relies on: tampering is found and named, the index is only a cache, exports are standard. */
class AuditTrailTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path store;
  Path config;


  Result citewatch(String... args) {
    return Cli.run(config, store, dir.resolve("reports"), args);
  }

  static void serve(String path, String fee) {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html><body><main><h1>Leje-qëndrim</h1><p>Sigurimin shëndetësor;</p><p>Taksa: " + fee
            + "</p><p>Kërkesa paraqitet personalisht në Departamentin për Shtetësi, Azil dhe Migrim.</p></main></body></html>")));
  }

  @BeforeEach
  void threeRuns() throws IOException {
    store = dir.resolve("snapshots");
    config = dir.resolve("sources.yaml");
    Files.writeString(config, """
        settings: {per_host_delay: 0s}
        sources:
          - {id: xk, url: "%1$s/xk", lang: sq, select: main}
          - {id: rs, url: "%1$s/rs", lang: sq, select: main}
        programs:
          - id: xk-general-residence
            name: Kosovo
            last_verified: %2$s
            claims:
              - {id: fee, source: xk, figure: "€50", quote: "Taksa: €50"}
        """.formatted(server.baseUrl(), LocalDate.now(ZoneOffset.UTC)), StandardCharsets.UTF_8);
    serve("/xk", "€50");
    serve("/rs", "€20");
    citewatch("run");
    serve("/xk", "€60");
    citewatch("run");
    citewatch("run");
  }

  @Test
  void anUntouchedStorePassesTheAudit() {
    Result audit = citewatch("audit");

    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).matches("audit OK: \\d+ journal lines chained, \\d+ WARC records match their digests\\n");
  }

  @Test
  void oneByteEditedInAWarcRecordFailsTheAuditAndNamesTheRecord() throws IOException {
    Path warc = Files.list(store.resolve("warc")).findFirst().orElseThrow();
    long offset = Files.readAllLines(store.resolve("journal.jsonl")).stream()
        .filter(l -> l.contains("\"type\":\"snapshot\"")).map(l -> Json.read(l, com.fasterxml.jackson.databind.JsonNode.class))
        .findFirst().orElseThrow().path("response_offset").asLong();
    try (RandomAccessFile file = new RandomAccessFile(warc.toFile(), "rw")) {
      file.seek(offset + 40);
      int b = file.read();
      file.seek(offset + 40);
      file.write(b ^ 0x01);
    }

    Result audit = citewatch("audit");

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("warc/" + warc.getFileName() + "@" + offset);
  }

  @Test
  void aDeletedJournalLineFailsTheAuditAndNamesTheLine() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(store.resolve("journal.jsonl"), StandardCharsets.UTF_8));
    lines.remove(4);
    Files.write(store.resolve("journal.jsonl"), lines, StandardCharsets.UTF_8);

    Result audit = citewatch("audit");

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("journal.jsonl line 5: seq is 6, expected 5",
        "journal.jsonl line 5: 'prev' is not the SHA-256 of line 4");
  }

  @Test
  void twoSwappedJournalLinesFailTheAudit() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(store.resolve("journal.jsonl"), StandardCharsets.UTF_8));
    String third = lines.get(2);
    lines.set(2, lines.get(3));
    lines.set(3, third);
    Files.write(store.resolve("journal.jsonl"), lines, StandardCharsets.UTF_8);

    Result audit = citewatch("audit");

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("journal.jsonl line 3: seq is 4, expected 3");
  }

  @Test
  void historyIsTheSameAfterIndexDbIsDeletedAndTheNextRunRebuildsTheIndex() throws IOException {
    Result before = citewatch("history", "xk");
    Result alertsBefore = citewatch("alerts", "--json");
    Files.delete(store.resolve("index.db"));

    Result after = citewatch("history", "xk");
    Result rebuilt = citewatch("audit", "--reindex");
    Result alertsAfter = citewatch("alerts", "--json");
    Result fourth = citewatch("run");

    assertThat(after.out()).isEqualTo(before.out()).contains("new", "changed", "unchanged");
    assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
    assertThat(alertsAfter.out()).isEqualTo(alertsBefore.out()).contains("FIGURE_CHANGED");
    assertThat(fourth.exit()).as("nothing new after the rebuild: the baseline and alerts came back").isZero();
  }

  @Test
  void showGivesTheExtractedTextAndTheRawBody() throws IOException {
    String id = citewatch("history", "xk", "--json").out().replaceAll("(?s).*\"snapshot\" : \"([0-9a-f]{12})\".*", "$1");

    Result shown = citewatch("show", id);

    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).contains("## Leje-qëndrim\nSigurimin shëndetësor;\nTaksa: €");
  }

  @Test
  void diffShowsTheChangedBlockBetweenTheLastTwoSnapshotsAndByDate() {
    Result diff = citewatch("diff", "xk");
    Result byDate = citewatch("diff", "xk", "--at", LocalDate.now(ZoneOffset.UTC).toString());

    assertThat(diff.exit()).isZero();
    assertThat(diff.out()).contains("- Taksa: €50\n+ Taksa: €60\n");
    assertThat(byDate.out()).contains("(no difference in the extracted text)");
  }

  @Test
  void exportPassesJwarcsValidationAndCarriesTheOriginalRequestAndResponseBytes() throws Exception {
    Path export = dir.resolve("xk.warc.gz");

    Result result = citewatch("export", "--warc", export.toString(), "xk");

    assertThat(result.exit()).as(result.err()).isZero();
    Process validate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.netpreserve.jwarc.tools.WarcTool", "validate", export.toString())
        .redirectErrorStream(true).start();
    String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(validate.exitValue()).as(output).isZero();
    List<String> types = new ArrayList<>();
    ByteArrayOutputStream bodies = new ByteArrayOutputStream();
    try (WarcReader reader = new WarcReader(export)) {
      for (WarcRecord record : reader) {
        types.add(record.type());
        if (record instanceof WarcRequest request) {
          assertThat(request.http().headers().first("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).startsWith("citewatch/"));
        }
        if (record instanceof WarcResponse response) {
          bodies.write(response.http().bodyDecoded().stream().readAllBytes());
        }
      }
    }
    assertThat(types).first().isEqualTo("warcinfo");
    assertThat(types).contains("request", "response", "conversion", "revisit").doesNotContain("rs");
    assertThat(bodies.toString(StandardCharsets.UTF_8)).contains("Taksa: €50", "Taksa: €60");
  }

  @Test
  void aSecondRunOnABusyStoreSaysWhoHoldsItAndExits3OrWaits() throws Exception {
    CompletableFuture<Result> waiting;
    CompletableFuture<Result> quietlyWaiting;
    try (Store held = Store.open(store)) {
      assertThat(held.dir()).isEqualTo(store);
      Result busy = citewatch("run");
      assertThat(busy.exit()).isEqualTo(3);
      assertThat(busy.err()).startsWith("citewatch run: " + store + " is being written by another citewatch (pid "
          + ProcessHandle.current().pid());
      waiting = CompletableFuture.supplyAsync(() -> citewatch("run", "--wait"));
      quietlyWaiting = CompletableFuture.supplyAsync(() -> citewatch("report", "--quiet"));
      Thread.sleep(500);
      assertThat(waiting).isNotDone();
      assertThat(quietlyWaiting).isNotDone();
    }
    assertThat(quietlyWaiting.get(30, TimeUnit.SECONDS).err()).as("under --quiet, as for cron").isEmpty();
    Result queued = waiting.get(30, TimeUnit.SECONDS);
    assertThat(queued.exit()).isZero();
    assertThat(queued.err()).startsWith("citewatch run: " + store + " is being written by another citewatch (pid "
        + ProcessHandle.current().pid()).contains("; waiting for it to finish");
  }

  @Test
  void alertsDuringARunWaitsForItAndSaysSo() throws Exception {
    CompletableFuture<Result> alerts;
    try (Store held = Store.open(store)) {
      assertThat(held.dir()).isEqualTo(store);
      alerts = CompletableFuture.supplyAsync(() -> citewatch("alerts"));
      Thread.sleep(500);
      assertThat(alerts).isNotDone();
    }
    Result result = alerts.get(30, TimeUnit.SECONDS);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err()).startsWith("citewatch alerts: " + store + " is being written by another citewatch (pid "
        + ProcessHandle.current().pid()).contains("; waiting for it to finish");
    assertThat(result.out()).contains("FIGURE_CHANGED");
  }
}
