package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.model.Alert;
import org.citewatch.model.Config;
import org.citewatch.model.Program;
import org.citewatch.schedule.Verification;
import org.citewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = {"Records that a maintainer re-verified a program against its sources.",
    "Resets its staleness, re-baselines its claims on the current snapshots, and counts its sources'",
    "changes as read."})
final class VerifyCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PROGRAM", description = "a program id from sources.yaml")
  String programId;

  @Option(names = "--date", paramLabel = "DATE", description = "the day it was verified (default: today, UTC)")
  LocalDate date;

  @Option(names = "--note", paramLabel = "TEXT", description = "what was checked")
  String note;

  @Option(names = "--by", paramLabel = "NAME", description = "who verified (default: ${DEFAULT-VALUE})")
  String by = System.getProperty("user.name", "unknown");

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Config> loaded = common.loadConfig(err);
    if (loaded.isEmpty()) {
      return ExitCodes.USAGE;
    }
    Config config = loaded.get();
    Optional<Program> program = config.program(programId);
    if (program.isEmpty()) {
      err.println("citewatch verify: no program '" + programId + "' in " + common.config);
      return ExitCodes.USAGE;
    }
    LocalDate day = date != null ? date : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (day.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
      err.println("citewatch verify: " + day + " is in the future");
      return ExitCodes.USAGE;
    }
    try (Store store = common.openStore(true)) {
      Verification.Outcome outcome = new Verification(config, store, clock).verify(program.get(), day, by,
          Optional.ofNullable(note));
      PrintWriter out = spec.commandLine().getOut();
      out.println("verified " + programId + " on " + day + " by " + by + "; resolved " + outcome.resolved().size()
          + " alert(s)");
      for (Alert read : outcome.resolved()) {
        out.println("  resolved: " + read.id() + " " + read.kind() + " " + read.claim().or(read::source).orElse("")
            + ": " + read.message());
      }
      for (Alert still : outcome.stillOpen()) {
        out.println("  still open: " + still.id() + " " + still.kind() + " " + still.claim().or(still::source).orElse("")
            + ": " + still.message());
      }
      return ExitCodes.OK;
    }
  }
}
