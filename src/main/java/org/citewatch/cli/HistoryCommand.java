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
    description = "Every check of a source: time, HTTP status, attempts, outcome, snapshot, digest, bytes stored.")
final class HistoryCommand implements Callable<Integer> {

  // Instant.toString drops trailing zeros, so its width varies; --json keeps the exact time
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SOURCE", description = "a source id from sources.yaml")
  String source;

  @Option(names = "--json", description = "one JSON object with every check")
  boolean json;

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    PrintWriter out = spec.commandLine().getOut();
    List<Records.CheckEntry> checks;
    try (Records records = Records.open(common.store)) {
      checks = records.history(source);
    }
    if (checks.isEmpty()) {
      spec.commandLine().getErr().println("citewatch history: " + common.whyNoSource(source)
          .orElse("no checks of '" + source + "' in " + common.store));
      return ExitCodes.FAILURE;
    }
    long bytes = checks.stream().mapToLong(Records.CheckEntry::bytes).sum();
    long snapshots = checks.stream().filter(c -> List.of("new", "changed").contains(c.outcome())).count();
    if (json) {
      out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json(checks, bytes)));
      return ExitCodes.OK;
    }
    out.printf(Locale.ROOT, "%-24s %-6s %-8s %-10s %-12s %-20s %9s%n", "time", "status", "attempts", "outcome",
        "snapshot", "payload", "bytes");
    for (Records.CheckEntry c : checks) {
      out.printf(Locale.ROOT, "%-24s %-6s %-8d %-10s %-12s %-20s %,9d%s%n", TIME.format(c.time()),
          c.status().map(String::valueOf).orElse("-"), c.attempts(), c.outcome(), c.snapshot().orElse("-"),
          c.payloadDigest().map(d -> d.substring(0, Math.min(d.length(), 19)) + "…").orElse("-"), c.bytes(),
          c.error().map(e -> "  " + e).orElse(""));
    }
    out.printf(Locale.ROOT, "%s: %d checks, %d new or changed snapshots, %,d bytes in the store%n", source,
        checks.size(), snapshots, bytes);
    return ExitCodes.OK;
  }

  private ObjectNode json(List<Records.CheckEntry> checks, long bytes) {
    ObjectNode root = Json.MAPPER.createObjectNode().put("source", source).put("store_bytes", bytes);
    ArrayNode list = root.putArray("checks");
    for (Records.CheckEntry c : checks) {
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
