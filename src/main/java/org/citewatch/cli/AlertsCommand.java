package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.citewatch.model.Alert;
import org.citewatch.report.AlertView;
import org.citewatch.store.Json;
import org.citewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "alerts", description = "Open alerts, critical first (all alerts with --all).")
final class AlertsCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--all", description = "include resolved alerts")
  boolean all;

  @Option(names = "--json", description = "print the report.json alert objects")
  boolean json;

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = common.openStore(true)) {
      List<Alert> alerts = Stream.concat(store.alerts().values().stream(),
              all ? store.resolvedAlerts().values().stream() : Stream.empty())
          .sorted(Comparator.comparing((Alert a) -> a.program().orElse(a.programs().isEmpty() ? "~" : a.programs().get(0)))
              .thenComparing(AlertView.ORDER))
          .toList();
      if (json) {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(AlertView.json(alerts, Set.of())));
        return ExitCodes.OK;
      }
      if (alerts.isEmpty()) {
        out.println(all ? "no alerts" : "no open alerts");
      }
      String group = null;
      for (Alert a : alerts) {
        String program = a.program().orElse(a.programs().isEmpty() ? "(no program)" : a.programs().get(0));
        if (!program.equals(group)) {
          group = program;
          out.println(program);
        }
        out.printf(Locale.ROOT, "  %s  %-8s %-19s %-12s %s%n      %s%n", a.id(),
            a.kind().severity().name().toLowerCase(Locale.ROOT), a.kind(), a.state().name().toLowerCase(Locale.ROOT),
            a.claim().or(a::source).orElse(""), TerminalText.safe(a.message().replace("\n", " ")));
      }
      return ExitCodes.OK;
    }
  }
}
