package org.citewatch.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.citewatch.config.ConfigLoader;
import org.citewatch.model.Config;
import org.citewatch.model.RunSummary;
import org.citewatch.schedule.Pipeline;
import org.citewatch.schedule.Progress;
import org.citewatch.fetch.Fetcher;
import org.citewatch.store.Json;
import org.citewatch.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.citewatch.testing.Cli;
import org.citewatch.testing.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** From "the official page changed" to "the program is fixed and re-verified", as a maintainer goes. */
class ReviewWorkflowTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  static final String SECRET = "T0K3N-s3cr3t-9f2";

  @TempDir Path dir;
  Path store;

  static void serveFee(String fee) {
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html><body><main><h1>Leje-qëndrim</h1><p>Sigurimin shëndetësor;</p><p>Taksa: " + fee
            + "</p><p>Kërkesa paraqitet personalisht në Departamentin për Shtetësi, Azil dhe Migrim.</p></main></body></html>")));
  }

  @BeforeEach
  void setUp() throws IOException {
    store = dir.resolve("snapshots");
    server.stubFor(post(urlEqualTo("/hooks/" + SECRET)).willReturn(aResponse().withStatus(200)));
    serveFee("€50");
  }

  String sources(LocalDate verified, String notify) {
    return """
        settings:
          per_host_delay: 0s
          stale_after: 30d
          notify: %3$s
        sources:
          - {id: xk, url: "%1$s/xk", lang: sq, select: main}
        programs:
          - id: xk-general-residence
            name: "Kosovo · General Residence"
            last_verified: %2$s
            claims:
              - {id: fee, source: xk, figure: "€50", quote: "Taksa: €50"}
              - {id: insurance, source: xk, quote: "Sigurimin shëndetësor;"}
        """.formatted(server.baseUrl(), verified, notify);
  }

  Path writeConfig(LocalDate verified, String notify) throws IOException {
    Path config = dir.resolve("sources.yaml");
    Files.writeString(config, sources(verified, notify), StandardCharsets.UTF_8);
    return config;
  }

  RunSummary run(Path configFile, Map<String, String> env) throws Exception {
    Config config = new ConfigLoader().load(configFile);
    try (Store opened = Store.open(store)) {
      return new Pipeline(config, opened, dir.resolve("reports"), Clock.systemUTC(), Progress.SILENT,
          settings -> new Fetcher(settings, Clock.systemUTC()), env).run(config.sources());
    }
  }


  Result citewatch(Path config, String... args) {
    return Cli.run(config, store, dir.resolve("reports"), args);
  }

  JsonNode report() throws IOException {
    return Json.MAPPER.readTree(dir.resolve("reports/report.json").toFile());
  }

  JsonNode alert(String kind) throws IOException {
    for (JsonNode a : report().get("alerts")) {
      if (a.get("kind").asText().equals(kind)) {
        return a;
      }
    }
    throw new AssertionError("no " + kind + " in report.json");
  }

  @Test
  void anAcknowledgedAlertShowsSoAndResolvesWhenItsConditionClears() throws Exception {
    Path config = writeConfig(LocalDate.now(ZoneOffset.UTC), "[]");
    run(config, Map.of());
    serveFee("€60");
    run(config, Map.of());
    String id = alert("FIGURE_CHANGED").get("id").asText();

    Result ack = citewatch(config, "ack", id.substring(0, 6), "--by", "drita", "--note", "asked MPB by email");
    Result report = citewatch(config, "report");

    assertThat(ack.exit()).as(ack.err()).isZero();
    assertThat(report.exit()).as(report.err()).isZero();
    assertThat(alert("FIGURE_CHANGED").get("state").asText()).isEqualTo("acknowledged");
    assertThat(Files.readString(dir.resolve("reports/report.html"), StandardCharsets.UTF_8)).contains("badge acknowledged");
    assertThat(journal("alert")).anySatisfy(line -> {
      assertThat(line.get("event").asText()).isEqualTo("acknowledged");
      assertThat(line.get("by").asText()).isEqualTo("drita");
      assertThat(line.get("note").asText()).isEqualTo("asked MPB by email");
    });

    RunSummary again = run(config, Map.of());
    assertThat(again.exitCode()).as("an acknowledged alert is not raised again").isZero();
    assertThat(alert("FIGURE_CHANGED").get("state").asText()).isEqualTo("acknowledged");

    serveFee("€50");
    run(config, Map.of());
    assertThat(report().get("alerts")).noneMatch(a -> a.get("kind").asText().equals("FIGURE_CHANGED"));
    assertThat(journal("alert")).anySatisfy(line -> {
      assertThat(line.get("event").asText()).isEqualTo("resolved");
      assertThat(line.at("/alert/kind").asText()).isEqualTo("FIGURE_CHANGED");
    });

    Result open = citewatch(config, "alerts");
    Result all = citewatch(config, "alerts", "--all");
    Result late = citewatch(config, "ack", id.substring(0, 6));
    assertThat(open.out()).doesNotContain(id);
    assertThat(all.out()).containsPattern(id + " +critical +FIGURE_CHANGED +resolved +fee");
    assertThat(late.exit()).isEqualTo(1);
    assertThat(late.err()).isEqualTo("citewatch ack: alert " + id + " is already resolved; nothing to acknowledge\n");
  }

  @Test
  void verifyEndsStalenessRecordsWhoWhenAndWhyAndTheNextRunRaisesNothing() throws Exception {
    Path config = writeConfig(LocalDate.now(ZoneOffset.UTC).minusDays(90), "[]");
    run(config, Map.of());
    assertThat(alert("STALE_VERIFICATION").get("program").asText()).isEqualTo("xk-general-residence");
    assertThat(alert("STALE_VERIFICATION").get("message").asText())
        .endsWith("then record it: citewatch verify xk-general-residence (or update last_verified in sources.yaml)");

    Result verify = citewatch(config, "verify", "xk-general-residence", "--by", "marko", "--note", "checked all four claims");
    RunSummary next = run(config, Map.of());

    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).startsWith("verified xk-general-residence on " + LocalDate.now(ZoneOffset.UTC) + " by marko; resolved 1 alert(s)");
    assertThat(journal("verify")).singleElement().satisfies(line -> {
      assertThat(line.get("program").asText()).isEqualTo("xk-general-residence");
      assertThat(line.get("by").asText()).isEqualTo("marko");
      assertThat(line.get("note").asText()).isEqualTo("checked all four claims");
      assertThat(line.get("time").asText()).startsWith(LocalDate.now(ZoneOffset.UTC).toString());
    });
    assertThat(next.exitCode()).isZero();
    assertThat(report().get("alerts")).isEmpty();
  }

  @Test
  void verifyLeavesAClaimWhoseQuoteIsStillMissingAlerted() throws Exception {
    Path config = writeConfig(LocalDate.now(ZoneOffset.UTC), "[]");
    run(config, Map.of());
    serveFee("€60");
    run(config, Map.of());

    Result verify = citewatch(config, "verify", "xk-general-residence");

    assertThat(verify.out()).contains("resolved 0 alert(s)", "still open:", "FIGURE_CHANGED fee");
    assertThat(run(config, Map.of()).exitCode()).as("not raised a second time").isZero();
    assertThat(alert("FIGURE_CHANGED").get("state").asText()).isEqualTo("open");
  }

  @Test
  void verifyNamesTheSourceOfASourceAlertThatStaysOpen() throws Exception {
    Path config = writeConfig(LocalDate.now(ZoneOffset.UTC), "[]");
    run(config, Map.of());
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(404)));
    run(config, Map.of());

    Result verify = citewatch(config, "verify", "xk-general-residence");

    assertThat(verify.out()).containsPattern("still open: [0-9a-f]{16} SOURCE_UNREACHABLE xk: the server answered HTTP 404");
  }

  @Test
  void newAlertsAreEmailedAndPostedOncePerRunAndSecretsStayOutOfLogsAndReports() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    String notify = "[{webhook: \"" + server.baseUrl() + "/hooks/${HOOK_TOKEN}\"}, {email: {to: \"content@example.org\", "
        + "smtp: \"smtp://127.0.0.1:" + mail.getSmtp().getPort() + "\", from: \"citewatch@example.org\", "
        + "plaintext_relay: true}}, "
        + "{webhook: \"http://127.0.0.1:9/hooks/${HOOK_TOKEN}\"}]";
    Path config = writeConfig(LocalDate.now(ZoneOffset.UTC), notify);
    Map<String, String> env = Map.of("HOOK_TOKEN", SECRET);
    run(config, env);
    serveFee("€60");

    RunSummary changed = run(config, env);
    RunSummary quiet = run(config, env);

    assertThat(changed.exitCode()).as("a failing notifier never fails the run").isEqualTo(1);
    assertThat(quiet.exitCode()).isZero();
    server.verify(1, postRequestedFor(urlEqualTo("/hooks/" + SECRET))
        .withHeader("Content-Type", containing("application/json"))
        .withRequestBody(matchingJsonPath("$.text", containing("FIGURE_CHANGED — Kosovo · General Residence / fee: "
            + "the source now states 60 EUR where the program says 50 EUR")))
        .withRequestBody(matchingJsonPath("$.alerts[0].kind", equalTo("FIGURE_CHANGED")))
        .withRequestBody(matchingJsonPath("$.run.exit_code", equalTo("1"))));
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getSubject()).isEqualTo("citewatch: 1 new alert(s), 1 critical");
    assertThat(received[0].getAllRecipients()[0]).hasToString("content@example.org");
    assertThat((String) received[0].getContent()).contains("the source now states 60 EUR where the program says 50 EUR");
    assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith(
        "notify: webhook to 127.0.0.1 failed:"));
    assertThat(logs.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(SECRET));
    for (String file : List.of("report.json", "report.md", "report.html")) {
      assertThat(Files.readString(dir.resolve("reports").resolve(file), StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }
    assertThat(Files.readString(store.resolve("journal.jsonl"), StandardCharsets.UTF_8)).doesNotContain(SECRET);
  }

  List<JsonNode> journal(String type) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(store.resolve("journal.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode node = Json.MAPPER.readTree(line);
      if (node.get("type").asText().equals(type)) {
        lines.add(node);
      }
    }
    return lines;
  }
}
