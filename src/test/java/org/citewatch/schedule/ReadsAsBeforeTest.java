package org.citewatch.schedule;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.citewatch.model.Block;
import org.citewatch.model.Config;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Snapshot;
import org.citewatch.store.Store;
import org.citewatch.testing.OneSource;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page whose bytes changed only in its sidebar is read as its baseline without a parse: the check
 * still captures the new bytes, and everything after it (claims, an untold change) reads the
 * baseline's blocks from the new capture's conversion record.
 */
class ReadsAsBeforeTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static String page(String fee, String news) {
    return "<!DOCTYPE html><html lang=\"sq\"><head><meta charset=\"utf-8\"><title>Leje-qëndrim</title></head><body>"
        + "<aside><h2>Lajme</h2><p>" + news + "</p></aside><main><h1>Leje-qëndrim i përkohshëm</h1><ol>"
        + "<li>Sigurimin shëndetësor;</li><li>Dëshminë që nuk është i dënuar;</li></ol><p>Taksa për leje-qëndrim "
        + "është " + fee + ".</p></main><footer><p>Vizita: " + news.length() + "</p></footer></body></html>";
  }

  String yaml() {
    return OneSource.config(server, "retries: 0", """
        - {id: fee, source: xk, figure: "€50", quote: "Taksa për leje-qëndrim është €50"}
        - {id: gone, source: xk, quote: "Pasaporta e vlefshme"}
        """);
  }

  Snapshot latest(Path store) throws Exception {
    try (Store s = Store.open(store)) {
      return s.withBlocks(s.state("xk").orElseThrow().latest().orElseThrow());
    }
  }

  byte[] conversion(Path store, Snapshot snapshot) throws Exception {
    try (Store s = Store.open(store)) {
      return s.captures().conversionOf(snapshot);
    }
  }

  @Test
  void aPageWhoseSidebarMovedIsCapturedUnchangedAndItsClaimsAreStillJudged() throws Exception {
    Path store = dir.resolve("snapshots");
    OneSource.serve(server, page("€50", "Njoftim: orari i punës"));
    Runs.run(dir, yaml());
    Snapshot first = latest(store);
    String moved = page("€50", "Lajm i ri: orari i ri i punës nga e hëna");
    OneSource.serve(server, moved);

    RunSummary second = Runs.run(dir, yaml());

    assertThat(second.unchanged()).isEqualTo(1);
    assertThat(second.changed()).isZero();
    Snapshot now = latest(store);
    assertThat(now.id()).as("the new bytes are a capture of their own").isNotEqualTo(first.id());
    assertThat(now.payloadDigest()).isNotEqualTo(first.payloadDigest());
    assertThat(now.contentDigest()).isEqualTo(first.contentDigest());
    assertThat(now.blocks()).extracting(Block::text).containsExactlyElementsOf(
        first.blocks().stream().map(Block::text).toList()).contains("Taksa për leje-qëndrim është €50.");
    assertThat(conversion(store, now)).isEqualTo(conversion(store, first));
    // judged on the baseline's blocks: the quote still missing keeps its alert open, the fee raises none
    assertThat(told(store)).singleElement().satisfies(a -> assertThat(a).startsWith("CLAIM_NOT_FOUND xk:"));
  }

  /**
   * After a kill the index catches up from the journal, which keeps no skeleton: the page whose
   * change went untold is parsed once, against the last told baseline, however little of it moved.
   */
  @Test
  void aChangeAKillLeftUntoldIsToldWhenTheNextPageOnlyMovedItsSidebar() throws Exception {
    Path killed = dir.resolve("killed");
    Path neverKilled = dir.resolve("never-killed");
    OneSource.serve(server, page("€50", "Njoftim"));
    run(killed, Progress.SILENT);
    run(neverKilled, Progress.SILENT);
    String rewritten = page("€50", "Njoftim").replace("Dëshminë që nuk është i dënuar", "Dëshminë e gjendjes");
    OneSource.serve(server, rewritten);
    Progress kill = (done, total, sourceId, outcome) -> {
      throw new IllegalStateException("killed");
    };
    assertThatThrownBy(() -> run(killed, kill)).hasStackTraceContaining("killed");
    run(neverKilled, Progress.SILENT);

    OneSource.serve(server, rewritten.replace("Njoftim", "Lajm i ri sot"));
    run(killed, Progress.SILENT);
    run(neverKilled, Progress.SILENT);

    assertThat(told(killed)).as("the same alerts as a store never killed").isEqualTo(told(neverKilled))
        .singleElement().satisfies(a -> assertThat(a)
            .startsWith("SOURCE_CHANGED xk: the page changed (1 block(s) removed or rewritten, 1 added or rewritten)"));
  }

  /** The source alone, no program: a change of its page is told as SOURCE_CHANGED. */
  void run(Path store, Progress progress) throws Exception {
    Config config = Runs.config(dir, """
        settings: {per_host_delay: 0s, retries: 0}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, select: main}
        """.formatted(server.baseUrl()));
    try (Store s = Store.open(store)) {
      new Pipeline(config, s, dir.resolve("reports"), Clock.systemUTC(), progress).run(config.sources());
    }
  }

  static List<String> told(Path store) throws Exception {
    return InterruptedRunTest.told(store);
  }
}
