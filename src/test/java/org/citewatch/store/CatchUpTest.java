package org.citewatch.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.citewatch.model.Config;
import org.citewatch.model.Snapshot;
import org.citewatch.schedule.Pipeline;
import org.citewatch.schedule.Progress;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A run killed at any point leaves an index behind the journal; the next open replays only the
 * lines after the index's checkpoint (issue 19: a year-old store's full rebuild took 14.5 s), and
 * must leave the index exactly as a rebuild from the first line does.
 */
class CatchUpTest {

  static final int SOURCES = 24;

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  /** Night {@code night}'s pages: every third source changes its fee each night, some send validators. */
  void serve(int night) {
    for (int s = 0; s < SOURCES; s++) {
      int fee = 50 + (s % 3 == 0 ? night * 10 : 0);
      var response = aResponse().withStatus(s == 5 && night == 3 ? 503 : 200)
          .withHeader("Content-Type", "text/html; charset=utf-8")
          .withBody("<html><body><main><h1>Leje-qëndrimi " + s + "</h1><p>Taksa për aplikim është " + fee
              + " €.</p><p>Захтев се подноси лично.</p></main></body></html>");
      if (s % 4 == 1) {
        response = response.withHeader("Last-Modified", "Mon, 0" + night + " Nov 2026 10:00:00 GMT");
      }
      server.stubFor(get(urlEqualTo("/p" + s)).willReturn(response));
    }
  }

  Config config() throws Exception {
    StringBuilder yaml = new StringBuilder("settings: {per_host_delay: 0s, retries: 0, concurrency: 4, per_host_concurrency: 4}\n"
        + "sources:\n");
    for (int s = 0; s < SOURCES; s++) {
      yaml.append("  - {id: s").append(s).append(", url: \"").append(server.baseUrl()).append("/p").append(s)
          .append("\", lang: sq, select: main, respect_robots: false}\n");
    }
    yaml.append("""
        programs:
          - id: xk-residence
            name: Kosovo residence
            last_verified: 2026-11-01
            claims:
              - {id: fee, source: s0, quote: "Taksa për aplikim është 60 €"}
        """);
    return Runs.config(dir, yaml.toString());
  }

  void run(Path store, Progress progress) throws Exception {
    Config config = config();
    try (Store s = Store.open(store)) {
      new Pipeline(config, s, dir.resolve("reports"), Clock.systemUTC(), progress).run(config.sources());
    }
  }

  /** Kills after that many checks of night 3; -1 kills once its alerts are journaled, before its run-finished line. */
  @ParameterizedTest(name = "killed after {0} checks")
  @ValueSource(ints = {1, 9, 23, -1})
  void anIndexLeftBehindByAKillIsCaughtUpToWhatARebuildGives(int killAfter) throws Exception {
    Path store = dir.resolve("snapshots");
    serve(1);
    run(store, Progress.SILENT);
    serve(2);
    run(store, Progress.SILENT);
    serve(3);
    Progress kill = new Progress() {
      @Override
      public void checked(int done, int total, String sourceId, String outcome) {
        if (done == killAfter) {
          throw new IllegalStateException("killed");
        }
      }

      @Override
      public void alertsJournaled() {
        if (killAfter < 0) {
          throw new IllegalStateException("killed");
        }
      }
    };
    assertThatThrownBy(() -> run(store, kill)).hasStackTraceContaining("killed");
    Path copy = dir.resolve("rebuilt");
    copyTree(store, copy);
    Files.delete(copy.resolve(Store.INDEX));

    List<String> said = new ArrayList<>();
    Map<String, Object> caughtUp = stateSaying(store, said);
    // killed once its alerts were journaled, the index is consistent with the journal's end
    assertThat(said).noneMatch(m -> m.contains("rebuilding it"));
    assertThat(said).noneMatch(m -> m.contains("damaged or was edited"));
    assertThat(said.stream().anyMatch(m -> m.contains("after its checkpoint"))).as(said.toString())
        .isEqualTo(killAfter > 0);
    assertSame(caughtUp, state(copy));

    // and the next night tells the same from either
    serve(4);
    run(store, Progress.SILENT);
    run(copy, Progress.SILENT);
    assertThat(told(store)).isEqualTo(told(copy)).isNotEmpty();
    // the lines that night wrote after the catch-up are found through the index as by a scan
    Records scanned = new Records(store);
    try (Records indexed = Records.open(store)) {
      for (int s = 0; s < SOURCES; s++) {
        assertThat(indexed.history("s" + s)).as("history of s" + s).isEqualTo(scanned.history("s" + s)).hasSizeGreaterThanOrEqualTo(3);
      }
    }
  }

  /**
   * A store's first run killed before the index's first commit: the index holds its checkpoint at
   * the journal's start, and the next open replays the journal from there. It was rebuilt, with a
   * warning that "index.db does not match the journal" (before that, that it "was written by an
   * older citewatch").
   */
  @Test
  void aFirstRunKilledBeforeTheIndexsFirstCommitIsCaughtUpNotRebuilt() throws Exception {
    Path store = dir.resolve("snapshots");
    serve(1);
    Progress kill = new Progress() {
      @Override
      public void checked(int done, int total, String sourceId, String outcome) {
        if (done == 5) {
          throw new IllegalStateException("killed");
        }
      }
    };
    assertThatThrownBy(() -> run(store, kill)).hasStackTraceContaining("killed");
    Path copy = dir.resolve("rebuilt");
    copyTree(store, copy);
    Files.delete(copy.resolve(Store.INDEX));

    List<String> said = new ArrayList<>();
    Map<String, Object> caughtUp = stateSaying(store, said);
    assertThat(said).noneMatch(m -> m.contains("rebuilding it"));
    assertThat(said).anyMatch(m -> m.contains("after its checkpoint"));
    assertSame(caughtUp, state(copy));
  }

