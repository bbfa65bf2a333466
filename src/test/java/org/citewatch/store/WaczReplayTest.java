package org.citewatch.store;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.citewatch.model.Digests;
import org.citewatch.testing.Cli;
import org.citewatch.testing.OneSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** export --wacz as auditors open it (issue 16): a WACZ 1.1.1 package that ReplayWeb.page replays, day 1 and day 2. */
class WaczReplayTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path RWP = Path.of("target/rwp/package");

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  Path twoDays() throws IOException {
    Path config = dir.resolve("sources.yaml");
    Files.writeString(config, """
        settings: {per_host_delay: 0s}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, respect_robots: false}
        """.formatted(server.baseUrl()), StandardCharsets.UTF_8);
    Path store = dir.resolve("snapshots");
    Path reports = dir.resolve("reports");
    OneSource.serve(server, "<html><head><title>Leje</title></head><body><main><p>Dita e parë: taksa është €50.</p>"
        + "</main></body></html>");
    Cli.run(config, store, reports, "run");
    // a capture's time in the index is to the second: day 2 must be a second later at least
    sleepPastTheSecond();
    OneSource.serve(server, "<html><head><title>Leje</title></head><body><main><p>Dita e dytë: taksa është €60.</p>"
        + "</main></body></html>");
    Cli.run(config, store, reports, "run");
    Path wacz = dir.resolve("export.wacz");
    Cli.Result exported = Cli.run(config, store, reports, "export", "--wacz", wacz.toString());
    assertThat(exported.exit()).as(exported.err()).isZero();
    return wacz;
  }

  static void sleepPastTheSecond() {
    try {
      Thread.sleep(1100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void theWaczHasEveryPartOfThePackageWithTheHashesItsDatapackageGives() throws Exception {
    Path wacz = twoDays();

    try (ZipFile zip = new ZipFile(wacz.toFile())) {
      for (String part : List.of("archive/data.warc.gz", "indexes/index.cdxj", "pages/pages.jsonl", "datapackage.json",
          "datapackage-digest.json")) {
        assertThat(zip.getEntry(part)).as(part).isNotNull();
      }
      assertThat(zip.getEntry("archive/data.warc.gz").getMethod()).as("stored, for reading by range")
          .isEqualTo(ZipEntry.STORED);
      JsonNode datapackage = Json.MAPPER.readTree(zip.getInputStream(zip.getEntry("datapackage.json")));
      assertThat(datapackage.get("wacz_version").asText()).isEqualTo("1.1.1");
      for (JsonNode resource : datapackage.get("resources")) {
        byte[] bytes = zip.getInputStream(zip.getEntry(resource.get("path").asText())).readAllBytes();
        assertThat(resource.get("hash").asText()).isEqualTo("sha256:" + Digests.hex(bytes));
      }
      byte[] packageBytes = zip.getInputStream(zip.getEntry("datapackage.json")).readAllBytes();
      JsonNode digest = Json.MAPPER.readTree(zip.getInputStream(zip.getEntry("datapackage-digest.json")));
      assertThat(digest.get("hash").asText()).isEqualTo("sha256:" + Digests.hex(packageBytes));
      String cdxj = new String(zip.getInputStream(zip.getEntry("indexes/index.cdxj")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(cdxj.lines()).hasSize(2).allMatch(l -> l.startsWith("localhost:") || l.startsWith("1,0,0,127:"));
    }
  }

  @Test
  void replayWebPageShowsThePageAsItWasOnDayOneAndOnDayTwo() throws Exception {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    Assumptions.assumeTrue(ci || (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)),
        "Debian's chromium and chromium-driver are not installed; .ci/run installs them");
    installReplayWebPage();
    Path wacz = twoDays();
    List<String> times = new ArrayList<>();
    try (ZipFile zip = new ZipFile(wacz.toFile())) {
      String cdxj = new String(zip.getInputStream(zip.getEntry("indexes/index.cdxj")).readAllBytes(), StandardCharsets.UTF_8);
      cdxj.lines().forEach(l -> times.add(l.split(" ")[1]));
    }
    String url = server.baseUrl() + "/xk";
    Map<String, byte[]> files = new HashMap<>();
    files.put("/ui.js", Files.readAllBytes(RWP.resolve("ui.js")));
    files.put("/replay/sw.js", Files.readAllBytes(RWP.resolve("sw.js")));
    files.put("/replay/ui.js", Files.readAllBytes(RWP.resolve("ui.js")));
    files.put("/replay/", Files.readAllBytes(RWP.resolve("index.html")));
    files.put("/export.wacz", Files.readAllBytes(wacz));
    for (int day = 0; day < 2; day++) {
      files.put("/day" + (day + 1) + ".html", ("<!doctype html><html><head><meta charset=\"utf-8\"></head><body>"
          + "<script src=\"/ui.js\"></script><replay-web-page source=\"/export.wacz\" url=\"" + url + "\" ts=\""
          + times.get(day) + "\" replayBase=\"/replay/\" embed=\"replayonly\" style=\"height:600px\"></replay-web-page>"
          + "</body></html>").getBytes(StandardCharsets.UTF_8));
    }
    HttpServer site = serve(files);
    ChromeDriver browser = browser();
    try {
      String base = "http://127.0.0.1:" + site.getAddress().getPort();
      assertThat(replayedText(browser, base + "/day1.html", "taksa")).contains("Dita e parë: taksa është €50.");
      assertThat(replayedText(browser, base + "/day2.html", "taksa")).contains("Dita e dytë: taksa është €60.");
    } finally {
      browser.quit();
      site.stop(0);
    }
  }

  /** ReplayWeb.page's own files, from the npm registry (its bundled ui.js and sw.js need no dependencies). */
  static void installReplayWebPage() throws Exception {
    if (Files.isRegularFile(RWP.resolve("sw.js"))) {
      return;
    }
    Path target = Files.createDirectories(RWP.getParent());
    run(target, "npm", "pack", "replaywebpage@2.5.3");
    run(target, "tar", "xzf", "replaywebpage-2.5.3.tgz");
  }

  static void run(Path in, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
  }

  ChromeDriver browser() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /** The text the page shows, through ReplayWeb.page's shadow roots and frames, once it holds {@code word}. */
  static String replayedText(ChromeDriver browser, String page, String word) throws InterruptedException {
    browser.get(page);
    String script = """
        function frames(doc) { let t = doc.body ? doc.body.innerText : ''; t += walk(doc); return t; }
        function walk(root) {
          let t = '';
          for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) { t += ' ' + walk(el.shadowRoot); }
            if (el.tagName === 'IFRAME') { try { t += ' ' + frames(el.contentDocument); } catch (e) {} }
          }
          return t;
        }
        return frames(document);""";
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String text = "";
    while (System.nanoTime() < deadline) {
      text = String.valueOf(((JavascriptExecutor) browser).executeScript(script));
      if (text.contains(word)) {
        return text;
      }
      Thread.sleep(500);
    }
    return text;
  }

  static HttpServer serve(Map<String, byte[]> files) throws IOException {
    HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    site.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = files.get(exchange.getRequestURI().getPath());
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        String path = exchange.getRequestURI().getPath();
        exchange.getResponseHeaders().set("Content-Type", path.endsWith(".js") ? "application/javascript"
            : path.endsWith(".html") || path.endsWith("/") ? "text/html; charset=utf-8" : "application/wacz");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        range(exchange, body);
      }
    });
    site.start();
    return site;
  }

  /** Replay tools read a WACZ by ranges. */
  static void range(HttpExchange exchange, byte[] body) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    if (range == null || !range.startsWith("bytes=")) {
      exchange.sendResponseHeaders(200, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      return;
    }
    String[] bounds = range.substring(6).split("-", 2);
    long from = bounds[0].isEmpty() ? Math.max(0, body.length - Long.parseLong(bounds[1])) : Long.parseLong(bounds[0]);
    long to = bounds[0].isEmpty() || bounds.length < 2 || bounds[1].isEmpty() ? body.length - 1
        : Math.min(body.length - 1, Long.parseLong(bounds[1]));
    exchange.getResponseHeaders().set("Content-Range", String.format(Locale.ROOT, "bytes %d-%d/%d", from, to,
        body.length));
    int length = (int) (to - from + 1);
    exchange.sendResponseHeaders(206, head ? -1 : length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body, (int) from, length);
      }
    }
  }

}
