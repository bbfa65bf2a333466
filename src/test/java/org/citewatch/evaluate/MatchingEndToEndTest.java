package org.citewatch.evaluate;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.model.RunSummary;
import org.citewatch.store.Json;
import org.citewatch.testing.OneSource;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The matching rules of issue 4, seen the way a maintainer sees them: as alerts after a run. */
class MatchingEndToEndTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static final String CLAUSE = "Dëshminë që nuk është i dënuar, e lëshuar nga shteti, shtetas i të cilit është i huaji";

  static String page(String main) {
    return "<html><head><title>Leje-qëndrim i përkohshëm</title></head><body><nav>Ballina · Të huajt</nav><main>"
        + main + "</main><footer>© MPB</footer></body></html>";
  }

  static String kosovo(String fee, String clause) {
    return page("<h1>Leje-qëndrim i përkohshëm për të huajt</h1><ol><li>Sigurimin shëndetësor;</li><li>" + clause
        + ";</li></ol><p>Taksa për leje-qëndrim është " + fee + ".</p><p>Kërkesa paraqitet personalisht në "
        + "Departamentin për Shtetësi, Azil dhe Migrim, brenda afatit të qëndrimit të lejuar.</p>");
  }

  void serve(String body) {
    OneSource.serve(server, body);
  }

  RunSummary run(String fee) throws Exception {
    return Runs.run(dir, OneSource.config(server, "", """
        - {id: fee, source: xk, figure: "%s", quote: "Taksa për leje-qëndrim është %s"}
        - {id: insurance, source: xk, quote: "Sigurimin shëndetësor;"}
        - {id: criminal-record, source: xk, quote: "%s"}
        """.formatted(fee, fee, CLAUSE)));
  }

  List<String> alerts() throws IOException {
    List<String> alerts = new ArrayList<>();
    JsonNode report = Json.MAPPER.readTree(dir.resolve("reports/report.json").toFile());
    report.get("alerts").forEach(a -> alerts.add(a.get("kind").asText() + " " + a.get("claim").asText() + ": "
        + a.get("message").asText()));
    return alerts;
  }

  @Test
  void aFeeWrittenDifferentlyRaisesNothing() throws Exception {
    serve(kosovo("€50", CLAUSE));
    run("€50");
    serve(kosovo("50,00 EUR", CLAUSE));

    RunSummary second = run("€50");

    assertThat(alerts()).as("no CLAIM_* or FIGURE_*").noneMatch(a -> a.startsWith("CLAIM_") || a.startsWith("FIGURE_"));
    assertThat(Files.readString(dir.resolve("reports/report.md"), StandardCharsets.UTF_8)).contains(
        "| `xk-general-residence/fee` | normalised |", "| `xk-general-residence/insurance` | exact |");
    assertThat(second.changed()).as("the page did change").isEqualTo(1);
  }

  @Test
  void aChangedFeeRaisesFigureChangedFromOneValueToTheOther() throws Exception {
    serve(kosovo("100 Euro", CLAUSE));
    run("100 Euro");
    serve(kosovo("120 Euro", CLAUSE));

    run("100 Euro");

    assertThat(alerts()).containsExactly("FIGURE_CHANGED fee: the source now states 120 EUR where the program says 100 EUR");
  }

  @Test
  void theKosovoClauseDriftIsClaimChangedNamingTheInsertedWords() throws Exception {
    serve(kosovo("€50", CLAUSE));
    run("€50");
    serve(kosovo("€50", "Dëshminë që nuk është i dënuar, dhe dëshminë që nuk është nën hetime e lëshuar nga shteti, "
        + "shtetas i të cilit është i huaji"));

    run("€50");

    assertThat(alerts()).containsExactly("CLAIM_CHANGED criminal-record: the quoted clause now reads differently on the "
        + "source (83% alike); added \u00ABdhe dëshminë që nuk është nën hetime\u00BB");
    assertThat(Files.readString(dir.resolve("reports/report.md"), StandardCharsets.UTF_8))
        .contains("**dhe dëshminë që nuk është nën hetime**");
  }

  @Test
  void aRewrittenClauseIsFoundWhereTheOldOneStoodEvenWhenLittleOfItIsLeft() throws Exception {
    serve(kosovo("€50", CLAUSE));
    run("€50");
    serve(kosovo("€50", "Vërtetim nga Policia e Kosovës për të kaluarën penale të aplikuesit"));

    run("€50");

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).startsWith(
        "CLAIM_CHANGED criminal-record: where the quoted clause stood, the source now says \u201CVërtetim nga Policia e "
            + "Kosovës për të kaluarën penale të aplikuesit\u201D"));
  }

  @Test
  void aMaintenancePageIsDegradedAndTheNextGoodPageIsComparedWithTheLastGoodOne() throws Exception {
    serve(kosovo("€50", CLAUSE));
    run("€50");
    serve(page("<h1>Faqja është në mirëmbajtje</h1><p>Ju lutemi provoni më vonë.</p>"));

    RunSummary maintenance = run("€50");

    assertThat(maintenance.exitCode()).isEqualTo(1 | 4);
    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).startsWith(
        "SOURCE_DEGRADED null: the page looks like an error or maintenance page (it says \u201Cne mirembajtje\u201D)"));

    serve(kosovo("€50", CLAUSE));
    RunSummary back = run("€50");

    assertThat(back.unchanged()).as("the same as the last good page").isEqualTo(1);
    assertThat(back.exitCode()).isZero();
    assertThat(alerts()).isEmpty();
  }

  @Test
  void anEmptyMainElementIsDegradedAndRaisesNoClaimAlert() throws Exception {
    serve(kosovo("€50", CLAUSE));
    run("€50");
    serve(page(""));

    run("€50");

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).startsWith(
        "SOURCE_DEGRADED null: the page has no text in its selected part"));
  }

  @Test
  void aPageThatShrankByMoreThanHalfIsDegraded() throws Exception {
    serve(kosovo("€50", CLAUSE));
    run("€50");
    serve(page("<p>Sigurimin shëndetësor;</p>"));

    run("€50");

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).matches(
        "SOURCE_DEGRADED null: the selected text shrank from \\d+ to 22 characters \\(-\\d+%\\), more than max_shrink \\(50%\\).*"));
  }
}
