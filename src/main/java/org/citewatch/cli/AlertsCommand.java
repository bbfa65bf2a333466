package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.model.Alert;
import org.citewatch.model.Config;
import org.citewatch.model.ExitCodes;
import org.citewatch.report.AlertView;
import org.citewatch.report.Reports;
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

  /** sources.yaml for the programs' names; without one (or a broken one) the ids are shown. */
  private Optional<Config> quietConfig() {
    try {
      return Optional.of(new ConfigLoader().load(common.config));
    } catch (ConfigException | IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = common.openStore(true)) {
      List<Alert> alerts = Stream.concat(store.alerts().values().stream(),
              all ? store.resolvedAlerts().values().stream() : Stream.empty())
          .sorted(AlertView.ORDER).toList();
      if (json) {
        out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(AlertView.json(alerts, Set.of())));
        return ExitCodes.OK;
      }
      if (alerts.isEmpty()) {
        out.println(all ? "no alerts" : "no open alerts");
      }
      Optional<Config> config = quietConfig();
      AlertView.byProgram(alerts).forEach((program, members) -> {
        out.println(program.isEmpty() ? "(no program)"
            : config.flatMap(c -> c.program(program)).map(p -> TerminalText.safe(p.name()) + " (" + program + ")")
                .orElse(program));
        for (Alert a : members) {
          out.printf(Locale.ROOT, "  %s  %-8s %-19s %-12s %s%n      %s%n", a.id(),
              a.kind().severity().name().toLowerCase(Locale.ROOT), a.kind(), a.state().name().toLowerCase(Locale.ROOT),
              a.claim().or(a::source).orElse(""), TerminalText.safe(a.message().replace("\n", " ")));
          a.acknowledgement().ifPresent(ack -> out.printf(Locale.ROOT, "      acknowledged by %s, %s%s%n",
              TerminalText.safe(ack.by()), Reports.when(ack.at()),
              ack.note().map(n -> ": " + TerminalText.safe(n.replace("\n", " "))).orElse("")));
        }
      });
      return ExitCodes.OK;
    }
  }
}
