package org.citewatch.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.model.Config;
import org.citewatch.model.ExitCodes;
import org.citewatch.model.RunSummary;
import org.citewatch.report.Reports;
import org.citewatch.schedule.Pipeline;
import org.citewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "report",
    description = "Writes report.json, report.md and report.html for the current alerts (after an ack, say).")
final class ReportCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    Optional<Config> loaded = common.loadConfig(spec.commandLine().getErr());
    if (loaded.isEmpty()) {
      return ExitCodes.USAGE;
    }
    Config config = loaded.get();
    try (Store store = common.openStore(true)) {
      if (store.lastRun().isEmpty()) {
        spec.commandLine().getErr().println("citewatch report: nothing has run yet in " + common.store
            + "; run citewatch run first");
        return ExitCodes.FAILURE;
      }
      RunSummary run = store.lastRun().get();
      Reports.write(common.reportDir, Reports.Contents.of(config, run, Pipeline.active(store), common.store));
      spec.commandLine().getOut().println("wrote " + common.reportDir.resolve(Reports.HTML) + ", "
          + Reports.MARKDOWN + " and " + Reports.JSON);
      return ExitCodes.OK;
    }
  }
}
