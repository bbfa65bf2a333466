package org.citewatch.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.citewatch.store.Json;
import org.junit.jupiter.api.BeforeEach;
import org.citewatch.testing.Cli;
import org.citewatch.testing.Cli.Result;
import org.citewatch.testing.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * citewatch run, end to end, against pages served by WireMock: a figure changes, a clause is
 * removed, a page starts answering 503, and one page stays the same.
 */
class RunEndToEndTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path store;
  Path reports;
  Path config;

  static final String FEE_V1 = page("Taksa", "<table><tr><td>Taksa për leje-qëndrim</td><td>€50</td></tr></table>");
  static final String FEE_V2 = page("Taksa", "<table><tr><td>Taksa për leje-qëndrim</td><td>€60</td></tr></table>");
  static final String CLAUSE_V1 = page("Dokumentet",
      "<ol><li>Sigurimin shëndetësor;</li><li>Dëshminë që nuk është i dënuar, e lëshuar nga shteti, shtetas i të cilit është i huaji;</li></ol>");
  static final String CLAUSE_V2 = page("Dokumentet",
      "<ol><li>Sigurimin shëndetësor;</li><li>Dëshminë që nuk është nën hetime, e lëshuar nga autoritetet e Kosovës;</li></ol>");
  static final String SAME = page("Prijava boravišta",
      "<p>Prijavu vrše pravna lica u roku od 24 časa od časa pružanja usluge smeštaja strancu.</p>");
  static final String GONE_V1 = page("Boravak", "<p>Zahtev se podnosi isključivo elektronski.</p>");

  static String page(String title, String main) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
        + "<nav>Početna</nav><main>" + main + "</main><footer>© 2026</footer></body></html>";
  }

  @BeforeEach
  void setUp() throws IOException {
    store = dir.resolve("snapshots");
    reports = dir.resolve("reports");
    config = dir.resolve("sources.yaml");
    String base = server.baseUrl();
    Files.writeString(config, """
        settings:
          per_host_delay: 0s
          timeout: 5s
          retries: 1
          retry_backoff: 10ms
        sources:
          - {id: fee, url: "%1$s/fee", lang: sq, select: main}
          - {id: clause, url: "%1$s/clause", lang: sq, select: main}
          - {id: gone, url: "%1$s/gone", lang: sr-Latn, select: main}
          - {id: same, url: "%1$s/same", lang: sr-Latn, select: main}
        programs:
          - id: xk-general-residence
            name: "Kosovo · General Residence"
            last_verified: %2$s
            claims:
              - {id: application-fee, source: fee, figure: "€50", quote: "Taksa për leje-qëndrim | €50"}
              - {id: health-insurance, source: clause, quote: "Sigurimin shëndetësor;"}
              - id: criminal-record
                source: clause
                quote: "Dëshminë që nuk është i dënuar, e lëshuar nga shteti, shtetas i të cilit është i huaji"
          - id: rs-temporary-residence
            name: "Serbia · Temporary Residence"
            last_verified: %2$s
            claims:
              - {id: address-registration, source: same, figure: "24 hours", quote: "u roku od 24 časa"}
              - {id: portal-only, source: gone, quote: "isključivo elektronski"}
        """.formatted(base, LocalDate.now(ZoneOffset.UTC).minusDays(10)), StandardCharsets.UTF_8);
    serve("/fee", 200, FEE_V1);
    serve("/clause", 200, CLAUSE_V1);
    serve("/gone", 200, GONE_V1);
    serve("/same", 200, SAME);
  }

  static void serve(String path, int status, String body) {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(body)));
  }


  Result citewatch(String... args) {
    return Cli.run(config, store, reports, args);
  }

  JsonNode report() throws IOException {
    return ReportSchema.read(reports.resolve("report.json"));
  }

  void changeThePages() {
    server.resetAll();
    serve("/fee", 200, FEE_V2);
    serve("/clause", 200, CLAUSE_V2);
    serve("/gone", 503, "<html><body><h1>Service Unavailable</h1></body></html>");
    serve("/same", 200, SAME);
  }

  @Test
  void aFirstRunTakesBaselinesAndRaisesNothing() throws IOException {
    Result run = citewatch("run");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("checked 4 sources: 4 changed (4 of them first captures), 0 unchanged, 0 failed; exit 0");
    assertThat(report().get("alerts")).isEmpty();
    server.verify(4, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/(fee|clause|gone|same)"))
        .withHeader("User-Agent", matching("citewatch/.*")));
  }

  @Test
  void aSecondRunTellsTheChangedFigureTheRemovedClauseAndTheFailingPageAndNothingForTheSamePage() throws IOException {
    citewatch("run");
    changeThePages();

    Result run = citewatch("run");

    assertThat(run.exit()).as("new alerts (1) and an unchecked source (4)").isEqualTo(5);
    JsonNode report = report();
    assertThat(report.at("/run/sources/failed").asInt()).isEqualTo(1);
    assertThat(report.at("/run/sources/changed").asInt()).isEqualTo(2);
    assertThat(report.at("/run/sources/unchanged").asInt()).isEqualTo(1);
    List<String> kinds = new ArrayList<>();
    report.get("alerts").forEach(a -> kinds.add(a.get("kind").asText() + " " + a.get("program").asText() + " "
        + a.get("claim").asText() + " " + a.get("source").asText() + " new=" + a.get("new").asBoolean()));
    assertThat(kinds).as("critical first").containsExactlyInAnyOrder(
        "FIGURE_CHANGED xk-general-residence application-fee fee new=true",
        "CLAIM_MISSING xk-general-residence criminal-record clause new=true",
        "SOURCE_UNREACHABLE null null gone new=true");
    assertThat(kinds.get(2)).startsWith("SOURCE_UNREACHABLE");
    JsonNode figure = alert(report, "FIGURE_CHANGED");
    assertThat(figure.get("message").asText()).isEqualTo("the source now states 60 EUR where the program says 50 EUR");
    assertThat(figure.at("/evidence/before").asText()).isEqualTo("Taksa për leje-qëndrim | €50");
    assertThat(figure.at("/evidence/after").asText()).isEqualTo("Taksa për leje-qëndrim | €60");
    assertThat(figure.get("programs")).extracting(JsonNode::asText).containsExactly("xk-general-residence");
    JsonNode unreachable = alert(report, "SOURCE_UNREACHABLE");
    assertThat(unreachable.get("message").asText())
        .isEqualTo("the server answered HTTP 503 Service Unavailable (2 attempts) (" + server.baseUrl() + "/gone)");
    assertThat(unreachable.get("programs")).extracting(JsonNode::asText).containsExactly("rs-temporary-residence");
    assertThat(Files.readString(reports.resolve("report.md"), StandardCharsets.UTF_8))
        .contains("## NEW FIGURE_CHANGED (critical) · Kosovo · General Residence (`xk-general-residence`)")
        .contains("~~€50~~ **€60**");
  }

  @Test
  void aThirdUnchangedRunRaisesNothingNewAndKeepsTheSameIds() throws IOException {
    citewatch("run");
    changeThePages();
    citewatch("run");
    List<String> secondIds = ids(report());

    Result third = citewatch("run");

    assertThat(third.exit()).as("no new alert, a source still failing").isEqualTo(4);
    JsonNode report = report();
    assertThat(ids(report)).isEqualTo(secondIds);
    report.get("alerts").forEach(a -> assertThat(a.get("new").asBoolean()).as(a.toString()).isFalse());
  }

  @Test
  void anAlertResolvesWhenItsConditionClearsAndTheJournalSaysSo() throws IOException {
    citewatch("run");
    changeThePages();
    citewatch("run");
    server.resetAll();
    serve("/fee", 200, FEE_V1);
    serve("/clause", 200, CLAUSE_V2);
    serve("/gone", 200, GONE_V1);
    serve("/same", 200, SAME);

    Result fourth = citewatch("run");

    assertThat(fourth.exit()).as("the fee page changed back: a new SOURCE_CHANGED").isEqualTo(1);
    List<String> kinds = new ArrayList<>();
    report().get("alerts").forEach(a -> kinds.add(a.get("kind").asText() + " " + a.get("source").asText()));
    assertThat(kinds).containsExactly("CLAIM_MISSING clause", "SOURCE_CHANGED fee");
    List<String> resolved = new ArrayList<>();
    for (String line : Files.readAllLines(store.resolve("journal.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode node = Json.MAPPER.readTree(line);
      if (node.path("event").asText().equals("resolved")) {
        resolved.add(node.at("/alert/kind").asText());
      }
    }
    assertThat(resolved).containsExactlyInAnyOrder("FIGURE_CHANGED", "SOURCE_UNREACHABLE");
  }

  static JsonNode alert(JsonNode report, String kind) {
    for (JsonNode alert : report.get("alerts")) {
      if (alert.get("kind").asText().equals(kind)) {
        return alert;
      }
    }
    throw new AssertionError("no " + kind + " in " + report);
  }

  static List<String> ids(JsonNode report) {
    List<String> ids = new ArrayList<>();
    report.get("alerts").forEach(a -> ids.add(a.get("id").asText()));
    return ids;
  }

  @Test
  void everyWarcFileOpensWithJwarcAndTheResponseRecordHoldsTheBytesServed() throws IOException {
    citewatch("run");
    changeThePages();
    citewatch("run");
    citewatch("run");

    List<String> types = new ArrayList<>();
    byte[] sameBody = null;
    for (Path warc : warcFiles()) {
      try (WarcReader reader = new WarcReader(warc)) {
        for (WarcRecord record : reader) {
          types.add(record.type());
          if (record instanceof WarcResponse response && response.target().endsWith("/same")) {
            assertThat(response.http().headers().first("Content-Encoding")).as("bytes kept as sent").contains("gzip");
            sameBody = response.http().bodyDecoded().stream().readAllBytes();
          }
        }
      }
    }
    assertThat(types).first().isEqualTo("warcinfo");
    assertThat(types).contains("request", "response", "conversion", "revisit");
    assertThat(sameBody).isEqualTo(SAME.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void eachJournalLineHoldsTheSha256OfTheLineBefore() throws IOException {
    citewatch("run");
    changeThePages();
    citewatch("run");
    citewatch("run");

    List<String> lines = Files.readAllLines(store.resolve("journal.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSizeGreaterThan(10);
    String previous = "0".repeat(64);
    long seq = 0;
    for (String line : lines) {
      JsonNode node = Json.MAPPER.readTree(line);
      assertThat(node.get("seq").asLong()).isEqualTo(++seq);
      assertThat(node.get("prev").asText()).as("line %d", seq).isEqualTo(previous);
      previous = HexFormat.of().formatHex(org.citewatch.model.Digests.sha256().digest(line.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void anUnchangedCheckAddsOneJournalCheckLineAndOneRevisitRecordWithItsRequestOnly() throws IOException {
    citewatch("run");
    List<String> recordsBefore = warcRecordTypes();
    List<String> journalBefore = Files.readAllLines(store.resolve("journal.jsonl"), StandardCharsets.UTF_8);

    Result run = citewatch("run", "--only", "same");

    assertThat(run.exit()).isZero();
    List<String> recordsAfter = warcRecordTypes();
    assertThat(recordsAfter.subList(recordsBefore.size(), recordsAfter.size())).as("WARC 1.1: the request of every fetch")
        .containsExactly("revisit", "request");
    List<String> journalAfter = Files.readAllLines(store.resolve("journal.jsonl"), StandardCharsets.UTF_8);
    List<String> added = new ArrayList<>();
    for (String line : journalAfter.subList(journalBefore.size(), journalAfter.size())) {
      added.add(Json.MAPPER.readTree(line).get("type").asText());
    }
    assertThat(added).containsExactly("run-started", "check", "run-finished");
    JsonNode check = Json.MAPPER.readTree(journalAfter.get(journalBefore.size() + 1));
    assertThat(check.get("outcome").asText()).isEqualTo("UNCHANGED");
  }

  List<Path> warcFiles() throws IOException {
    try (Stream<Path> files = Files.list(store.resolve("warc"))) {
      return files.sorted().toList();
    }
  }

  List<String> warcRecordTypes() throws IOException {
    List<String> types = new ArrayList<>();
    for (Path warc : warcFiles()) {
      try (WarcReader reader = new WarcReader(warc)) {
        reader.forEach(r -> types.add(r.type()));
      }
    }
    return types;
  }
}