  /** {@link #state} of the store, with what opening it logged added to {@code said}. */
  Map<String, Object> stateSaying(Path store, List<String> said) throws IOException {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger storeLog = (Logger) LoggerFactory.getLogger(Store.class);
    log.start();
    storeLog.addAppender(log);
    Level level = storeLog.getLevel();
    storeLog.setLevel(Level.INFO);
    try {
      return state(store);
    } finally {
      storeLog.detachAppender(log);
      storeLog.setLevel(level);
      log.list.forEach(event -> said.add(event.getFormattedMessage()));
    }
  }

  /** What a maintainer is told, and what each source reads as now and as last reported. */
  static List<String> told(Path dir) throws IOException {
    List<String> told = new ArrayList<>();
    try (Store store = Store.open(dir)) {
      store.alerts().values().forEach(a -> told.add(a.kind() + " " + a.source().orElse("") + ": " + a.message()));
      for (int s = 0; s < SOURCES; s++) {
        store.state("s" + s).ifPresent(state -> told.add(state.sourceId() + " reads "
            + state.latest().map(Snapshot::contentDigest).orElse("-") + ", reported "
            + state.reported().map(Snapshot::contentDigest).orElse("-")));
      }
    }
    return told.stream().sorted().toList();
  }

  static void assertSame(Map<String, Object> caughtUp, Map<String, Object> rebuilt) {
    assertThat(caughtUp.keySet()).isEqualTo(rebuilt.keySet());
    caughtUp.forEach((key, value) -> assertThat(value).as(key).isEqualTo(rebuilt.get(key)));
  }

  @Test
  void aRebuiltIndexKeepsTheValidatorsOfAPageThatChanged() throws Exception {
    Path store = dir.resolve("snapshots");
    serve(1);
    run(store, Progress.SILENT);
    serve(2);
    run(store, Progress.SILENT);
    Map<String, Object> live = state(store);
    Files.delete(store.resolve(Store.INDEX));
    // s9 changed on night 2 and sent Last-Modified: its conditional GET must survive a rebuild
    assertThat(state(store).get("source s9")).isEqualTo(live.get("source s9"));
    assertThat(((Optional<?>) live.get("source s9")).map(s -> ((SourceState) s).lastModified().orElseThrow()))
        .contains("Mon, 02 Nov 2026 10:00:00 GMT");
  }

  @Test
  void historyAndShowReadTheSameThroughTheIndexAsByScanningTheJournal() throws Exception {
    Path store = dir.resolve("snapshots");
    for (int night = 1; night <= 4; night++) {
      serve(night);
      run(store, Progress.SILENT);
    }
    Records scanned = new Records(store);
    try (Records indexed = Records.open(store)) {
      for (int s = 0; s < SOURCES; s++) {
        assertThat(indexed.history("s" + s)).as("history of s" + s).isEqualTo(scanned.history("s" + s)).isNotEmpty();
        List<Records.SnapshotEntry> snapshots = indexed.snapshots("s" + s);
        assertThat(snapshots).isEqualTo(scanned.snapshots("s" + s)).isNotEmpty();
        String prefix = snapshots.get(snapshots.size() - 1).id().substring(0, 6);
        assertThat(indexed.snapshot(prefix)).isEqualTo(scanned.snapshot(prefix)).isPresent();
        // the last checks, read from the end of the source's lines
        List<Records.CheckEntry> all = scanned.history("s" + s);
        assertThat(all).as("s" + s).hasSize(4);
        for (int last = 1; last <= 5; last++) {
          Records.Recent recent = indexed.history("s" + s, last);
          assertThat(recent).as("last %d of s%d", last, s).isEqualTo(scanned.history("s" + s, last));
          assertThat(recent.checks()).isEqualTo(all.subList(Math.max(0, all.size() - last), all.size()));
          assertThat(recent.earlier()).as("earlier checks left out of the last %d", last).isEqualTo(last < 4);
        }
      }
    }
  }

  /** Everything the index answers, as the commands and the next run read it. */
  static Map<String, Object> state(Path dir) throws IOException {
    Map<String, Object> state = new LinkedHashMap<>();
    try (Store store = Store.open(dir)) {
      for (int s = 0; s < SOURCES; s++) {
        // a page's skeleton is no fact of the journal's: an index without it parses the next page
        state.put("source s" + s, store.state("s" + s).map(t -> new SourceState(t.sourceId(), t.latest(), t.etag(),
            t.lastModified(), t.lastChecked(), t.reported())));
        state.put("lines of s" + s, store.lineOffsets("s" + s));
      }
      state.put("alerts", store.alerts());
      state.put("resolved", store.resolvedAlerts());
      state.put("anchors", store.anchors());
      state.put("verified", store.verifiedOn());
      state.put("outbox", store.outbox());
      state.put("repairs", store.pendingRepairs());
      state.put("last run", store.lastRun());
    }
    return state;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
        if (!path.getFileName().toString().equals(Store.LOCK)) {
          Files.copy(path, to.resolve(from.relativize(path).toString()));
        }
      }
    }
  }
}
