package org.citewatch.evaluate;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.model.RunSummary;
import org.citewatch.testing.OneSource;
import org.citewatch.testing.ReportSchema;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 end to end: every claim alert correct, complete and actionable, as report.json tells it. */
class ActionableAlertsTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static String page(String main) {
    return "<html><head><title>Leje-qëndrim</title></head><body><nav>Ballina</nav><main>" + main
        + "</main><footer>© MPB</footer></body></html>";
  }

  static String fees(String familyFee) {
    return page("<h1>Taksat për leje-qëndrim</h1><p>Taksat paguhen para dorëzimit të kërkesës në Departamentin për "
        + "Shtetësi, Azil dhe Migrim.</p><table><tr><th>Lloji i lejes</th><th>Taksa</th></tr>"
        + "<tr><td>Për bashkim familjar</td><td>" + familyFee + "</td></tr>"
        + "<tr><td>Për punësim</td><td>50 Euro</td></tr><tr><td>Për studime</td><td>30 Euro</td></tr></table>"
        + "<dl><dt>Afati i ankimimit</dt><dd>8 ditë</dd></dl>"
        + "<p>Leja e qëndrimit të përkohshëm lëshohet për një periudhë prej një (1) viti dhe mund të vazhdohet.</p>");
  }

  void serve(String body) {
    OneSource.serve(server, body);
  }

  RunSummary run(String claims) throws Exception {
    return Runs.run(dir, OneSource.config(server, "", claims));
  }

  List<JsonNode> alerts() throws IOException {
    List<JsonNode> alerts = new ArrayList<>();
    ReportSchema.read(dir.resolve("reports/report.json")).get("alerts").forEach(alerts::add);
    return alerts;
  }

  List<String> kinds() throws IOException {
    return alerts().stream().map(a -> a.get("kind").asText() + " " + a.path("claim").asText()).toList();
  }

  static final String FEE_ROW = "- {id: family-fee, source: xk, figure: \"100 Euro\", quote: \"Për bashkim familjar 100 Euro\"}";

  @Test
  void aFeeRowQuotedAsABrowserCopiesItHoldsAndItsChangedAmountIsFigureChanged() throws Exception {
    serve(fees("100 Euro"));

    RunSummary first = run(FEE_ROW);

    assertThat(kinds()).as("nothing on the first run").isEmpty();
    assertThat(first.exitCode()).isZero();

    serve(fees("120 Euro"));
    run(FEE_ROW);

    assertThat(alerts()).singleElement().satisfies(a -> {
      assertThat(a.get("kind").asText()).isEqualTo("FIGURE_CHANGED");
      assertThat(a.get("message").asText()).isEqualTo("the source now states 120 EUR where the program says 100 EUR");
      assertThat(a.at("/evidence/after").asText()).as("the row as the page has it").isEqualTo("Për bashkim familjar | 120 Euro");
    });
  }

  @Test
  void aLabelValuePairQuotedWithAColonHoldsInADefinitionList() throws Exception {
    serve(fees("100 Euro"));

    run("- {id: appeal, source: xk, figure: \"8 ditë\", quote: \"Afati i ankimimit: 8 ditë\"}");

    assertThat(kinds()).isEmpty();
  }

  @Test
  void aMistypedQuoteOnTheFirstRunIsClaimNotFoundWithTheClosestPassage() throws Exception {
    serve(fees("100 Euro"));

    RunSummary first = run("- {id: payment, source: xk, quote: \"Taksat paguhen pas dorëzimit të kërkesës në Departamentin për Shtetësi\"}");

    assertThat(kinds()).containsExactly("CLAIM_NOT_FOUND payment");
    assertThat(alerts().get(0).get("severity").asText()).isEqualToIgnoringCase("warning");
    assertThat(alerts().get(0).get("message").asText()).startsWith("the quote has never stood on the source; the closest "
        + "passage (").contains("alike) is \u201CTaksat paguhen para dorëzimit të kërkesës në Departamentin për Shtetësi")
        .contains("copy the official wording from the page");
    assertThat(first.exitCode()).isEqualTo(1);
  }

  @Test
  void aQuoteNothingLikeThePageIsClaimNotFoundToo() throws Exception {
    serve(fees("100 Euro"));

    run("- {id: insurance, source: xk, quote: \"Sigurimin shëndetësor;\"}");

    assertThat(kinds()).containsExactly("CLAIM_NOT_FOUND insurance");
  }

  @Test
  void aQuoteThatHeldAndThenWentIsStillClaimMissing() throws Exception {
    String claim = "- {id: appeal, source: xk, quote: \"Afati i ankimimit: 8 ditë\"}";
    serve(fees("100 Euro"));
    run(claim);
    serve(fees("100 Euro").replace("<dl><dt>Afati i ankimimit</dt><dd>8 ditë</dd></dl>", ""));

    run(claim);

    assertThat(kinds()).contains("CLAIM_MISSING appeal").doesNotContain("CLAIM_NOT_FOUND appeal");
  }

  @Test
  void typographicQuotesAroundAWholeQuoteAreNotWording() throws Exception {
    serve(fees("100 Euro"));

    run("- id: family-fee\n  source: xk\n  quote: \u201CPër bashkim familjar 100 Euro\u201D");

    assertThat(kinds()).isEmpty();
  }

  @Test
  void aPhraseInsertedIntoAQuoteIsInTheEvidenceAndTheMessage() throws Exception {
    String claim = "- {id: payment, source: xk, quote: \"Taksat paguhen para dorëzimit të kërkesës në Departamentin "
        + "për Shtetësi, Azil dhe Migrim.\"}";
    serve(fees("100 Euro"));
    run(claim);
    serve(fees("100 Euro").replace("të kërkesës në", "të kërkesës, me kartelë bankare ose në bankë, në"));

    run(claim);

    assertThat(alerts()).singleElement().satisfies(a -> {
      assertThat(a.get("kind").asText()).isEqualTo("CLAIM_CHANGED");
      assertThat(a.get("message").asText()).contains("added \u00ABme kartelë bankare ose në bankë\u00BB")
          .doesNotContain("removed");
      assertThat(a.at("/evidence/after").asText()).isEqualTo("Taksat paguhen para dorëzimit të kërkesës, me kartelë "
          + "bankare ose në bankë, në Departamentin për Shtetësi, Azil dhe Migrim.");
    });
  }

  @Test
  void aYearThatBecameTwoWithItsInflectedUnitIsFigureChanged() throws Exception {
    String claim = "- {id: validity, source: xk, figure: \"1 year\", quote: \"lëshohet për një periudhë prej një (1) viti\"}";
    serve(fees("100 Euro"));
    run(claim);
    serve(fees("100 Euro").replace("një (1) viti", "dy (2) vitesh"));

    run(claim);

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.get("message").asText())
        .isEqualTo("the source now states 2 years where the program says 1 year"));
  }

  @Test
  void aDeletedRowBesideAChangedFeeIsReportedToo() throws Exception {
    serve(fees("100 Euro"));
    run(FEE_ROW);
    serve(fees("120 Euro").replace("<tr><td>Për studime</td><td>30 Euro</td></tr>", ""));

    run(FEE_ROW);

    assertThat(kinds()).containsExactlyInAnyOrder("FIGURE_CHANGED family-fee", "SOURCE_CHANGED null");
    JsonNode changed = alerts().stream().filter(a -> a.get("kind").asText().equals("SOURCE_CHANGED")).findFirst().orElseThrow();
    assertThat(changed.get("message").asText()).startsWith("the page also changed outside the claim alerts on it "
        + "(1 block(s) removed or rewritten, 0 added or rewritten)");
    assertThat(changed.at("/evidence/before").asText()).isEqualTo("Për studime | 30 Euro");
  }

  @Test
  void aFigureWithoutAQuoteIsNamedWhenItsPageChanges() throws Exception {
    String claim = "- {id: study-fee, source: xk, figure: \"30 Euro\"}";
    serve(fees("100 Euro"));
    run(claim);
    serve(fees("100 Euro").replace("<td>30 Euro</td>", "<td>35 Euro</td>"));

    run(claim);

    JsonNode changed = alerts().stream().filter(a -> a.get("kind").asText().equals("SOURCE_CHANGED")).findFirst().orElseThrow();
    assertThat(changed.get("message").asText()).endsWith("; xk-general-residence/study-fee states 30 EUR with no quote "
        + "to check it against: the changed blocks stated 30 EUR and now state 35 EUR");
  }
}
