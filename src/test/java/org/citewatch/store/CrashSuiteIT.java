package org.citewatch.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash suite of issue 16: runs, acknowledgements, verifications and notifications are killed
 * with SIGKILL at random moments, and each killed store, after the maintainer repeats a command
 * that never said it was done and one more run, is compared with a store that was never killed:
 * the same alerts in the same states, the same baselines and verifications, an audit that passes,
 * and every notification delivered at least once.
 */
class CrashSuiteIT {

  static final int SOURCES = 8;
  static final int KILLS = 50;
  static final int HOOK_DELAY = 400;

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
      .containerThreads(20)).build();

  @TempDir Path dir;

  enum Op { RUN, ACK, VERIFY }

  /** Version 2 changes the fee of every other page: figure and source alerts, and a notification. */
  void serve(int version, int hookDelayMillis) {
    for (int i = 0; i < SOURCES; i++) {
      int fee = version == 2 && i % 2 == 0 ? 70 : 50;
      server.stubFor(get(urlEqualTo("/p" + i)).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "text/html; charset=utf-8")
          .withBody("<html><body><main><h1>Leja e qëndrimit " + i + "</h1><p>Taksa për leje qëndrimi është " + fee
              + " €.</p><p>Kërkesa paraqitet personalisht në Drejtorinë për Shtetësi, Azil dhe Migracion.</p>"
              + "</main></body></html>")
          .withFixedDelay(20)));
    }
    server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withFixedDelay(hookDelayMillis)));
  }

  String config() {
    StringBuilder yaml = new StringBuilder("settings: {per_host_delay: 0s, retries: 0, notify: [{webhook: \""
        + server.baseUrl() + "/hook\"}]}\nsources:\n");
    for (int i = 0; i < SOURCES; i++) {
      yaml.append("  - {id: s").append(i).append(", url: \"").append(server.baseUrl()).append("/p").append(i)
          .append("\", lang: sq, select: main, respect_robots: false}\n");
    }
    yaml.append("programs:\n");
    for (int p = 0; p < 2; p++) {
      yaml.append("  - id: program-").append(p).append("\n    name: Kosovo ").append(p)
          .append("\n    last_verified: 2026-06-23\n    claims:\n");
      for (int i = p; i < SOURCES; i += 2) {
        yaml.append("      - {id: fee-").append(i).append(", source: s").append(i)
            .append(", quote: \"Taksa për leje qëndrimi është 50 €\", figure: 50 EUR}\n");
      }
    }
    return yaml.toString();
  }

  Cli.Result citewatch(Path store, String... args) {
    return Cli.run(dir.resolve("sources.yaml"), store, dir.resolve("reports"), args);
  }

  Process start(Path store, String... args) throws IOException {
    // the flags bin/citewatch starts the jar with: C1 only and the serial collector, a quicker start
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-Djava.io.tmpdir=" + dir.resolve("tmp"),
        "-jar", Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")).toAbsolutePath().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--config", dir.resolve("sources.yaml").toString(), "--store", store.toString(),
        "--report-dir", dir.resolve("reports").toString()));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
  }

  /** What a maintainer and the next run see of a store: alerts with their states, baselines, verifications. */
  static List<String> state(Path store) throws IOException {
    List<String> state = new ArrayList<>();
    try (Store s = Store.open(store)) {
      for (Alert alert : new TreeMap<>(s.alerts()).values()) {
        if (alert.kind() == AlertKind.STORE_REPAIRED) {
          // the one alert a kill adds by design: what the next open cut, told (and listed by audit)
          continue;
        }
        state.add("alert " + alert.id() + " " + alert.kind() + " " + alert.state() + ": " + alert.message());
      }
      for (Alert alert : new TreeMap<>(s.resolvedAlerts()).values()) {
        state.add("resolved " + alert.id() + " " + alert.kind());
      }
      for (int i = 0; i < SOURCES; i++) {
        SourceState source = s.state("s" + i).orElseThrow();
        state.add("s" + i + " baseline " + source.latest().map(l -> l.contentDigest()).orElse("none")
            + " told " + source.reported().map(l -> l.contentDigest()).orElse("none"));
      }
      s.verifiedOn().forEach((program, date) -> state.add("verified " + program + " " + date));
      state.add("outbox " + s.outbox().size());
    }
    return state;
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  /** The alert ids every notification that reached the webhook carried. */
  static Set<String> notified() throws IOException {
    Set<String> ids = new TreeSet<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      if (event.getRequest().getUrl().equals("/hook")) {
        JsonNode body = Json.MAPPER.readTree(event.getRequest().getBodyAsString());
        body.path("alerts").forEach(a -> ids.add(a.path("id").asText()));
      }
    }
    return ids;
  }

  boolean acknowledged(Path store, String id) throws IOException {
    try (Store s = Store.open(store)) {
      return s.alerts().get(id).state() == Alert.State.ACKNOWLEDGED;
    }
  }

  boolean verifiedToday(Path store) throws IOException {
    try (Store s = Store.open(store)) {
      return s.verifiedOn().containsKey("program-0") && !s.verifiedOn().get("program-0").toString().equals("2026-06-23");
    }
  }

  static String[] command(Op op, String ackId) {
    return switch (op) {
      case RUN -> new String[] {"run"};
      case ACK -> new String[] {"ack", ackId, "--by", "chief-editor", "--note", "në shqyrtim"};
      case VERIFY -> new String[] {"verify", "program-0", "--by", "editor"};
    };
  }

  @Test
  void everyKilledStoreAfterOneMoreRunIsTheStoreThatWasNeverKilled() throws Exception {
    Files.createDirectories(dir.resolve("tmp"));
    Files.writeString(dir.resolve("sources.yaml"), config(), StandardCharsets.UTF_8);
    // before the change: baselines; after it: open alerts to acknowledge and a program to verify
    Path before = dir.resolve("before");
    serve(1, 0);
    assertThat(citewatch(before, "run").exit()).isIn(0, 1);
    Path after = dir.resolve("after");
    copy(before, after);
    serve(2, 0);
    assertThat(citewatch(after, "run").exit()).isEqualTo(1);
    String ackId;
    try (Store s = Store.open(after)) {
      ackId = new TreeMap<>(s.alerts()).firstKey();
    }

    // the stores never killed: each command once, then one more run
    // how long each command takes as its own process, so that kills can be spread over its life
    Map<Op, List<String>> expected = new TreeMap<>();
    Map<Op, Long> takes = new TreeMap<>();
    Set<String> raisedByTheChange = new TreeSet<>();
    for (Op op : Op.values()) {
      Path reference = dir.resolve("reference-" + op);
      copy(op == Op.RUN ? before : after, reference);
      serve(2, op == Op.RUN ? HOOK_DELAY : 0);
      server.resetRequests();
      long start = System.nanoTime();
      Process done = start(reference, command(op, ackId));
      assertThat(done.waitFor(60, TimeUnit.SECONDS)).isTrue();
      takes.put(op, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      assertThat(done.exitValue()).as("%s: %s", op, Files.readString(dir.resolve("out.txt"))).isIn(0, 1);
      serve(2, 0);
      if (op == Op.RUN) {
        raisedByTheChange.addAll(notified());
      }
      assertThat(citewatch(reference, "run").exit()).isIn(0, 1);
      expected.put(op, state(reference));
    }
    assertThat(raisedByTheChange).as("the change's alerts, notified").isNotEmpty();

    Random random = new Random(20261201);
    Map<String, Integer> kills = new TreeMap<>();
    int killed = 0;
    for (int trial = 0; killed < KILLS && trial < 3 * KILLS; trial++) {
      Op op = Op.values()[trial % 3 == 0 ? 1 + random.nextInt(2) : 0];
      Path store = dir.resolve("trial-" + trial);
      copy(op == Op.RUN ? before : after, store);
      long journalBefore = Files.size(store.resolve(Store.JOURNAL));
      // a webhook that takes its time to answer, so that kills land while a notifier is answering
      serve(2, op == Op.RUN ? HOOK_DELAY : 0);
      server.resetRequests();
      Process process = start(store, command(op, ackId));
      // most of a command's life is the JVM starting: kills are spread over the rest, up to its end
      long life = takes.get(op);
      long delay = life / 3 + random.nextInt((int) Math.max(1, life * 2 / 3 + 50));
      Thread.sleep(delay);
      boolean alive = process.isAlive();
      if (!alive) {
        // it ended before the kill: commands run faster than the first, cold one that was measured
        takes.put(op, Math.max(300, delay * 9 / 10));
      }
      process.destroyForcibly();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      if (alive) {
        killed++;
        boolean wrote = Files.size(store.resolve(Store.JOURNAL)) > journalBefore;
        boolean notifying = op == Op.RUN && server.getAllServeEvents().stream()
            .anyMatch(e -> e.getRequest().getUrl().equals("/hook"));
        kills.merge(op + (wrote ? " after writing" : " before writing") + (notifying ? ", webhook answering" : ""), 1,
            Integer::sum);
      }

      // the maintainer repeats a command that never said it was done, then the next night's run
      serve(2, 0);
      if (op == Op.ACK && !acknowledged(store, ackId)) {
        assertThat(citewatch(store, "ack", ackId, "--by", "chief-editor", "--note", "në shqyrtim").exit()).isZero();
      }
      if (op == Op.VERIFY && !verifiedToday(store)) {
        assertThat(citewatch(store, "verify", "program-0", "--by", "editor").exit()).isZero();
      }
      Cli.Result next = citewatch(store, "run");
      assertThat(next.exit()).as("trial %d (%s): %s", trial, op, next.err()).isIn(0, 1);

      assertThat(state(store)).as("trial %d: %s killed %s", trial, op, alive ? "while running" : "after it ended")
          .isEqualTo(expected.get(op));
      Cli.Result audit = citewatch(store, "audit");
      assertThat(audit.exit()).as("trial %d audit: %s", trial, audit.err()).isZero();
      try (Store s = Store.open(store)) {
        if (s.alerts().values().stream().anyMatch(a -> a.kind() == AlertKind.STORE_REPAIRED)) {
          kills.merge("repairs told as STORE_REPAIRED", 1, Integer::sum);
          assertThat(audit.out()).as("trial %d: audit lists the repair", trial).contains("repair(s) on record");
        }
      }
      if (op == Op.RUN) {
        assertThat(notified()).as("trial %d: every new alert notified at least once", trial)
            .containsAll(raisedByTheChange);
      }
    }
    assertThat(killed).as("kills of a live command: %s", kills).isGreaterThanOrEqualTo(KILLS);
    try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
      // a file a process would delete at its exit stays behind when it is killed: none may be made
      assertThat(left.map(f -> f.getFileName().toString()).toList()).as("left in the killed commands' temp directory")
          .isEmpty();
    }
    System.out.printf(Locale.ROOT, "crash suite: %d kills (commands take %s ms unkilled): %s%n", killed, takes, kills);
  }
}
