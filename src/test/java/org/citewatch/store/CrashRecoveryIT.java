package org.citewatch.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nightly runs get killed. citewatch run, as its own process over 200 loopback sources, is killed
 * with SIGKILL at random moments; after each kill the store must open and pass the audit, hold
 * every check the run reported as finished, and the next run must complete.
 */
class CrashRecoveryIT {

  static final int SOURCES = 200;
  static final int KILLS = 10;
  static final Pattern CHECKED = Pattern.compile("INFO Pipeline: checked (s\\d+): ");

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
      .containerThreads(20)).build();

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")).toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
  }

  Result finish(Process process) throws Exception {
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  void serveRound(int round) {
    for (int i = 0; i < SOURCES; i++) {
      // a third of the pages change each round, so that kills land in captures as well as revisits
      int version = (round + i) / 3;
      server.stubFor(get(urlEqualTo("/page-" + i)).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "text/html")
          .withBody("<html><body><main><h1>Page " + i + "</h1><p>Sigurimin shëndetësor;</p><p>Version " + version
              + "</p><p>" + "Kërkesa paraqitet personalisht. ".repeat(40) + "</p></main></body></html>")
          // a few milliseconds a page keeps a 200-source run long enough to be killed in its middle
          .withFixedDelay(8)));
    }
  }

  @Test
  void killedRunsLoseNothingTheyReportedAndTheStoreRecovers() throws Exception {
    StringBuilder yaml = new StringBuilder("settings: {per_host_delay: 0s, retries: 0}\nsources:\n");
    for (int i = 0; i < SOURCES; i++) {
      yaml.append("  - {id: s").append(i).append(", url: \"").append(server.baseUrl()).append("/page-").append(i)
          .append("\", lang: sq, select: main}\n");
    }
    Files.writeString(dir.resolve("sources.yaml"), yaml, StandardCharsets.UTF_8);
    Random random = new Random(20261121);
    Map<String, Integer> reported = new HashMap<>();
    Map<String, Integer> recoveries = new HashMap<>();
    int killedMidRun = 0;
    Map<String, Integer> missed = new HashMap<>();
    for (int kill = 0; killedMidRun < KILLS && kill < 3 * KILLS; kill++) {
      serveRound(kill);
      long journalBefore = journalSize();
      Process run = start("run", "-v");
      if (kill % 5 == 4) {
        // now and then a kill while the run starts or repairs the store, before it writes
        Thread.sleep(100 + random.nextInt(1400));
      } else {
        // otherwise somewhere in the run once it has begun to write, however long a busy machine
        // takes to start a JVM and repair the store first
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.isAlive() && journalSize() == journalBefore && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        Thread.sleep(random.nextInt(2000));
      }
      boolean wasAlive = run.isAlive();
      run.destroyForcibly();
      Result killed = finish(run);
      // a kill counts when it cut a run that had begun writing: before that it tests no write path
      if (wasAlive && journalSize() > journalBefore) {
        killedMidRun++;
      } else {
        String[] errLines = killed.err().strip().split("\n");
        missed.merge((wasAlive ? "killed before writing" : "exit " + killed.exit()) + ": "
            + errLines[errLines.length - 1], 1, Integer::sum);
      }
      for (String kind : List.of("dropping a torn last line", "rebuilding it", "past the last journaled record")) {
        if (killed.err().contains(kind)) {
          recoveries.merge(kind, 1, Integer::sum);
        }
      }
      Matcher m = CHECKED.matcher(killed.err());
      while (m.find()) {
        reported.merge(m.group(1), 1, Integer::sum);
      }

      Result audit = finish(start("audit"));
      // a kill before the run had created the store leaves none to audit, and audit says so
      assertThat(audit.exit()).as("audit after kill %d: %s", kill, audit.err())
          .isEqualTo(Store.exists(dir.resolve("snapshots")) ? 0 : 2);
      Map<String, Integer> journaled = journaledChecks();
      reported.forEach((source, count) -> assertThat(journaled.getOrDefault(source, 0))
          .as("checks of %s reported finished before kill", source).isGreaterThanOrEqualTo(count));
    }
    assertThat(killedMidRun).as("kills that cut a run while it wrote; the others: %s", missed)
        .isGreaterThanOrEqualTo(KILLS);
    System.out.printf(java.util.Locale.ROOT, "%d kills while writing; recoveries on the next open: %s; kills that missed: %s%n",
        killedMidRun, recoveries, missed);
    // a kill costs the catch-up of the lines after the index's last commit, never a rebuild: not in
    // the middle of the index's commit, and not in a first run before its first commit
    assertThat(recoveries).as("recoveries on the next open").doesNotContainKey("rebuilding it");

    serveRound(3 * KILLS);
    Result last = finish(start("run"));
    assertThat(last.exit()).as(last.err()).isIn(0, 1);
    assertThat(last.out()).startsWith("checked 200 sources:");
    assertThat(finish(start("audit")).exit()).isZero();
  }

  long journalSize() throws IOException {
    Path journal = dir.resolve("snapshots/journal.jsonl");
    return Files.exists(journal) ? Files.size(journal) : 0;
  }

  Map<String, Integer> journaledChecks() throws IOException {
    Map<String, Integer> checks = new HashMap<>();
    if (!Files.exists(dir.resolve("snapshots/journal.jsonl"))) {
      return checks;
    }
    for (String line : Files.readAllLines(dir.resolve("snapshots/journal.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode node = Json.MAPPER.readTree(line);
      if (node.path("type").asText().equals("check")) {
        checks.merge(node.path("source_id").asText(), 1, Integer::sum);
      }
    }
    return checks;
  }

  @Test
  void twoRunsAtOnceOneRunsTheOtherSaysWhoHoldsTheStoreAndWaitQueuesBehind() throws Exception {
    StringBuilder yaml = new StringBuilder("settings: {per_host_delay: 0s}\nsources:\n");
    for (int i = 0; i < SOURCES; i++) {
      yaml.append("  - {id: s").append(i).append(", url: \"").append(server.baseUrl()).append("/page-").append(i)
          .append("\", lang: sq, select: main}\n");
    }
    Files.writeString(dir.resolve("sources.yaml"), yaml, StandardCharsets.UTF_8);
    serveRound(0);
    Process first = start("run", "-v");
    while (!Files.exists(dir.resolve("err.txt")) || !Files.readString(dir.resolve("err.txt")).contains("checked s")) {
      Thread.sleep(20);
    }
    Path secondDir = Files.createDirectories(dir.resolve("second"));
    Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")).toAbsolutePath().toString(), "run",
        "--config", "../sources.yaml", "--store", "../snapshots", "--report-dir", "../reports")
        .directory(secondDir.toFile()).redirectErrorStream(true).start();
    String secondOut = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Process waiting = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")).toAbsolutePath().toString(), "run", "--wait",
        "--config", "../sources.yaml", "--store", "../snapshots", "--report-dir", "../reports")
        .directory(secondDir.toFile()).redirectErrorStream(true).start();
    Result firstResult = finish(first);
    String waitingOut = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(waiting.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(second.exitValue()).as(secondOut).isEqualTo(3);
    assertThat(secondOut).contains("is being written by another citewatch (pid " + first.pid());
    assertThat(firstResult.exit()).isZero();
    assertThat(waiting.exitValue()).as(waitingOut).isZero();
    // it says it waits, if the first run is still going when it starts (AuditTrailTest makes sure of that)
    assertThat(waitingOut).matches("(?s)(citewatch run: \\.\\./snapshots is being written by another citewatch \\(pid "
        + first.pid() + " [^\n]*; waiting for it to finish\n)?checked 200 sources: 0 changed, 200 unchanged.*");
    assertThat(journaledChecks().values()).as("each source checked once by each run that ran").containsOnly(2);
    assertThat(finish(start("audit")).exit()).isZero();
  }
}
