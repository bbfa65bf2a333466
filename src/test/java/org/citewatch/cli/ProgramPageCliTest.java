package org.citewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's program page, resolved; and a draft programs: entry read from it (issue 15). */
class ProgramPageCliTest {

  @TempDir Path dir;

  @Test
  void theDemosSecondActResolvesPageOutdatedOnceTheSiteShowsTheNewFee() {
    Path demo = dir.resolve("demo");
    Cli.run("demo", "--dir", demo.toString());

    Cli.Result updated = Cli.run("demo", "--dir", demo.toString(), "--update-site");

    assertThat(updated.exit()).as(updated.err()).isZero();
    assertThat(updated.out()).contains("Run 3 (site updated)", "PAGE_OUTDATED is resolved")
        .doesNotContain("  PAGE_OUTDATED ").contains("  FIGURE_CHANGED ");
  }

  @Test
  void verifyAcceptTellsTheSitesPageAlertsApartFromClaimsSourcesYamlMustFix() {
    Path demo = dir.resolve("demo");
    Cli.run("demo", "--dir", demo.toString());

    Cli.Result verify = Cli.run("verify", "xk-general-residence", "--by", "ana", "--accept", "--yes",
        "--config", demo.resolve("sources.yaml").toString(), "--store", demo.resolve("snapshots").toString());

    assertThat(verify.exit()).as(verify.err()).isZero();
    // sources.yaml now says €60: what stays open is the site's own page, which no edit of it fixes
    assertThat(verify.out()).contains("resolved: ", "FIGURE_CHANGED application-fee")
        .doesNotContain("stay open until sources.yaml says", "by hand (the quote holds")
        .contains("2 alert(s) on the site's page stay open until it shows what the official source says; "
            + "the next run checks it again");
  }

  @Test
  void updateSiteBeforeAnyDemoSaysWhatToRunFirst() {
    Cli.Result early = Cli.run("demo", "--dir", dir.resolve("none").toString(), "--update-site");

    assertThat(early.exit()).isEqualTo(2);
    assertThat(early.err()).contains("no demo in ", "run citewatch demo --dir ");
  }

  @Test
  void aDraftOfTheDemosPageIsAProgramsEntryCheckConfigAccepts() throws Exception {
    Path demo = dir.resolve("demo");
    Path config = demo.resolve("sources.yaml");
    // the demo's server is gone when it returns: serve its pages again, as --update-site does, in the background
    DemoPages pages = DemoPages.serve(config);
    try {
      Cli.Result draft = Cli.run("program", "draft", pages.site(), "--id", "xk-general-residence-draft",
          "--config", config.toString());

      assertThat(draft.exit()).as(draft.err()).isZero();
      assertThat(draft.out()).contains("  - id: xk-general-residence-draft", "    page: \"" + pages.site() + "\"",
          "source: xk-mpb-temporary-residence", "quote: \"Taksa për leje-qëndrim të përkohshëm €50\"",
          "figure: \"€50\"", "the page: \u201CApplication / consular fee €50\u201D")
          .doesNotContain("add under sources:");
      Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8) + draft.out(), StandardCharsets.UTF_8);

      Cli.Result check = Cli.run("check-config", "--config", config.toString());

      assertThat(check.exit()).as(check.err()).isZero();
      assertThat(check.out()).contains("xk-general-residence-draft.");
    } finally {
      pages.stop();
    }
  }
}
