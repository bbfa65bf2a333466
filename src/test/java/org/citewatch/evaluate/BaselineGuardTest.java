package org.citewatch.evaluate;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.citewatch.model.RunSummary;
import org.citewatch.store.Json;
import org.citewatch.store.Store;
import org.citewatch.testing.Cli;
import org.citewatch.testing.OneSource;
import org.citewatch.testing.ReportSchema;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A 200 answer that is not the page never becomes the baseline (issue 14, point 6). */
class BaselineGuardTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static final String GOOD = "<html><head><title>Leje-qëndrim</title></head><body><main><h1>Leje-qëndrim i përkohshëm "
      + "për të huajt</h1><ol><li>Sigurimin shëndetësor;</li><li>Dëshminë që nuk është i dënuar, e lëshuar nga shteti, "
      + "shtetas i të cilit është i huaji;</li></ol><p>Taksa për leje-qëndrim është €50.</p><p>Kërkesa paraqitet "
      + "personalisht në Departamentin për Shtetësi, Azil dhe Migrim, brenda afatit të qëndrimit të lejuar.</p>"
      + "</main></body></html>";

  static final String CLOUDFLARE = "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title>"
      + "<meta http-equiv=\"refresh\" content=\"390\"></head><body><main><div class=\"main-wrapper\"><h1>mpb.rks-gov.net</h1>"
      + "<p>Verifying you are human. This may take a few seconds.</p><p>mpb.rks-gov.net needs to review the security of "
      + "your connection before proceeding.</p></div><script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"
      + "?ray=8f1\"></script></main></body></html>";

  static final String RECAPTCHA = "<html><head><title>Verifikim</title><script src=\"https://www.google.com/recaptcha/"
      + "api.js\"></script></head><body><main><form><p>Please verify you are human to continue.</p><div "
      + "class=\"g-recaptcha\" data-sitekey=\"x\"></div></form></main></body></html>";

  static final String HCAPTCHA = "<html><head><title>Security check</title></head><body><main><p>Complete the security "
      + "check to access the site.</p><div class=\"h-captcha\" data-sitekey=\"y\"></div><script "
      + "src=\"https://js.hcaptcha.com/1/api.js\"></script></main></body></html>";

  static final String IMPERVA = "<html><head><meta name=\"robots\" content=\"noindex\"></head><body><main><iframe "
      + "src=\"/_Incapsula_Resource?SWUDNSAI=31\"></iframe>Request unsuccessful. Incapsula incident ID: 5550</main></body></html>";

  static final String AKAMAI = "<html><head><title>Access check</title></head><body><main><div id=\"sec-if-cpt-container\">"
      + "<p>Please wait while we verify your browser.</p></div><script src=\"/_sec/cp_challenge/ak-challenge-4-5.js\">"
      + "</script></main></body></html>";

  void serve(byte[] body, String type) {
    OneSource.serve(server, body, type);
  }

  void serve(String html) {
    OneSource.serve(server, html);
  }

  String yaml() {
    return OneSource.config(server, "retries: 0", """
        - {id: fee, source: xk, figure: "€50", quote: "Taksa për leje-qëndrim është €50"}
        - {id: insurance, source: xk, quote: "Sigurimin shëndetësor;"}
        """);
  }

  RunSummary run() throws Exception {
    return Runs.run(dir, yaml());
  }

  List<String> alerts() throws IOException {
    List<String> alerts = new ArrayList<>();
    ReportSchema.read(dir.resolve("reports/report.json")).get("alerts")
        .forEach(a -> alerts.add(a.get("kind").asText() + ": " + a.get("message").asText()));
    return alerts;
  }

  String baselineId() throws IOException {
    try (Store store = Store.open(dir.resolve("snapshots"))) {
      return store.state("xk").orElseThrow().latest().orElseThrow().id();
    }
  }

  void degradedThenRecovers(String why) throws Exception {
    String good = baselineId();

    RunSummary bad = run();

    assertThat(bad.exitCode()).as("an unchecked source").isEqualTo(1 | 4);
    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).startsWith("SOURCE_DEGRADED: ").contains(why));
    assertThat(baselineId()).as("the good baseline is kept").isEqualTo(good);

    serve(GOOD);
    RunSummary back = run();

    assertThat(back.exitCode()).as("the next good night raises nothing").isZero();
    assertThat(back.unchanged()).isEqualTo(1);
    assertThat(alerts()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"CLOUDFLARE", "RECAPTCHA", "HCAPTCHA", "IMPERVA", "AKAMAI"})
  void aChallengeServedWith200IsDegradedAndNeverTheBaseline(String vendor) throws Exception {
    serve(GOOD);
    run();
    serve(switch (vendor) {
      case "CLOUDFLARE" -> CLOUDFLARE;
      case "RECAPTCHA" -> RECAPTCHA;
      case "HCAPTCHA" -> HCAPTCHA;
      case "IMPERVA" -> IMPERVA;
      default -> AKAMAI;
    });

    degradedThenRecovers("with a bot challenge (");
  }

  @Test
  void randomBytesServedAsHtmlAreDegraded() throws Exception {
    serve(GOOD);
    run();
    byte[] noise = new byte[40_000];
    new Random(14).nextBytes(noise);
    serve(noise, "text/html; charset=utf-8");

    degradedThenRecovers("the body is not text");
  }

  @Test
  void randomBytesServedAsLatin1HtmlAreDegradedToo() throws Exception {
    serve(GOOD);
    run();
    byte[] noise = new byte[40_000];
    new Random(15).nextBytes(noise);
    serve(noise, "text/html; charset=iso-8859-1");

    degradedThenRecovers("the body is not text");
  }

  @Test
  void aPdfServedAsHtmlIsDegraded() throws Exception {
    serve(GOOD);
    run();
    ByteArrayOutputStream pdf = new ByteArrayOutputStream();
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage());
      document.save(pdf);
    }
    serve(pdf.toByteArray(), "text/html");

    degradedThenRecovers("labelled the body text/html but its bytes are a PDF");
  }

  @Test
  void anOfficialPageWithACaptchaOnItsContactFormIsThePage() throws Exception {
    serve(GOOD.replace("</main>", "<form><p>Na kontaktoni</p><div class=\"g-recaptcha\" data-sitekey=\"z\"></div></form>"
        + "<p>" + "Ministria e Punëve të Brendshme ofron informata për të huajt që kërkojnë leje-qëndrimi. ".repeat(20)
        + "</p></main>"));

    run();

    assertThat(alerts()).isEmpty();
  }

  @Test
  void aPageThatReallyShrankIsAcceptedAsTheBaselineByAMaintainerAndJournaled() throws Exception {
    serve(GOOD);
    run();
    String shorter = "<html><body><main><ol><li>Sigurimin shëndetësor;</li></ol><p>Taksa për leje-qëndrim është €50.</p>"
        + "</main></body></html>";
    serve(shorter);
    run();
    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).contains("citewatch accept xk --note WHY"));

    Cli.Result accepted = Cli.run(dir.resolve("sources.yaml"), dir.resolve("snapshots"), dir.resolve("reports"), "accept", "xk", "--note", "the page was split in two", "--by", "ana");

    assertThat(accepted.exit()).isZero();
    assertThat(accepted.out()).startsWith("accepted ").contains("as the baseline of xk, by ana");
    RunSummary next = run();
    assertThat(next.exitCode()).isZero();
    assertThat(alerts()).isEmpty();
    JsonNode line = Json.MAPPER.readTree(Files.readAllLines(dir.resolve("snapshots/journal.jsonl")).stream()
        .filter(l -> l.contains("\"type\":\"baseline\"")).findFirst().orElseThrow());
    assertThat(line.get("by").asText()).isEqualTo("ana");
    assertThat(line.get("note").asText()).isEqualTo("the page was split in two");
  }
}
