package org.citewatch.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citewatch.store.Json;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * citewatch serve in headless Chromium (issue 18): a maintainer logs in, acknowledges an alert with
 * a note and sees it with their name, verifies a program and sees its alerts resolve; a viewer sees
 * no forms and is refused when posting anyway; a form without its CSRF token is refused; page text
 * that tries to run script never runs.
 */
class ReviewBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
      + "<a href=\"javascript:window.__pwned = 3\">formulari</a>";

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  WebApp app;
  ChromeDriver browser;
  String base;

  static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  void page(String main) {
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody("<html><body><main><h1>Leja e qëndrimit</h1><p>Taksa për leje qëndrimi është 50 €.</p>" + main
            + "</main></body></html>")));
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(dir.resolve("sources.yaml"), dir.resolve("snapshots"), dir.resolve("reports"), args);
  }

  void user(String name, String role, String password) {
    Cli.Result result = Cli.run("user", "add", name, "--role", role, "--password-stdin", "--store",
        dir.resolve("snapshots").toString());
    assertThat(result.exit()).as(result.err()).isZero();
  }

  @BeforeEach
  void storeWithAlertsAndUsers() throws Exception {
    Files.writeString(dir.resolve("sources.yaml"), """
        settings: {per_host_delay: 0s}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, select: main, respect_robots: false}
        programs:
          - id: xk-general-residence
            name: "Kosovo · General Residence <b>bold</b>"
            last_verified: %s
            claims:
              - {id: fee, source: xk, quote: "Taksa për leje qëndrimi është 50 €", figure: 50 EUR}
        """.formatted(server.baseUrl(), LocalDate.now(ZoneOffset.UTC)), StandardCharsets.UTF_8);
    page("<p>Kërkesa paraqitet personalisht.</p>");
    assertThat(citewatch("run").exit()).isZero();
    // a change outside the claim, quoting a hostile page: SOURCE_CHANGED, which verifying settles
    page("<p>Kërkesa paraqitet personalisht " + escaped(HOSTILE) + " në zyrë.</p>");
    assertThat(citewatch("run").exit()).isEqualTo(1);
    System.setIn(new ByteArrayInputStream("maintainer-password\n".getBytes(StandardCharsets.UTF_8)));
    user("ana", "maintainer", "maintainer-password");
    System.setIn(new ByteArrayInputStream("viewer-password\n".getBytes(StandardCharsets.UTF_8)));
    user("vera", "viewer", "viewer-password");
    app = WebApp.start(dir.resolve("snapshots"), dir.resolve("sources.yaml"), "127.0.0.1", 0, Clock.systemUTC());
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (app != null) {
      app.close();
    }
  }

  ChromeDriver browser() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    Assumptions.assumeTrue(ci || (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)),
        "Debian's chromium and chromium-driver are not installed; .ci/run installs them");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort().build(), options);
    return browser;
  }

  void logIn(ChromeDriver b, String name, String password) {
    b.get(base + "/");
    assertThat(b.getCurrentUrl()).endsWith("/login");
    b.findElement(By.name("username")).sendKeys(name);
    b.findElement(By.name("password")).sendKeys(password);
    go(b, b.findElement(By.cssSelector("button[type=submit]")));
  }

  /** Clicks what leads to another page and waits until the browser has left this one. */
  static void go(ChromeDriver b, WebElement element) {
    // a mark on this page's window: gone once the browser has loaded the next page
    b.executeScript("window.__leaving = true");
    element.click();
    new WebDriverWait(b, Duration.ofSeconds(20)).ignoring(WebDriverException.class).until(d -> Boolean.TRUE.equals(
        ((JavascriptExecutor) d).executeScript("return window.__leaving === undefined && document.readyState === 'complete'")));
  }

  static void assertNoScriptRan(ChromeDriver b) {
    try {
      b.switchTo().alert();
      throw new AssertionError("a dialog opened: page text ran as script");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
    assertThat(((JavascriptExecutor) b).executeScript("return window.__pwned === undefined")).isEqualTo(true);
    assertThat(b.findElements(By.cssSelector("main script, main img, a[href^='javascript']"))).isEmpty();
  }

  @Test
  void aMaintainerAcknowledgesWithANoteThenVerifiesAndTheAlertsResolve() throws Exception {
    ChromeDriver b = browser();
    logIn(b, "ana", "maintainer-password");
    assertThat(b.findElement(By.tagName("h1")).getText()).isEqualTo("Open alerts");
    assertThat(b.findElement(By.tagName("main")).getText()).contains("Kosovo · General Residence <b>bold</b>")
        .contains("SOURCE_CHANGED");
    assertNoScriptRan(b);

    go(b, b.findElement(By.linkText("SOURCE_CHANGED")));
    assertThat(b.findElement(By.cssSelector("p.diff")).getText()).contains("<script>window.__pwned = 1</script>");
    assertNoScriptRan(b);
    b.findElement(By.name("note")).sendKeys("pyetëm MPB-në për ndryshimin");
    go(b, b.findElement(By.cssSelector("form.act button")));

    WebElement notes = b.findElement(By.cssSelector("ol.notes"));
    assertThat(notes.getText()).contains("acknowledged by ana: pyetëm MPB-në për ndryshimin");
    assertThat(b.findElement(By.tagName("h1")).getText()).contains("acknowledged");

    go(b, b.findElement(By.linkText("Kosovo · General Residence <b>bold</b>")));
    assertThat(b.findElement(By.tagName("table")).getText()).as("each claim with how its quote was found")
        .contains("fee xk Taksa për leje qëndrimi është 50 € 50 EUR exact holds");
    b.findElement(By.name("note")).sendKeys("krahasuar me faqen zyrtare");
    go(b, b.findElement(By.cssSelector("form.act button")));
    assertThat(b.findElement(By.cssSelector("p.meta")).getText()).contains("last verified "
        + LocalDate.now(ZoneOffset.UTC) + " by ana");
    b.get(base + "/");
    assertThat(b.findElement(By.tagName("main")).getText()).doesNotContain("SOURCE_CHANGED");
    Cli.Result alerts = citewatch("alerts", "--all");
    assertThat(alerts.out()).containsPattern("SOURCE_CHANGED\\s+resolved");
  }

  @Test
  void aViewerSeesNoFormsAndIsRefusedWhenPostingAnyway() throws Exception {
    ChromeDriver b = browser();
    logIn(b, "vera", "viewer-password");
    go(b, b.findElement(By.linkText("SOURCE_CHANGED")));
    String alertUrl = b.getCurrentUrl();
    assertThat(b.findElements(By.cssSelector("form.act"))).isEmpty();
    go(b, b.findElement(By.linkText("Kosovo · General Residence <b>bold</b>")));
    assertThat(b.findElements(By.cssSelector("form.act"))).isEmpty();

    String cookie = b.manage().getCookieNamed(WebApp.SESSION).getValue();
    String csrf = b.findElement(By.cssSelector("input[name=csrf]")).getDomProperty("value");
    HttpResponse<String> posted = post(alertUrl + "/ack", cookie, "note=sneaky&csrf=" + csrf);
    assertThat(posted.statusCode()).isEqualTo(403);
    assertThat(citewatch("alerts").out()).doesNotContain("acknowledged");
  }

  @Test
  void aFormPostedWithoutItsCsrfTokenIsRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=ana&password=maintainer-password")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(303);
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
    String cookie = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    String home = http.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", WebApp.SESSION + "=" + cookie)
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher alert = Pattern.compile("/alerts/([0-9a-f]{16})").matcher(home);
    assertThat(alert.find()).isTrue();

    assertThat(post(base + "/alerts/" + alert.group(1) + "/ack", cookie, "note=forged").statusCode()).isEqualTo(403);
    assertThat(post(base + "/alerts/" + alert.group(1) + "/ack", cookie, "note=forged&csrf=wrong").statusCode())
        .isEqualTo(403);
    assertThat(citewatch("alerts").out()).doesNotContain("acknowledged");
    HttpResponse<String> unauthenticated = http.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unauthenticated.statusCode()).isEqualTo(403);
  }

  @Test
  void theApiAnswersWhatAlertsJsonSaysAndTheFeedNeedsAToken() throws Exception {
    String token = Cli.run("user", "token", "ana", "--store", dir.resolve("snapshots").toString()).out().strip();
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/alerts"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.body()).isEqualTo(citewatch("alerts", "--json").out());
    JsonNode program = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
        URI.create(base + "/api/programs/xk-general-residence")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertThat(program.at("/claims/0/id").asText()).isEqualTo("fee");
    assertThat(program.at("/claims/0/tier").asText()).isEqualTo("exact");
    JsonNode sources = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/sources"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(sources.at("/0/id").asText()).isEqualTo("xk");
    assertThat(sources.at("/0/last_check/outcome").asText()).isEqualTo("changed");
    HttpResponse<String> feed = http.send(HttpRequest.newBuilder(URI.create(base + "/feed.atom?token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(feed.body()).startsWith("<?xml").contains("<entry>").contains("SOURCE_CHANGED")
        .doesNotContain("<script>");
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/feed.atom")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
  }

  @Test
  void verifyingWithTheOfficialWordingWritesItIntoSourcesYamlAndSettlesTheClaim() throws Exception {
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody("<html><body><main><h1>Leja e qëndrimit</h1><p>Taksa për leje qëndrimi është 70 €.</p>"
            + "<p>Kërkesa paraqitet personalisht " + escaped(HOSTILE) + " në zyrë.</p></main></body></html>")));
    assertThat(citewatch("run").exit()).isEqualTo(1);
    assertThat(citewatch("alerts").out()).contains("FIGURE_CHANGED");
    String token = Cli.run("user", "token", "ana", "--store", dir.resolve("snapshots").toString()).out().strip();

    HttpResponse<String> verified = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/api/programs/xk-general-residence/verify"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("accept=yes&note=tarifa+e+re")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
    assertThat(Files.readString(dir.resolve("sources.yaml"), StandardCharsets.UTF_8))
        .contains("Taksa për leje qëndrimi është 70 €").doesNotContain("figure: 50 EUR");
    assertThat(citewatch("alerts").out()).doesNotContain("FIGURE_CHANGED");
    assertThat(citewatch("check-config").exit()).isZero();
  }

  static HttpResponse<String> post(String url, String sessionCookie, String form) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Cookie", WebApp.SESSION + "=" + sessionCookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
