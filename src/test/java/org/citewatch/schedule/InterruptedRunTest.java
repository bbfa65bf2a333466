package org.citewatch.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.citewatch.model.Alert;
import org.citewatch.model.Config;
import org.citewatch.model.Source;
import org.citewatch.store.Store;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed after a check was journaled and before its alerts were (issue 16: 59 SOURCE_CHANGED
 * lost in 3 of 25 kills): the next run tells the change, as a run never killed would have.
 */
class InterruptedRunTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static String page(String text) {
    return "<html><body><main><h1>Prijava boravišta</h1><p>" + text + "</p><p>Stranac se prijavljuje lično.</p>"
        + "</main></body></html>";
  }

  void serve(String path, String html) {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(html)));
  }

  Config config() throws Exception {
    return Runs.config(dir, """
        settings: {per_host_delay: 0s}
        sources:
          - {id: a, url: "%1$s/a", lang: sr-Latn, respect_robots: false}
          - {id: b, url: "%1$s/b", lang: sr-Latn, respect_robots: false}
        """.formatted(server.baseUrl()));
  }

  /** The alerts a store holds, as kind, source and message: what a maintainer is told. */
  static List<String> told(Path store) throws Exception {
    try (Store s = Store.open(store)) {
      return Pipeline.active(s).stream().map(a -> a.kind() + " " + a.source().orElse("") + ": " + a.message())
          .sorted().toList();
    }
  }

  void run(Path store, Progress progress) throws Exception {
    run(store, progress, source -> true);
  }

  void run(Path store, Progress progress, Predicate<Source> which) throws Exception {
    Config config = config();
    try (Store s = Store.open(store)) {
      new Pipeline(config, s, dir.resolve("reports"), Clock.systemUTC(), progress)
          .run(config.sources().stream().filter(which).toList());
    }
  }

  /** Both stores take the baseline of a and b, then a's page changes. */
  void baselinesThenAChangeOfA(Path killed, Path neverKilled) throws Exception {
    serve("/a", page("Rok je 24 časa."));
    serve("/b", page("Rok je 8 dana."));
    run(killed, Progress.SILENT);
    run(neverKilled, Progress.SILENT);
    serve("/a", page("Rok je 12 časova."));
  }

  @Test
  void aChangeWhoseAlertsAKillLostIsToldByTheNextRun() throws Exception {
    Path killed = dir.resolve("killed");
    Path neverKilled = dir.resolve("never-killed");
    baselinesThenAChangeOfA(killed, neverKilled);

    // the kill: after the first source's check is journaled, before any alert is
    Progress kill = (done, total, sourceId, outcome) -> {
      throw new IllegalStateException("killed");
    };
    assertThatThrownBy(() -> run(killed, kill)).hasStackTraceContaining("killed");
    run(neverKilled, Progress.SILENT);
    run(killed, Progress.SILENT);

    assertThat(told(killed)).as("the same alerts as a store never killed").isEqualTo(told(neverKilled))
        .anySatisfy(a -> assertThat(a).startsWith("SOURCE_CHANGED a: the page changed"));
  }

  /**
   * A finished run tells the changes of the sources it checked, not those a killed run left untold:
   * a run of the other source alone, in between, leaves the change to be told.
   */
  @Test
  void aChangeAKillLeftUntoldOutlastsARunOfTheOtherSourceAlone() throws Exception {
    Path killed = dir.resolve("killed");
    Path neverKilled = dir.resolve("never-killed");
    baselinesThenAChangeOfA(killed, neverKilled);
    Progress killAfterA = (done, total, sourceId, outcome) -> {
      if (sourceId.equals("a")) {
        throw new IllegalStateException("killed");
      }
    };
    assertThatThrownBy(() -> run(killed, killAfterA)).hasStackTraceContaining("killed");
    run(neverKilled, Progress.SILENT);
    run(killed, Progress.SILENT, source -> source.id().equals("b"));
    run(neverKilled, Progress.SILENT, source -> source.id().equals("b"));

    run(killed, Progress.SILENT);
    run(neverKilled, Progress.SILENT);

    assertThat(told(killed)).as("the same alerts as a store never killed").isEqualTo(told(neverKilled))
        .anySatisfy(a -> assertThat(a).startsWith("SOURCE_CHANGED a: the page changed"));
  }

  @Test
  void aRunCutAfterItsAlertsWereJournaledStillHasThemNotifiedByTheNextRun() throws Exception {
    server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    Path store = dir.resolve("store");
    Config config = Runs.config(dir, """
        settings: {per_host_delay: 0s, notify: [{webhook: "%1$s/hook"}]}
        sources:
          - {id: a, url: "%1$s/a", lang: sr-Latn, respect_robots: false}
        """.formatted(server.baseUrl()));
    serve("/a", page("Rok je 24 časa."));
    try (Store s = Store.open(store)) {
      new Pipeline(config, s, dir.resolve("reports"), Clock.systemUTC(), Progress.SILENT).run(config.sources());
    }
    serve("/a", page("Rok je 12 časova."));
    Progress cut = new Progress() {
      @Override
      public void checked(int done, int total, String sourceId, String outcome) {
      }

      @Override
      public void alertsJournaled() {
        throw new IllegalStateException("killed");
      }
    };
    try (Store s = Store.open(store)) {
      assertThatThrownBy(() -> new Pipeline(config, s, dir.resolve("reports"), Clock.systemUTC(), cut)
          .run(config.sources())).hasStackTraceContaining("killed");
    }
    server.resetRequests();
    try (Store s = Store.open(store)) {
      new Pipeline(config, s, dir.resolve("reports"), Clock.systemUTC(), Progress.SILENT).run(config.sources());
    }

    List<LoggedRequest> hooks = server.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(hooks).as("the change's alert, notified after the run that raised it was cut").hasSize(1);
    assertThat(hooks.get(0).getBodyAsString()).contains("SOURCE_CHANGED");
  }

  @Test
  void aChangeToldByAFinishedRunIsNotToldAgain() throws Exception {
    Path store = dir.resolve("store");
    serve("/a", page("Rok je 24 časa."));
    serve("/b", page("Rok je 8 dana."));
    run(store, Progress.SILENT);
    serve("/a", page("Rok je 12 časova."));
    run(store, Progress.SILENT);
    List<String> afterChange = told(store);

    run(store, Progress.SILENT);

    assertThat(told(store)).isEqualTo(afterChange);
    try (Store s = Store.open(store)) {
      assertThat(Pipeline.active(s)).extracting(Alert::kind).map(Enum::name).containsOnlyOnce("SOURCE_CHANGED");
    }
  }
}
