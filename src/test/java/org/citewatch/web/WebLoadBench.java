package org.citewatch.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citewatch.testing.Cli;
import org.citewatch.testing.Runs;

/**
 * The load test of issue 18, a benchmark rather than a test (timings are measured, not asserted):
 * a store of SOURCES × RUNS checks (default 200 × 55 = 11,000), then CLIENTS concurrent clients
 * (default 50), each logged in, requesting the alert list, alert pages, program and source pages
 * and the API for SECONDS (default 30); prints requests per second and latency percentiles.
 *
 * <pre>mvn -q -B test-compile && bench/web-load.sh [CLIENTS] [SECONDS]</pre>
 */
public final class WebLoadBench {

  private WebLoadBench() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int sources = Integer.getInteger("sources", 200);
    int runs = Integer.getInteger("runs", 55);
    Path dir = Files.createTempDirectory("citewatch-web-load");
    WireMockServer pages = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(20));
    pages.start();
    StringBuilder yaml = new StringBuilder("settings: {per_host_delay: 0s, concurrency: 8}\nsources:\n");
    for (int i = 0; i < sources; i++) {
      yaml.append("  - {id: s").append(i).append(", url: \"").append(pages.baseUrl()).append("/p").append(i)
          .append("\", lang: sq, select: main, respect_robots: false}\n");
    }
    yaml.append("programs:\n");
    for (int p = 0; p < 20; p++) {
      yaml.append("  - id: program-").append(p).append("\n    name: Program ").append(p)
          .append("\n    last_verified: 2026-11-01\n    claims:\n");
      for (int i = p; i < sources; i += 20) {
        yaml.append("      - {id: fee-").append(i).append(", source: s").append(i)
            .append(", quote: \"Taksa për leje qëndrimi është 50 €\", figure: 50 EUR}\n");
      }
    }
    Files.writeString(dir.resolve("sources.yaml"), yaml, StandardCharsets.UTF_8);
    long built = System.nanoTime();
    for (int run = 0; run < runs; run++) {
      for (int i = 0; i < sources; i++) {
        // a tenth of the pages change every run: captures, revisits and alerts, as a year of nights
        int fee = (i % 10 == run % 10) ? 50 + run : 50;
        pages.stubFor(get(urlEqualTo("/p" + i)).willReturn(aResponse().withHeader("Content-Type", "text/html")
            .withBody("<html><body><main><h1>Leja " + i + "</h1><p>Taksa për leje qëndrimi është " + fee
                + " €.</p><p>Kërkesa paraqitet personalisht.</p></main></body></html>")));
      }
      Runs.run(dir, Runs.config(dir, yaml.toString()));
    }
    System.out.printf(Locale.ROOT, "store: %d checks in %d runs, built in %d s%n", (long) sources * runs, runs,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - built));
    System.setIn(new ByteArrayInputStream("load-test-password\n".getBytes(StandardCharsets.UTF_8)));
    Cli.run("user", "add", "ana", "--role", "maintainer", "--password-stdin", "--store", dir.resolve("snapshots").toString());
    try (WebApp app = WebApp.start(dir.resolve("snapshots"), dir.resolve("sources.yaml"), "127.0.0.1", 0,
        Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + app.port();
      HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
      List<String> alertIds = new ArrayList<>();
      String cookie = login(http, base);
      String home = http.send(request(base + "/api/alerts", cookie), HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = Pattern.compile("\"id\" : \"([0-9a-f]{16})\"").matcher(home);
      while (m.find()) {
        alertIds.add(m.group(1));
      }
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicLong errors = new AtomicLong();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          String session = login(http, base);
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (System.nanoTime() < end) {
            String path = switch (random.nextInt(5)) {
              case 0 -> "/";
              case 1 -> "/alerts/" + alertIds.get(random.nextInt(alertIds.size()));
              case 2 -> "/programs/program-" + random.nextInt(20);
              case 3 -> "/sources/s" + random.nextInt(sources);
              default -> "/api/alerts";
            };
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request(base + path, session), HttpResponse.BodyHandlers.ofString());
            latencies.add(System.nanoTime() - start);
            if (response.statusCode() != 200) {
              errors.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
      pool.shutdown();
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      System.out.printf(Locale.ROOT, "%d clients for %d s: %d requests, %.0f requests/s, %d errors; latency p50 %.1f ms, "
          + "p99 %.1f ms, max %.1f ms (%d open alerts, %d CPUs)%n", clients, seconds, sorted.size(),
          sorted.size() / (double) seconds, errors.get(), ms(sorted, 0.50), ms(sorted, 0.99),
          sorted.get(sorted.size() - 1) / 1e6, alertIds.size(), Runtime.getRuntime().availableProcessors());
    } finally {
      pages.stop();
    }
    System.exit(0);
  }

  static double ms(List<Long> sorted, double quantile) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
  }

  static String login(HttpClient http, String base) throws Exception {
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=ana&password=load-test-password")).build(),
        HttpResponse.BodyHandlers.ofString());
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  static HttpRequest request(String url, String session) {
    return HttpRequest.newBuilder(URI.create(url)).header("Cookie", WebApp.SESSION + "=" + session).build();
  }
}
