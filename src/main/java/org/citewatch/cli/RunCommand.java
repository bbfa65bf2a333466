package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.model.Config;
import org.citewatch.model.Digests;
import org.citewatch.model.ExitCodes;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Source;
import org.citewatch.report.Reports;
import org.citewatch.schedule.Pipeline;
import org.citewatch.schedule.Progress;
import org.citewatch.store.Store;
import org.citewatch.store.StoreBusyException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", description = {
    "One pass over every source (or the named ones): fetch, snapshot, compare, evaluate, alert, report.",
    "Exit: 0 nothing new, 1 new alerts, 2 usage or config error, 3 store busy (another run),",
    "4 some sources unchecked, 5 both."})
final class RunCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--only", paramLabel = "ID", split = ",", description = "check only these sources")
  List<String> only = new ArrayList<>();

  @Option(names = "--wait", description = "if another citewatch is writing the store, wait for it instead of exiting 3")
  boolean waitForLock;

  /** Replaced in tests to fix "now". */
  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    Digests.prepare();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Config> loaded = common.loadConfig(err);
    if (loaded.isEmpty()) {
      return ExitCodes.USAGE;
    }
    Config config = loaded.get();
    common.requireDirectories();
    List<Source> sources = new ArrayList<>();
    for (String id : only) {
      if (config.source(id).isEmpty()) {
        err.println("citewatch run: " + CommonOptions.whyNoSource(config, id).orElseThrow());
        return ExitCodes.USAGE;
      }
      sources.add(config.source(id).get());
    }
    if (only.isEmpty()) {
      sources.addAll(config.sources());
    }
    try (Store store = common.openStore(waitForLock)) {
      RunSummary run = new Pipeline(config, store, common.reportDir, clock, progress(err)).run(sources);
      if (!common.quiet) {
        out.println(summary(run, common.reportDir.resolve(Reports.JSON).toString()));
      }
      return run.exitCode();
    } catch (StoreBusyException e) {
      err.println("citewatch run: " + e.getMessage() + "; wait for it to finish, or pass --wait to queue behind it");
      return ExitCodes.STORE_BUSY;
    }
  }

  static String summary(RunSummary run, String report) {
    String baselines = run.baselines() == 0 ? ""
        : String.format(Locale.ROOT, " (%d of them first captures)", run.baselines());
    return String.format(Locale.ROOT, "checked %d sources: %d changed%s, %d unchanged, %d failed; exit %d; report: %s",
        run.checked(), run.changed(), baselines, run.unchanged(), run.failed(), run.exitCode(), report);
  }

  /** A progress line that rewrites itself, only on a terminal and never under --quiet. */
  private Progress progress(PrintWriter err) {
    if (common.quiet || System.console() == null) {
      return Progress.SILENT;
    }
    return (done, total, sourceId, outcome) -> {
      err.printf(Locale.ROOT, "\r\033[K[%d/%d] %s: %s", done, total, sourceId, outcome);
      if (done == total) {
        err.println();
      }
      err.flush();
    };
  }
}
