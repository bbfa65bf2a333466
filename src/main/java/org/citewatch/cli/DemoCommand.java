package org.citewatch.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.stream.Stream;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.model.Alert;
import org.citewatch.model.Config;
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

  private static final String KOSOVO_PATH = "/f/45/Temporary-residence-permit-for-foreigners";
  private static final String SERBIA_PATH = "/sr/gradjani/prijava-boravista-stranca";

  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "where the demo writes its files (default: ${DEFAULT-VALUE})")
  Path dir = Path.of("citewatch-demo");

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
      deleteTree(snapshots);
      deleteTree(reports);
      Files.createDirectories(dir);
      Path sources = dir.resolve("sources.yaml");
      LocalDate verified = LocalDate.now(ZoneOffset.UTC).minusDays(30);
      Files.writeString(sources, new String(resource("sources.yaml"), StandardCharsets.UTF_8)
          .replace("{{base}}", base).replace("{{verified}}", verified.toString()), StandardCharsets.UTF_8);
      Config config = new ConfigLoader().load(sources);
      out.println("Serving copies of 2 official pages at " + base + " (config: " + sources + ")");

      RunSummary first = run(config, snapshots, reports);
      out.println("Run 1 (baseline):  " + RunCommand.summary(first, reports.resolve(Reports.JSON).toString()));
      pages.put(KOSOVO_PATH, new String(resource("xk-temporary-residence.html"), StandardCharsets.UTF_8)
          .replace("<td>€50</td>", "<td>€60</td>").replace("12.03.2026", "02.11.2026").getBytes(StandardCharsets.UTF_8));
      out.println("The Kosovo page now says the fee is €60 (the program says €50).");
      RunSummary second = run(config, snapshots, reports);
      out.println("Run 2 (changed):   " + RunCommand.summary(second, reports.resolve(Reports.JSON).toString()));
      out.println();
      try (Store store = Store.open(snapshots)) {
        for (Alert alert : Pipeline.active(store).stream().sorted(AlertView.ORDER).toList()) {
          out.printf(Locale.ROOT, "  %-19s %-24s %s%n", alert.kind(),
              alert.program().or(alert::source).orElse(""), alert.message());
        }
      }
      out.println();
      out.println("Reports:");
      out.println("  " + reports.resolve(Reports.HTML).toAbsolutePath());
      out.println("  " + reports.resolve(Reports.MARKDOWN).toAbsolutePath());
      out.println("  " + reports.resolve(Reports.JSON).toAbsolutePath());
      out.println("Evidence (WARC, journal, index): " + snapshots.toAbsolutePath());
      return ExitCodes.OK;
    } finally {
      server.stop(0);
    }
  }

  private static RunSummary run(Config config, Path snapshots, Path reports) throws IOException {
    try (Store store = Store.open(snapshots)) {
      return new Pipeline(config, store, reports, Clock.systemUTC(), Progress.SILENT).run(config.sources());
    }
  }

  private static HttpServer serve(Map<String, byte[]> pages) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] page = pages.get(exchange.getRequestURI().getPath());
      try (exchange; OutputStream body = exchange.getResponseBody()) {
        if (page == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
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
}
