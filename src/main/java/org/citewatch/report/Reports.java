package org.citewatch.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citewatch.model.Alert;
import org.citewatch.model.Config;
import org.citewatch.model.RunSummary;
import org.citewatch.store.Json;

/** Writes reports/report.json, report.md and report.html, each replaced whole or not at all. */
public final class Reports {

  public static final String JSON = "report.json";
  public static final String MARKDOWN = "report.md";
  public static final String HTML = "report.html";

  private Reports() {}

  /**
   * What one set of reports tells: a run, the alerts open after it, and where its evidence stands.
   *
   * @param newIds the alerts the run raised, marked new
   * @param tiers how each claim checked in this run was found ("exact", "folded", "not found" …),
   *     keyed by "program/claim"; shown in report.md
   * @param journalHead the journal's head once the run is journaled, {@code LINE:SHA256}: a copy
   *     outside the store that {@code audit --expect-head} can hold the journal to
   * @param notified how the run's notifications went
   * @param store the store the run wrote, for the commands the reports print
   */
  public record Contents(Config config, RunSummary run, List<Alert> active, Set<String> newIds,
      Map<String, String> tiers, Optional<String> journalHead, Optional<Notified> notified, Path store) {

    /** The reports of a run's alerts as they stand, with nothing marked new (after an ack, say). */
    public static Contents of(Config config, RunSummary run, List<Alert> active, Path store) {
      return new Contents(config, run, active, Set.of(), Map.of(), Optional.empty(), Optional.empty(), store);
    }

    /** The same, as the run that raised {@code raised} tells it, with how it found each claim. */
    public Contents raised(Set<String> raised, Map<String, String> foundAs) {
      return new Contents(config, run, active, raised, foundAs, journalHead, notified, store);
    }

    /** The same, with the journal's head after the run and how its notifications went. */
    public Contents journaled(String head, Notified how) {
      return new Contents(config, run, active, newIds, tiers, Optional.of(head), Optional.of(how), store);
    }
  }

  /**
   * How a run's notifications went.
   *
   * @param pending the notifications still in the outbox: the next run sends them again
   * @param failures each notifier that failed, by kind and host, and why
   */
  public record Notified(int pending, List<String> failures) {
    public Notified {
      failures = List.copyOf(failures);
    }
  }

  /**
   * What a command printed in a report must add to work as shown: {@code --config} and {@code
   * --store} when they are not the defaults (the demo's are not).
   */
  public static String commandOptions(Path config, Path store) {
    StringBuilder options = new StringBuilder();
    if (!config.normalize().equals(Path.of("sources.yaml"))) {
      options.append(" --config ").append(config);
    }
    if (!store.normalize().equals(Path.of("snapshots"))) {
      options.append(" --store ").append(store);
    }
    return options.toString();
  }

  /** Writes the three reports of {@code contents} into {@code dir}. */
  public static void write(Path dir, Contents contents) throws IOException {
    Config config = contents.config();
    RunSummary run = contents.run();
    List<Alert> active = contents.active();
    Set<String> newIds = contents.newIds();
    String options = commandOptions(config.file(), contents.store());
    Files.createDirectories(dir);
    ObjectNode report = Json.MAPPER.createObjectNode();
    report.set("run", runJson(run));
    contents.journalHead().ifPresent(head -> {
      String[] parts = head.split(":", 2);
      report.putObject("journal").put("line", Long.parseLong(parts[0])).put("sha256", parts[1]);
    });
    contents.notified().ifPresent(n -> {
      ArrayNode failures = report.putObject("notifications").put("pending", n.pending()).putArray("failures");
      n.failures().forEach(failures::add);
    });
    report.set("alerts", AlertView.json(active, newIds));
    replace(dir.resolve(JSON), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
    replace(dir.resolve(MARKDOWN), new MarkdownReport(config, options).render(run, active, newIds, contents.tiers()));
    replace(dir.resolve(HTML), new HtmlReport(config, options).render(run, active, newIds));
  }

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** A time as people read it, in reports, the terminal and the review pages: to the minute, in UTC. */
  public static String when(Instant at) {
    return WHEN.format(at);
  }

  public static ObjectNode runJson(RunSummary run) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", run.id());
    node.put("started", run.started().toString());
    node.put("finished", run.finished().toString());
    node.put("exit_code", run.exitCode());
    node.putObject("sources")
        .put("checked", run.checked())
        .put("changed", run.changed())
        .put("unchanged", run.unchanged())
        .put("failed", run.failed());
    return node;
  }

  private static void replace(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
