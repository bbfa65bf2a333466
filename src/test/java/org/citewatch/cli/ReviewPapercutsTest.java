package org.citewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citewatch.store.Json;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review papercuts a new user found (issue 18), on the demo's own store. */
class ReviewPapercutsTest {

  @TempDir Path dir;
  Path demo;

  @BeforeEach
  void demo() {
    demo = dir.resolve("demo");
    assertThat(Cli.run("demo", "--dir", demo.toString()).exit()).isIn(0, 1);
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(demo.resolve("sources.yaml"), demo.resolve("snapshots"), demo.resolve("reports"), args);
  }

  @Test
  void whoAcknowledgedAndTheirNoteShowInAlertsTheReportsAndTheJson() throws Exception {
    assertThat(citewatch("ack", "0e8d7cb8ca6548cd", "--by", "ana", "--note", "pyetëm MPB-në").exit()).isZero();
    assertThat(citewatch("report").exit()).isZero();

    assertThat(citewatch("alerts").out()).containsPattern(
        "acknowledged by ana, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: pyetëm MPB-në");
    JsonNode alert = Json.MAPPER.readTree(citewatch("alerts", "--json").out()).findParents("id").stream()
        .filter(n -> n.path("id").asText().equals("0e8d7cb8ca6548cd")).findFirst().orElseThrow();
    assertThat(alert.at("/acknowledged/by").asText()).isEqualTo("ana");
    assertThat(alert.at("/acknowledged/note").asText()).isEqualTo("pyetëm MPB-në");
    String markdown = Files.readString(demo.resolve("reports/report.md"), StandardCharsets.UTF_8);
    assertThat(markdown).contains("- acknowledged by ana, ").contains(": pyetëm MPB-në")
        .doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d+Z");
    assertThat(Files.readString(demo.resolve("reports/report.html"), StandardCharsets.UTF_8))
        .contains("<dt>acknowledged</dt><dd>by ana, ");
  }

  @Test
  void theCommandsTheDemosReportPrintsWorkAsShown() throws Exception {
    String markdown = Files.readString(demo.resolve("reports/report.md"), StandardCharsets.UTF_8);
    String shown = markdown.lines().filter(l -> l.contains("`citewatch ack 0e8d7cb8ca6548cd")).findFirst().orElseThrow();
    String command = shown.substring(shown.indexOf("`citewatch ") + "`citewatch ".length(), shown.lastIndexOf('`'))
        .replace("\"…\"", "checked");

    assertThat(command).contains("--config " + demo.resolve("sources.yaml")).contains("--store " + demo.resolve("snapshots"));
    Cli.Result ran = Cli.run(command.split(" "));
    assertThat(ran.exit()).as(ran.err()).isZero();
  }

  @Test
  void datesAreIsoOrDottedAndIdsGetADidYouMean() {
    Cli.Result dotted = citewatch("verify", "rs-temporary-residence", "--date", "23.06.2026", "--by", "ana");
    assertThat(dotted.exit()).as(dotted.err()).isZero();
    assertThat(dotted.out()).startsWith("verified rs-temporary-residence on 2026-06-23 by ana");

    Cli.Result wrong = citewatch("verify", "rs-temporary-residence", "--date", "31.02.2026");
    assertThat(wrong.exit()).isEqualTo(2);
    assertThat(wrong.err()).contains("'31.02.2026' is no day of the calendar; write 2026-06-23 or 23.06.2026")
        .doesNotContain("Exception").doesNotContain("DateTimeParse");
    assertThat(citewatch("verify", "rs-temporary-residence", "--date", "June 23").err())
        .contains("'June 23' is not a date; write 2026-06-23 or 23.06.2026");

    assertThat(citewatch("verify", "rs-temporary-residense").err()).contains("did you mean rs-temporary-residence?");
    assertThat(citewatch("history", "xk-mpb-temporary-residense").err())
        .contains("did you mean xk-mpb-temporary-residence?");
  }
}
