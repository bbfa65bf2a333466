package org.citewatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.citewatch.model.ExitCodes;
import org.citewatch.store.Json;
import org.citewatch.store.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "history",
    description = "The last checks of a source (--all: every one): time, HTTP status, attempts, outcome, snapshot, "
        + "digest, bytes stored.")
final class HistoryCommand implements Callable<Integer> {

  // Instant.toString drops trailing zeros, so its width varies; --json keeps the exact time
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SOURCE", description = "a source id from sources.yaml")
  String source;

  @Option(names = "--json", description = "one JSON object with the checks listed")
  boolean json;

  // about three months of nightly runs: years of them are more than a terminal shows, and reading
  // them all would make history slower with every night
  static final int LAST = 100;

  @Option(names = "--last", paramLabel = "N", description = "the last N checks (default: ${DEFAULT-VALUE})")
  int last = LAST;

  @Option(names = "--all", description = "every check since the first")
  boolean all;

  @Override
  public Integer call() throws IOException {
    if (last < 1 && !all) {
      throw new UsageError("--last must be 1 or more (or --all for every check), not " + last);
    }
    common.requireStore();
    PrintWriter out = spec.commandLine().getOut();
    Records.Recent recent;
    try (Records records = Records.open(common.store)) {
      recent = records.history(source, all ? Integer.MAX_VALUE : last);
    }
    List<Records.CheckEntry> checks = recent.checks();
    if (checks.isEmpty()) {
      spec.commandLine().getErr().println("citewatch history: " + common.whyNoSource(source)
          .orElse("no checks of '" + source + "' in " + common.store));
      return ExitCodes.FAILURE;
    }
    long bytes = checks.stream().mapToLong(Records.CheckEntry::bytes).sum();
    if (json) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(recent, bytes)));
    } else {
      table(out, recent, bytes);
    }
    return ExitCodes.OK;
  }

  private void table(PrintWriter out, Records.Recent recent, long bytes) {
    List<Records.CheckEntry> checks = recent.checks();
    long snapshots = checks.stream().filter(c -> List.of("new", "changed").contains(c.outcome())).count();
    out.printf(Locale.ROOT, "%-24s %-6s %-8s %-10s %-12s %-20s %9s%n", "time", "status", "attempts", "outcome",
        "snapshot", "payload", "bytes");
    for (Records.CheckEntry c : checks) {
      out.printf(Locale.ROOT, "%-24s %-6s %-8d %-10s %-12s %-20s %,9d%s%n", TIME.format(c.time()),
          c.status().map(String::valueOf).orElse("-"), c.attempts(), c.outcome(), c.snapshot().orElse("-"),
          c.payloadDigest().map(d -> d.substring(0, Math.min(d.length(), 19)) + "…").orElse("-"), c.bytes(),
          c.error().map(e -> "  " + e).orElse(""));
    }
    String listed = !recent.earlier() ? checks.size() + " checks"
        : checks.size() == 1 ? "the last check" : "the last " + checks.size() + " checks";
    out.printf(Locale.ROOT, "%s: %s, %d new or changed snapshots, %,d bytes in the store%s%n", source, listed,
        snapshots, bytes, recent.earlier() ? "; earlier checks: --all, or --last N" : "");
  }

  private ObjectNode json(Records.Recent recent, long bytes) {
    ObjectNode root = Json.MAPPER.createObjectNode().put("source", source).put("store_bytes", bytes)
        .put("earlier_checks", recent.earlier());
    ArrayNode list = root.putArray("checks");
    for (Records.CheckEntry c : recent.checks()) {
      ObjectNode node = list.addObject();
      node.put("time", c.time().toString());
      node.put("status", c.status().orElse(null));
      node.put("attempts", c.attempts());
      node.put("outcome", c.outcome());
      node.put("changed", c.outcome().equals("changed") || c.outcome().equals("new"));
      node.put("snapshot", c.snapshot().orElse(null));
      node.put("payload_digest", c.payloadDigest().orElse(null));
      node.put("bytes", c.bytes());
      node.put("error", c.error().orElse(null));
    }
    return root;
  }
}
