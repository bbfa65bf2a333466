package org.citewatch.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.citewatch.store.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** citewatch daemon as a night shift runs it: its own process, on a schedule, stopped by SIGTERM. */
class DaemonIT {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @BeforeEach
  void pages() {
    server.stubFor(get(urlMatching("/page-\\d")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html><body><main><p>Sigurimin shëndetësor;</p></main></body></html>").withFixedDelay(150)));
  }

  void config(String schedule) throws IOException {
    StringBuilder yaml = new StringBuilder("settings:\n  per_host_delay: 0s\n  jitter: 0s\n  timezone: UTC\n  schedule: \""
        + schedule + "\"\nsources:\n");
    for (int i = 0; i < 3; i++) {
      yaml.append("  - {id: s").append(i).append(", url: \"").append(server.baseUrl()).append("/page-").append(i)
          .append("\", lang: sq, select: main}\n");
    }
    Files.writeString(dir.resolve("sources.yaml"), yaml, StandardCharsets.UTF_8);
  }

  Process start(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")).toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile()).start();
  }

  int stop(Process daemon) throws Exception {
    daemon.destroy();
    assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s of SIGTERM").isTrue();
    return daemon.exitValue();
  }

  String output(String name) throws IOException {
    return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8) + Files.readString(dir.resolve(name + ".err"),
        StandardCharsets.UTF_8);
  }

  List<JsonNode> journal(String type) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    Path journal = dir.resolve("snapshots/journal.jsonl");
    if (!Files.exists(journal)) {
      return lines;
    }
    for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
      JsonNode node = Json.MAPPER.readTree(line);
      if (node.get("type").asText().equals(type)) {
        lines.add(node);
      }
    }
    return lines;
  }

  JsonNode status() throws Exception {
    Process status = start("status", "status", "--json");
    assertThat(status.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Json.MAPPER.readTree(dir.resolve("status.out").toFile());
  }

  @Test
  void runsEveryTwoSecondsNeverTwoAtOnceAndStopsCleanlyOnSigterm() throws Exception {
    config("*/2 * * * * ?");
    Process daemon = start("daemon", "daemon");
    Thread.sleep(10_000);
    JsonNode status = status();

    int exit = stop(daemon);

    assertThat(exit).as(output("daemon")).isZero();
    List<JsonNode> started = journal("run-started");
    List<JsonNode> finished = journal("run-finished");
    assertThat(started).hasSizeGreaterThanOrEqualTo(3);
    assertThat(finished).as("every run that started finished, SIGTERM's included").hasSameSizeAs(started);
    for (int i = 0; i < finished.size(); i++) {
      assertThat(finished.get(i).get("id").asText()).isEqualTo(started.get(i).get("run").asText());
      if (i + 1 < started.size()) {
        assertThat(Instant.parse(started.get(i + 1).get("time").asText()))
            .as("run %d starts after run %d finished", i + 2, i + 1)
            .isAfterOrEqualTo(Instant.parse(finished.get(i).get("time").asText()));
      }
    }
    assertThat(status.at("/daemon/running").asBoolean()).isTrue();
    assertThat(Instant.parse(status.at("/next_run").asText())).isAfter(Instant.parse(status.at("/last_run/started").asText()))
        .isBefore(Instant.parse(status.at("/last_run/started").asText()).plusSeconds(5));
    Process audit = start("audit", "audit");
    assertThat(audit.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(audit.exitValue()).as(output("audit")).isZero();
  }

  @Test
  void aScheduledTimeMissedWhileStoppedIsMadeUpExactlyOnceAndStatusSaysWhatRanAndWhatIsNext() throws Exception {
    ZonedDateTime due = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
    String daily = String.format(Locale.ROOT, "%d %d %d * * ?", due.getSecond(), due.getMinute(), due.getHour());
    config(daily);
    Process once = start("run", "run");
    assertThat(once.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Process first = start("first", "daemon");
    Thread.sleep(1500);
    assertThat(stop(first)).isZero();
    assertThat(journal("run-started")).as("the first daemon stopped before the scheduled time").hasSize(1);
    while (ZonedDateTime.now(ZoneOffset.UTC).isBefore(due.plusSeconds(2))) {
      Thread.sleep(200);
    }

    Process second = start("second", "daemon");
    Thread.sleep(6000);
    JsonNode status = status();
    int exit = stop(second);

    assertThat(exit).isZero();
    List<JsonNode> started = journal("run-started");
    assertThat(started).as("the cron run, then exactly one catch-up: " + output("second")).hasSize(2);
    assertThat(status.at("/last_run/id").asText()).isEqualTo(journal("run-finished").get(1).get("id").asText());
    assertThat(status.at("/next_run").asText()).isEqualTo(due.plusDays(1).toInstant().toString());
  }

  @Test
  void aBrokenEditKeepsTheLastGoodConfigRunningAndRaisesAnAlertNamingLineAndColumn() throws Exception {
    config("*/2 * * * * ?");
    Process daemon = start("daemon", "daemon");
    Thread.sleep(3000);
    Files.writeString(dir.resolve("sources.yaml"), "settings:\n  per_host_delay: 0s\nsources:\n  - id: s0\n    url: http://x\n"
        + "     lang: sq\n", StandardCharsets.UTF_8);
    int before = journal("run-finished").size();
    Thread.sleep(5000);

    int exit = stop(daemon);

    assertThat(exit).isZero();
    List<JsonNode> raised = journal("alert").stream().filter(a -> a.get("event").asText().equals("raised")).toList();
    assertThat(raised).singleElement().satisfies(a -> {
      assertThat(a.at("/alert/kind").asText()).isEqualTo("CONFIG_ERROR");
      assertThat(a.at("/alert/message").asText()).contains("sources.yaml:6:10: YAML syntax: mapping values are not allowed here");
    });
    List<JsonNode> finished = journal("run-finished");
    assertThat(finished.size()).as("the daemon kept running").isGreaterThan(before + 1);
    // The broken file names one source; the last good config three. (The last run may have been cut
    // short by SIGTERM after the source in hand, so every run after the edit is looked at.)
    assertThat(finished.subList(before, finished.size() - 1)).as("runs after the broken edit")
        .isNotEmpty().allSatisfy(run -> assertThat(run.at("/sources/checked").asInt()).isEqualTo(3));
  }
}
