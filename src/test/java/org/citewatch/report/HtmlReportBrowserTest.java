package org.citewatch.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.citewatch.config.ConfigLoader;
import org.citewatch.model.Config;
import org.citewatch.schedule.Pipeline;
import org.citewatch.schedule.Progress;
import org.citewatch.store.Json;
import org.citewatch.store.Store;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * report.html in a real browser: Debian's Chromium, headless, driven by Selenium. A run with an
 * alert of every kind, whose evidence quotes a page that tries to run script.
 */
class HtmlReportBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String HOSTILE = "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> "
      + "<a href=\"javascript:window.__pwned = 3\">click</a>";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static void page(String path, int status, String main) {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/html")
        .withBody("<html><head><title>Faqja</title></head><body><main>" + main + "</main></body></html>")));
  }

  static String filler(int n) {
    return "<p>Kërkesa paraqitet personalisht në Departamentin për Shtetësi, Azil dhe Migrim. ".repeat(n) + "</p>";
  }

  void serve(int round) {
    page("/fee", 200, "<p>Taksa: " + (round == 1 ? "€50" : "€60") + "</p>" + filler(3));
    page("/clause", 200, "<ol><li>Dëshminë që nuk është i dënuar, " + (round == 1 ? "" : "dhe dëshminë që nuk është nën hetime ")
        + "e lëshuar nga shteti, shtetas i të cilit është i huaji " + (round == 1 ? "" : escaped(HOSTILE)) + ";</li></ol>" + filler(3));
    page("/gone", 200, round == 1 ? "<p>Sigurimin shëndetësor;</p>" + filler(3) : "<p>Vërtetimi i banimit në Kosovë.</p>" + filler(3));
    page("/changed", 200, "<p>Pasaportën e vlefshme;</p>" + filler(3) + (round == 1 ? "" : "<p>" + escaped(HOSTILE) + "</p>"));
    page("/down", round == 1 ? 200 : 503, "<p>Sigurimin shëndetësor;</p>" + filler(3));
    page("/maintenance", 200, round == 1 ? "<p>Sigurimin shëndetësor;</p>" + filler(3) : "<h1>Faqja është në mirëmbajtje</h1>");
  }

  @Test
  void theReportShowsEveryKindOfAlertRunsNoScriptAndRequestsNothing() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    Assumptions.assumeTrue(ci || (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)),
        "Debian's chromium and chromium-driver are not installed; .ci/run installs them");
    Path report = writeReportWithEveryKind();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    ChromeDriver browser = new ChromeDriver(service, options);
    try {
      browser.manage().window().setSize(new Dimension(1280, 2400));
      browser.get(report.toUri().toString());
      JavascriptExecutor js = browser;

      List<String> errors = new ArrayList<>();
      for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER).getAll()) {
        if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
          errors.add(entry.getMessage());
        }
      }
      assertThat(errors).as("console errors").isEmpty();
      assertThat(js.executeScript("return performance.getEntriesByType('resource').length")).as("network requests")
          .isEqualTo(0L);
      assertThat(js.executeScript("return typeof window.__pwned")).as("script from a page ran").isEqualTo("undefined");
      String text = browser.findElement(By.tagName("body")).getText();
      assertThat(text).contains("<script>window.__pwned = 1</script>", "onerror=\"window.__pwned = 2\"");
      assertThat(browser.findElements(By.cssSelector("article"))).hasSize(8);
      assertThat(browser.findElements(By.cssSelector("a"))).allSatisfy(a ->
          assertThat(a.getDomAttribute("href")).startsWith(server.baseUrl()));
      assertThat(browser.findElements(By.cssSelector("script, img, iframe"))).isEmpty();
      assertThat(text).contains("citewatch ack ", "citewatch verify xk-general-residence");

      Path screenshot = Path.of("target", "report-html.png");
      Files.createDirectories(screenshot.getParent());
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
      assertThat(((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES)).isNotEmpty();
    } finally {
      browser.quit();
    }
  }

  Path writeReportWithEveryKind() throws Exception {
    String yaml = """
        settings: {per_host_delay: 0s, retries: 0, stale_after: 30d}
        sources:
          - {id: fee, url: "%1$s/fee", lang: sq, select: main}
          - {id: clause, url: "%1$s/clause", lang: sq, select: main}
          - {id: gone, url: "%1$s/gone", lang: sq, select: main}
          - {id: changed, url: "%1$s/changed", lang: sq, select: main}
          - {id: down, url: "%1$s/down", lang: sq, select: main}
          - {id: maintenance, url: "%1$s/maintenance", lang: sq, select: main}
        programs:
          - id: xk-general-residence
            name: "Kosovo · General Residence"
            last_verified: %2$s
            claims:
              - {id: fee, source: fee, figure: "€50", quote: "Taksa: €50"}
              - {id: criminal-record, source: clause, quote: "Dëshminë që nuk është i dënuar, e lëshuar nga shteti, shtetas i të cilit është i huaji"}
              - {id: insurance, source: gone, quote: "Sigurimin shëndetësor;"}
              - {id: passport, source: changed, quote: "Pasaportën e vlefshme;"}
              - {id: insurance-down, source: down, quote: "Sigurimin shëndetësor;"}
              - {id: insurance-maintenance, source: maintenance, quote: "Sigurimin shëndetësor;"}
          - id: rs-investment
            name: "Serbia · Investment"
            last_verified: %3$s
            claims:
              - {id: minimum-investment, source: fee, figure: "50,000 EUR"}
        """.formatted(server.baseUrl(), LocalDate.now(ZoneOffset.UTC), LocalDate.now(ZoneOffset.UTC).minusDays(60));
    Config config = new ConfigLoader().parse(dir.resolve("sources.yaml"), new java.io.StringReader(yaml));
    for (int round = 1; round <= 2; round++) {
      serve(round);
      try (Store store = Store.open(dir.resolve("snapshots"))) {
        new Pipeline(config, store, dir.resolve("reports"), Clock.systemUTC(), Progress.SILENT,
            s -> new org.citewatch.fetch.Fetcher(s, Clock.systemUTC()), Map.of()).run(config.sources());
      }
    }
    List<String> kinds = new ArrayList<>();
    for (JsonNode alert : Json.MAPPER.readTree(dir.resolve("reports/report.json").toFile()).get("alerts")) {
      kinds.add(alert.get("kind").asText());
    }
    assertThat(kinds).containsExactlyInAnyOrder("CLAIM_MISSING", "CLAIM_CHANGED", "FIGURE_CHANGED", "SOURCE_CHANGED",
        "SOURCE_UNREACHABLE", "SOURCE_DEGRADED", "STALE_VERIFICATION", "UNSOURCED_FIGURE");
    return dir.resolve("reports/report.html").toAbsolutePath();
  }
}
