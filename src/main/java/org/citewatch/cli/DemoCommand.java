package org.citewatch.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.model.Alert;
import org.citewatch.model.Config;
import org.citewatch.model.ExitCodes;
import org.citewatch.model.RunSummary;
import org.citewatch.report.AlertView;
import org.citewatch.report.Reports;
import org.citewatch.schedule.Pipeline;
import org.citewatch.schedule.Progress;
import org.citewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = {
    "The offline demo: no setup, no internet.",
    "Serves bundled copies of official pages on localhost, runs the pipeline twice while one of them",
    "changes (a fee: €50 → €60), and writes the reports."})
final class DemoCommand implements Callable<Integer> {

  static final String KOSOVO_PATH = "/f/45/Temporary-residence-permit-for-foreigners";
  static final String SERBIA_PATH = "/sr/gradjani/prijava-boravista-stranca";
  static final String SITE_PATH = "/programs/kosovo-general-residence";
  private static final String VISITS = "{{visits}}";

  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "where the demo writes its files (default: ${DEFAULT-VALUE})")
  Path dir = Path.of("citewatch-demo");

  @Option(names = "--update-site", description = "after a demo has run in DIR: the site's page now shows the new fee; "
      + "one more run shows PAGE_OUTDATED resolve")
  boolean updateSite;

  @Override
  public Integer call() throws IOException, ConfigException {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, byte[]> pages = new ConcurrentHashMap<>();
    pages.put(KOSOVO_PATH, resource("xk-temporary-residence.html"));
    pages.put(SERBIA_PATH, resource("rs-address-registration.html"));
    HttpServer server = serve(pages);
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path snapshots = dir.resolve("snapshots");
      Path reports = dir.resolve("reports");
      LocalDate verified = LocalDate.now(ZoneOffset.UTC).minusDays(30);
      pages.put(SITE_PATH, site(base, verified, "€50"));
      if (updateSite) {
        return updateSite(pages, base, verified, snapshots, reports, out);
      }
      deleteTree(snapshots);
      deleteTree(reports);
      Files.createDirectories(dir);
      Path sources = dir.resolve("sources.yaml");
      Files.writeString(sources, new String(resource("sources.yaml"), StandardCharsets.UTF_8)
          .replace("{{base}}", base).replace("{{verified}}", verified.toString()), StandardCharsets.UTF_8);
      Config config = new ConfigLoader().load(sources);
      out.println("Serving copies of 2 official pages and the site's Kosovo page at " + base + " (config: "
          + sources + ")");
      return firstAct(pages, config, snapshots, reports, out);
    } finally {
      server.stop(0);
    }
  }

  /** The first act: a baseline run, the official fee changes, a second run raises its alerts. */
  private int firstAct(Map<String, byte[]> pages, Config config, Path snapshots, Path reports, PrintWriter out)
      throws IOException {
    RunSummary first = run(config, snapshots, reports);
    out.println("Run 1 (baseline):  " + RunCommand.summary(first, reports.resolve(Reports.JSON).toString()));
    pages.put(KOSOVO_PATH, officialWithNewFee());
    out.println("The Kosovo page now says the fee is €60 (the program and the site's page say €50).");
    RunSummary second = run(config, snapshots, reports);
    out.println("Run 2 (changed):   " + RunCommand.summary(second, reports.resolve(Reports.JSON).toString()));
    out.println();
    printAlerts(snapshots, out);

    out.println("Reports:");
    out.println("  " + reports.resolve(Reports.HTML).toAbsolutePath());
    out.println("  " + reports.resolve(Reports.MARKDOWN).toAbsolutePath());
    out.println("  " + reports.resolve(Reports.JSON).toAbsolutePath());
    out.println("Evidence (WARC, journal, index): " + snapshots.toAbsolutePath());
    out.println();
    out.println("The site's page still shows €50: PAGE_OUTDATED. To see it resolve once the site shows €60:");
    out.println("  " + invocation() + " demo --dir " + dir + " --update-site");
    return ExitCodes.OK;
  }

  /** The second act: the site's page is updated to the official fee, and one run resolves PAGE_OUTDATED. */
  private int updateSite(Map<String, byte[]> pages, String base, LocalDate verified, Path snapshots, Path reports,
      PrintWriter out) throws IOException, ConfigException {
    Path sources = dir.resolve("sources.yaml");
    if (!Store.exists(snapshots) || !Files.isRegularFile(sources)) {
      spec.commandLine().getErr().println("citewatch demo: no demo in " + dir + " yet; run citewatch demo --dir " + dir
          + " first");
      return ExitCodes.USAGE;
    }
    // the demo's server has a new port each time: the config follows it
    String yaml = Files.readString(sources, StandardCharsets.UTF_8).replaceAll("http://127\\.0\\.0\\.1:\\d+", base);
    Files.writeString(sources, yaml, StandardCharsets.UTF_8);
    Config config = new ConfigLoader().load(sources);
    pages.put(KOSOVO_PATH, officialWithNewFee());
    pages.put(SITE_PATH, site(base, verified, "€60"));
    out.println("The site's Kosovo page now shows the official fee, €60.");
    RunSummary third = run(config, snapshots, reports);
    out.println("Run 3 (site updated): " + RunCommand.summary(third, reports.resolve(Reports.JSON).toString()));
    out.println();
    printAlerts(snapshots, out);
    out.println();
    out.println("PAGE_OUTDATED is resolved. FIGURE_CHANGED stays until sources.yaml says €60 too:");
    out.println("  " + invocation() + " verify xk-general-residence --accept --config " + sources + " --store "
        + snapshots);
    return ExitCodes.OK;
  }

  private static void printAlerts(Path snapshots, PrintWriter out) throws IOException {
    try (Store store = Store.open(snapshots)) {
      for (Alert alert : Pipeline.active(store).stream().sorted(AlertView.ORDER).toList()) {
        out.printf(Locale.ROOT, "  %-19s %-24s %s%n", alert.kind(),
            alert.program().or(alert::source).orElse(""), alert.message());
      }
    }
  }

  private static byte[] officialWithNewFee() {
    return new String(resource("xk-temporary-residence.html"), StandardCharsets.UTF_8)
        .replace("<td>€50</td>", "<td>€60</td>").replace("12.03.2026", "02.11.2026").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] site(String base, LocalDate verified, String fee) {
    return new String(resource("site-xk-general-residence.html"), StandardCharsets.UTF_8).replace("{{base}}", base)
        .replace("{{verified}}", verified.toString()).replace("{{fee}}", fee).getBytes(StandardCharsets.UTF_8);
  }

  private static RunSummary run(Config config, Path snapshots, Path reports) throws IOException {
    try (Store store = Store.open(snapshots)) {
      return new Pipeline(config, store, reports, Clock.systemUTC(), Progress.SILENT).run(config.sources());
    }
  }

  /**
   * The pages, as a ministry's CMS serves them: a page with a visit counter in its footer (the
   * Serbian one) is rendered for each request and sent chunked, so that its bytes differ on every
   * run while what it reads stays the same, and the second run shows that this raises nothing.
   */
  private static HttpServer serve(Map<String, byte[]> pages) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicLong visits = new AtomicLong(48_213);
    server.createContext("/", exchange -> {
      byte[] page = pages.get(exchange.getRequestURI().getPath());
      try (exchange; OutputStream body = exchange.getResponseBody()) {
        if (page == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        String text = new String(page, StandardCharsets.UTF_8);
        if (text.contains(VISITS)) {
          exchange.sendResponseHeaders(200, 0);
          body.write(text.replace(VISITS, Long.toString(visits.incrementAndGet())).getBytes(StandardCharsets.UTF_8));
          return;
        }
        exchange.sendResponseHeaders(200, page.length);
        body.write(page);
      }
    });
    server.start();
    return server;
  }

  private static byte[] resource(String name) {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("demo page " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** How this citewatch was started, so that the commands the demo prints work as shown: the jar's own path. */
  static String invocation() {
    try {
      Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (jar.toString().endsWith(".jar")) {
        Path here = Path.of("").toAbsolutePath();
        Path shown = jar.startsWith(here) ? here.relativize(jar) : jar;
        return "java -jar " + shown;
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // not from a jar file: the launcher's name
    }
    return "citewatch";
  }
}
