package org.citewatch.evaluate;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.testing.Cli;
import org.citewatch.testing.ReportSchema;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The site's own program page read against the official source (issue 15), in English, Albanian and
 * Serbian: a page shaped like the Kosovo · General Residence page, with its figures in a costs
 * table, the official quotes repeated under "Sources & verification", and its dates.
 */
class ProgramPageTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static final LocalDate VERIFIED = LocalDate.now(ZoneOffset.UTC).minusDays(30);

  /** One language's official page and site page, with the fee before and after the change. */
  enum Site {
    EN("en", "€50", "€60", "50 EUR", "60 EUR") {
      String page(String fee, String date, String extra) {
        return "<h1>Kosovo · General Residence</h1><p class=\"meta\">Updated " + date + " · <a href=\"" + server.baseUrl()
            + "/official\">Government page ↗</a></p><h2>Who is eligible</h2><p>Foreigners who live in Kosovo for family, "
            + "work or study.</p><h2>Costs</h2><table><tr><td>Application / consular fee</td><td>" + fee + "</td></tr>"
            + "</table><h2>Duration &amp; renewal</h2><p>The permit is valid for 1 year and can be renewed." + extra
            + "</p><h2>Sources &amp; verification</h2><ul><li>Fee: “Taksa për leje-qëndrim është " + fee + "” (MPB)</li>"
            + "<li>Criminal record: “Dëshminë që nuk është i dënuar” (MPB)</li></ul>";
      }

      String footer(String date) {
        return "Last verified " + date;
      }

      String extra() {
        return " A decision takes 30 days.";
      }
    },
    SQ("sq", "50 €", "60 €", "50 EUR", "60 EUR") {
      String page(String fee, String date, String extra) {
        return "<h1>Kosova · Leje qëndrimi e përgjithshme</h1><p>Përditësuar më " + date + " · <a href=\"" + server.baseUrl()
            + "/official\">Faqja e Qeverisë ↗</a></p><h2>Kush ka të drejtë</h2><p>Të huajt që jetojnë në Kosovë.</p>"
            + "<h2>Kostot</h2><table><tr><th>Taksa e aplikimit</th><td>" + fee + "</td></tr></table>"
            + "<h2>Kohëzgjatja</h2><p>Leja vlen një (1) vit." + extra + "</p><h2>Burimet</h2><ul><li>Taksa: „Taksa për "
            + "leje-qëndrim është " + fee + "“</li><li>Dëshmia: „Dëshminë që nuk është i dënuar“</li></ul>";
      }

      String footer(String date) {
        return "Verifikuar më " + date;
      }

      String extra() {
        return " Vendimi merret brenda 30 ditëve.";
      }
    },
    SR("sr-Latn", "50 evra", "60 evra", "50 EUR", "60 EUR") {
      String page(String fee, String date, String extra) {
        return "<h1>Kosovo · Opšti boravak</h1><p>Ažurirano " + date + " · <a href=\"" + server.baseUrl()
            + "/official\">Stranica Vlade ↗</a></p><h2>Troškovi</h2><dl><dt>Taksa za zahtev</dt><dd>" + fee + "</dd></dl>"
            + "<h2>Trajanje</h2><p>Dozvola važi jednu godinu." + extra + "</p><h2>Izvori</h2><ul><li>«Taksa për "
            + "leje-qëndrim është " + fee + "»</li><li>«Dëshminë që nuk është i dënuar»</li></ul>";
      }

      String footer(String date) {
        return "Последња провера " + date;
      }

      String extra() {
        return " Rešenje se donosi u roku od 30 dana.";
      }
    };

    final String lang;
    final String oldFee;
    final String newFee;
    final String oldValue;
    final String newValue;

    Site(String lang, String oldFee, String newFee, String oldValue, String newValue) {
      this.lang = lang;
      this.oldFee = oldFee;
      this.newFee = newFee;
      this.oldValue = oldValue;
      this.newValue = newValue;
    }

    abstract String page(String fee, String date, String extra);

    abstract String footer(String date);

    abstract String extra();

    String date(LocalDate day) {
      return this == EN ? day.toString() : String.format("%02d.%02d.%d.", day.getDayOfMonth(), day.getMonthValue(),
          day.getYear());
    }

    String html(String fee, LocalDate verified, String extra) {
      return "<html><head><meta charset=\"utf-8\"><title>Kosovo</title></head><body><nav>Programs</nav><main>"
          + page(fee, date(verified), extra) + "</main><footer>" + footer(date(verified)) + "</footer></body></html>";
    }
  }

  static String official(String fee) {
    return "<html><head><title>Leje-qëndrim</title></head><body><main><h1>Leje-qëndrim i përkohshëm për të huajt</h1>"
        + "<ol><li>Sigurimin shëndetësor;</li><li>Dëshminë që nuk është i dënuar, e lëshuar nga shteti;</li></ol>"
        + "<p>Taksa për leje-qëndrim është " + fee + ".</p><p>Leja lëshohet për një (1) vit.</p></main></body></html>";
  }

  Path config;

  void serve(String path, String html) {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(html)));
  }

  void configure(Site site, String fee) throws IOException {
    config = dir.resolve("sources.yaml");
    Files.writeString(config, """
        settings: {per_host_delay: 0s}
        sources:
          - {id: xk-mpb, url: "%1$s/official", lang: sq, select: main}
        programs:
          - id: xk-general-residence
            name: "Kosovo · General Residence"
            last_verified: %2$s
            page: "%1$s/site/%3$s"
            page_select: main, footer
            page_lang: %3$s
            claims:
              - {id: fee, source: xk-mpb, figure: "%4$s", quote: "Taksa për leje-qëndrim është %4$s"}
              - {id: criminal-record, source: xk-mpb, quote: "Dëshminë që nuk është i dënuar"}
              - {id: validity, source: xk-mpb, figure: "1 year", quote: "Leja lëshohet për një (1) vit"}
        """.formatted(server.baseUrl(), VERIFIED, site.lang, fee), StandardCharsets.UTF_8);
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(config, dir.resolve("snapshots"), dir.resolve("reports"), args);
  }

  List<String> alerts() throws IOException {
    List<String> alerts = new ArrayList<>();
    JsonNode report = ReportSchema.read(dir.resolve("reports/report.json"));
    report.get("alerts").forEach(a -> alerts.add(a.get("kind").asText() + " " + a.path("claim").asText("-") + ": "
        + a.get("message").asText()));
    return alerts;
  }

  void agreeing(Site site) throws IOException {
    configure(site, site.oldFee);
    serve("/official", official(site.oldFee));
    serve("/site/" + site.lang, site.html(site.oldFee, VERIFIED, ""));
  }

  @ParameterizedTest
  @EnumSource(Site.class)
  void nothingAtAllWhenPageClaimsAndSourceAgree(Site site) throws IOException {
    agreeing(site);

    Cli.Result run = citewatch("run");

    assertThat(alerts()).as(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(citewatch("history", "xk-general-residence").out()).as("the page is kept under the program's id")
        .contains(" new ");
  }

  @ParameterizedTest
  @EnumSource(Site.class)
  void aFeeChangedAtTheSourceIsFigureChangedAndThePageOutdatedUntilThePageShowsTheNewFee(Site site) throws IOException {
    agreeing(site);
    citewatch("run");
    serve("/official", official(site.newFee));

    citewatch("run");

    assertThat(alerts()).anyMatch(a -> a.startsWith("FIGURE_CHANGED fee: the source now states " + site.newValue))
        .anyMatch(a -> a.startsWith("PAGE_OUTDATED fee: the site's page shows " + site.oldFee + " (")
            && a.endsWith("where the official source now states " + site.newValue + " (claim fee)"))
        .anyMatch(a -> a.startsWith("PAGE_OUTDATED fee: the site's page quotes \u201CTaksa për leje-qëndrim është "
            + site.oldFee + "\u201D (claim fee), but the official source now reads"));

    serve("/site/" + site.lang, site.html(site.newFee, VERIFIED, ""));
    citewatch("run");

    assertThat(alerts()).noneMatch(a -> a.startsWith("PAGE_")).anyMatch(a -> a.startsWith("FIGURE_CHANGED fee"));
  }

  @ParameterizedTest
  @EnumSource(Site.class)
  void afterVerifyAcceptThePageStillShowingTheOldFeeIsOutdated(Site site) throws IOException {
    agreeing(site);
    citewatch("run");
    serve("/official", official(site.newFee));
    citewatch("run");

    Cli.Result accepted = citewatch("verify", "xk-general-residence", "--accept", "--yes", "--date", VERIFIED.toString());
    assertThat(accepted.exit()).as(accepted.err()).isZero();
    citewatch("run");

    assertThat(alerts()).noneMatch(a -> a.startsWith("FIGURE_CHANGED"))
        .anyMatch(a -> a.startsWith("PAGE_OUTDATED fee: the site's page still shows " + site.oldFee)
            && a.endsWith("claim fee states " + site.newValue + " now, as the official source does"))
        .anyMatch(a -> a.startsWith("PAGE_OUTDATED fee: the site's page quotes \u201CTaksa për leje-qëndrim është "
            + site.oldFee + "\u201D, but claim fee quotes the official source as"));

    serve("/site/" + site.lang, site.html(site.newFee, VERIFIED, ""));
    citewatch("run");

    assertThat(alerts()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Site.class)
  void aFigureOnThePageThatNoClaimStatesIsUnsourced(Site site) throws IOException {
    agreeing(site);
    serve("/site/" + site.lang, site.html(site.oldFee, VERIFIED, site.extra()));

    citewatch("run");

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a)
        .startsWith("PAGE_FIGURE_UNSOURCED -: the site's page shows 30 ")
        .contains("which no claim of xk-general-residence states"));
  }

  @ParameterizedTest
  @EnumSource(Site.class)
  void aPageVerifiedLaterThanCitewatchRecordedIsADateMismatchUntilTheVerificationIsRecorded(Site site)
      throws IOException {
    agreeing(site);
    LocalDate claimed = VERIFIED.plusDays(20);
    serve("/site/" + site.lang, site.html(site.oldFee, claimed, ""));

    citewatch("run");

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).startsWith("PAGE_DATE_MISMATCH -: the site's page says")
        .contains("(" + claimed + "), but the last verification citewatch has recorded is " + VERIFIED)
        .contains("citewatch verify xk-general-residence --date " + claimed));

    citewatch("verify", "xk-general-residence", "--date", claimed.toString());
    citewatch("run");

    assertThat(alerts()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Site.class)
  void anOfficialClauseThePageQuotesThatNoClaimTracksIsUntracked(Site site) throws IOException {
    agreeing(site);
    serve("/site/" + site.lang, site.html(site.oldFee, VERIFIED, "").replace("</ul>",
        "<li>Insurance: “Sigurimin shëndetësor për të gjithë kohëzgjatjen e qëndrimit”</li></ul>"));

    citewatch("run");

    assertThat(alerts()).singleElement().satisfies(a -> assertThat(a).isEqualTo("PAGE_QUOTE_UNTRACKED -: the site's page "
        + "quotes \u201CSigurimin shëndetësor për të gjithë kohëzgjatjen e qëndrimit\u201D, which no claim of "
        + "xk-general-residence tracks; add it as a claim to have it checked"));
  }
}
