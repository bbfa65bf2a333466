package org.citewatch.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Config;
import org.citewatch.model.Evidence;
import org.citewatch.model.Digests;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store with a year of nightly captures (pages whose footer changes on every fetch make a new
 * snapshot and a SOURCE_CHANGED alert each night) must rebuild its index after a crash, and read
 * its open alerts, in a heap that does not grow with that history, and find each source's
 * baseline exactly; status, history and show must answer from it in that heap too.
 */
class ReindexIT {

  static final int SOURCES = 400;
  /** -Dreindex.years=4 measures the read commands on four years of history; CI runs one. */
  static final int NIGHTS = 365 * Integer.getInteger("reindex.years", 1);

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @Test
  void aYearOfSnapshotsAndAlertsIsReindexedAndReadIn64MbAndEveryBaselineIsTheLastGoodOne() throws Exception {
    Config config = Runs.config(dir,
        "settings: {per_host_delay: 0s}\nsources:\n  - {id: s0, url: \"" + server.baseUrl() + "/p\", lang: sq}\n");
    server.stubFor(get(urlEqualTo("/p")).willReturn(aResponse().withHeader("Content-Type", "text/html")
        .withBody("<main><p>Taksa është 50 euro.</p></main>")));
    Path snapshots = dir.resolve("snapshots");
    Runs.run(dir, config);
    Path journal = snapshots.resolve(Store.JOURNAL);
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    ObjectNode snapshot = (ObjectNode) lines.stream().map(ReindexIT::json)
        .filter(e -> e.path("type").asText().equals("snapshot")).findFirst().orElseThrow();
    ObjectNode check = (ObjectNode) lines.stream().map(ReindexIT::json)
        .filter(e -> e.path("type").asText().equals("check")).findFirst().orElseThrow();
    ObjectNode runFinished = (ObjectNode) lines.stream().map(ReindexIT::json)
        .filter(e -> e.path("type").asText().equals("run-finished")).findFirst().orElseThrow();
    runFinished.remove(List.of("seen", "alerts_at"));
    ObjectNode runStarted = (ObjectNode) lines.stream().map(ReindexIT::json)
        .filter(e -> e.path("type").asText().equals("run-started")).findFirst().orElseThrow();

    // Each night every source gets a new snapshot; on the last night source 7's capture is degraded
    // (the guard refused it), and the night after its check is unchanged against the one before.
    History history = new History(journal, lines.get(lines.size() - 1), lines.size());
    try (BufferedWriter out = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      for (int night = 1; night <= NIGHTS; night++) {
        history.append(out, runStarted.deepCopy().put("time", Instant.parse("2026-01-01T02:00:00Z")
            .plusSeconds(night * 86_400L).toString()).put("id", "night-" + night));
        for (int s = 0; s < SOURCES; s++) {
          String id = id(night, s);
          Instant at = Instant.parse("2026-01-01T02:00:00Z").plusSeconds(night * 86_400L + s);
          history.append(out, snapshot.deepCopy().put("time", at.toString()).put("snapshot", id).put("source", "x" + s));
          ObjectNode line = check.deepCopy().put("time", at.toString()).put("source_id", "x" + s).put("snapshot_id", id)
              .put("outcome", "CHANGED");
          if (night == NIGHTS && s == 7) {
            line.put("outcome", "DEGRADED").remove("snapshot_id");
          }
          history.append(out, line);
          // the night's change raises an alert, and the night before's is resolved: superseded
          Alert raised = new Alert("a" + id, AlertKind.SOURCE_CHANGED, Optional.empty(), Optional.empty(),
              Optional.of("x" + s), List.of(), "x" + s + " changed", Evidence.none(), at, at, Alert.State.OPEN, Optional.empty());
          history.append(out, alertLine("raised", raised));
          if (night > 1) {
            Instant before = at.minusSeconds(86_400);
            history.append(out, alertLine("resolved", new Alert("a" + id(night - 1, s), AlertKind.SOURCE_CHANGED,
                Optional.empty(), Optional.empty(), Optional.of("x" + s), List.of(), "x" + s + " changed",
                Evidence.none(), before, before, Alert.State.RESOLVED, Optional.empty())));
          }
        }
        Instant finished = Instant.parse("2026-01-01T02:00:00Z").plusSeconds(night * 86_400L + SOURCES);
        history.append(out, runFinished.deepCopy().put("time", finished.toString()).put("id", "night-" + night)
            .put("finished", finished.toString()));
      }
      Instant after = Instant.parse("2026-01-01T02:00:00Z").plusSeconds((NIGHTS + 1) * 86_400L);
      history.append(out, check.deepCopy().put("time", after.toString()).put("source_id", "x7")
          .put("snapshot_id", id(NIGHTS - 1, 7)).put("outcome", "UNCHANGED"));
    }
    for (String name : List.of(Store.INDEX, Store.INDEX + ".wal.0", Store.INDEX + ".wal.1")) {
      Files.deleteIfExists(snapshots.resolve(name));
    }

    // a first rebuild killed in its commits, which it writes without the undo journal: the next one starts again
    Path marker = Index.rebuildMarker(snapshots.resolve(Store.INDEX));
    Process cut = start(Files.createTempFile(dir, "out", ".txt"), "alerts", "--store", snapshots.toString());
    for (int waited = 0; waited < 600 && !Files.exists(marker); waited++) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    TimeUnit.SECONDS.sleep(2);
    cut.destroyForcibly().waitFor();
    assertThat(marker).as("the kill fell inside the rebuild").exists();
    assertThat(UndoLog.pathOf(snapshots.resolve(Store.INDEX))).doesNotExist();

    Result alerts = citewatch("alerts", "--store", snapshots.toString());
    assertThat(alerts.output()).contains("index.db's last rebuild was cut short; it is a cache, rebuilding it");
    assertThat(marker).doesNotExist();
    System.out.printf(Locale.ROOT, "reindex: a journal of %,d bytes rebuilt and its open alerts listed in %,d ms, -Xmx64m%n",
        Files.size(journal), alerts.millis());
    assertThat(alerts.output()).contains("rebuilding it").doesNotContain("OutOfMemoryError");
    assertThat(alerts.exit()).as(alerts.output()).isZero();
    assertThat(alerts.output().split("SOURCE_CHANGED", -1)).as("one per open alert").hasSize(SOURCES + 1);

    // what a maintainer or a monitoring check asks of such a store, one command at a time
    Result status = citewatch("status", "--json", "--store", snapshots.toString());
    Result checks = citewatch("history", "x7", "--all", "--store", snapshots.toString());
    Result show = citewatch("show", id(NIGHTS, 8), "--store", snapshots.toString());
    Result audit = citewatch("audit", "--store", snapshots.toString());
    System.out.printf(Locale.ROOT, "on that store: status %,d ms, history of one source (--all) %,d ms, show %,d ms, "
        + "audit %,d ms%n",
        status.millis(), checks.millis(), show.millis(), audit.millis());
    // audit reads the whole history by design, and holds 16 bytes per WARC record to do it: a year
    // in 64 MB; the longer measurements of the read commands leave it its default heap
    if (NIGHTS <= 365) {
      assertThat(audit.exit()).as(audit.output()).isZero();
    }
    assertThat(status.exit()).as(status.output()).isZero();
    assertThat(Json.MAPPER.readTree(status.output()).at("/last_run/id").asText()).isEqualTo("night-" + NIGHTS);
    assertThat(checks.exit()).as(checks.output()).isZero();
    assertThat(checks.output()).contains("x7: " + (NIGHTS + 1) + " checks");
    assertThat(show.exit()).as(show.output()).isZero();
    assertThat(show.output()).startsWith("# snapshot " + id(NIGHTS, 8) + " of x8").contains("Taksa është 50 euro.");

    // a night's run killed halfway: the index is behind the journal by its lines, and only those are replayed
    List<String> now = Files.readAllLines(journal, StandardCharsets.UTF_8);
    History killed = new History(journal, now.get(now.size() - 1), now.size());
    try (BufferedWriter out = Files.newBufferedWriter(journal, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
      killed.append(out, runStarted.deepCopy());
      for (int s = 0; s < SOURCES / 2; s++) {
        String id = "killed" + s;
        Instant at = Instant.parse("2026-01-01T02:00:00Z").plusSeconds((NIGHTS + 2) * 86_400L + s);
        killed.append(out, snapshot.deepCopy().put("time", at.toString()).put("snapshot", id).put("source", "x" + s));
        killed.append(out, check.deepCopy().put("time", at.toString()).put("source_id", "x" + s).put("snapshot_id", id)
            .put("outcome", "CHANGED"));
      }
    }
    Result afterKill = citewatch("alerts", "-v", "--store", snapshots.toString());
    String caughtUp = afterKill.output().lines().filter(l -> l.contains("after its checkpoint")).findFirst()
        .orElse("(no catch-up: " + afterKill.output() + ")");
    System.out.printf(Locale.ROOT, "after a kill %,d lines behind the journal: open alerts listed in %,d ms, JVM start "
        + "included; %s%n", SOURCES + 1, afterKill.millis(), caughtUp.substring(Math.max(0, caughtUp.indexOf("index.db"))));
    assertThat(afterKill.exit()).as(afterKill.output()).isZero();
    assertThat(afterKill.output()).doesNotContain("rebuilding it");
    Result statusNow = citewatch("status", "--json", "--store", snapshots.toString());
    Result historyNow = citewatch("history", "x7", "--store", snapshots.toString());
    Result showNow = citewatch("show", id(NIGHTS, 300), "--store", snapshots.toString());
    Result alertsNow = citewatch("alerts", "--store", snapshots.toString());
    System.out.printf(Locale.ROOT, "%d nights of history, a journal of %,d bytes: status %,d ms, history of one source "
        + "%,d ms, show %,d ms, alerts %,d ms%n", NIGHTS, Files.size(journal), statusNow.millis(), historyNow.millis(),
        showNow.millis(), alertsNow.millis());
    // the last 100 checks by default, whatever the history's length; the newest is the killed run's
    List<String> listed = historyNow.output().lines().toList();
    assertThat(listed).hasSize(1 + 100 + 1);
    assertThat(listed.get(100)).contains("killed7");
    assertThat(listed.get(101)).startsWith("x7: the last 100 checks, ").endsWith("earlier checks: --all, or --last N");
    assertThat(showNow.output()).startsWith("# snapshot " + id(NIGHTS, 300) + " of x300");

    try (Store store = Store.open(snapshots)) {
      assertThat(store.state("x3").flatMap(SourceState::latest).orElseThrow().id()).isEqualTo("killed3");
      assertThat(store.state("x7").flatMap(SourceState::latest).orElseThrow().id()).isEqualTo("killed7");
      assertThat(store.state("x300").flatMap(SourceState::latest).orElseThrow().id()).isEqualTo(id(NIGHTS, 300));
      assertThat(store.state("x8").flatMap(SourceState::latest).orElseThrow().id()).isEqualTo("killed8");
      assertThat(store.state("s0")).isPresent();
    }
  }

  record Result(int exit, String output, long millis) {}

  Result citewatch(String... args) throws Exception {
    long started = System.nanoTime();
    Path out = Files.createTempFile(dir, "out", ".txt");
    Process process = start(out, args);
    // a rebuild from the first line takes a minute a year on a slow machine
    assertThat(process.waitFor(NIGHTS / 365 * 300L, TimeUnit.SECONDS)).as("citewatch %s in time", args[0]).isTrue();
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        (System.nanoTime() - started) / 1_000_000);
  }

  Process start(Path out, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-jar", Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")).toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
  }

  static String id(int night, int source) {
    return String.format(Locale.ROOT, "n%04ds%03d", night, source);
  }

  static ObjectNode alertLine(String event, Alert alert) {
    ObjectNode line = Json.MAPPER.createObjectNode().put("time", alert.lastSeen().toString()).put("type", "alert")
        .put("event", event);
    line.set("alert", Json.MAPPER.valueToTree(alert));
    return line;
  }

  static JsonNode json(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Appends lines with the sequence numbers and hash chain journal.jsonl carries. */
  static final class History {
    private String last;
    private long seq;

    History(Path journal, String last, long seq) {
      this.last = last;
      this.seq = seq;
    }

    void append(BufferedWriter out, ObjectNode event) throws IOException {
      ObjectNode line = Json.MAPPER.createObjectNode().put("seq", ++seq)
          .put("prev", Digests.hex(last.getBytes(StandardCharsets.UTF_8)));
      event.remove(List.of("seq", "prev"));
      line.setAll(event);
      last = Json.MAPPER.writeValueAsString(line);
      out.write(last);
      out.write('\n');
    }
  }
}
