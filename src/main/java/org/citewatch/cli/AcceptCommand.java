package org.citewatch.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.model.ExitCodes;
import org.citewatch.model.Snapshot;
import org.citewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "accept", description = {"Makes a source's latest capture its baseline, after a guard held it back.",
    "For a page that really shrank or changed its layout (SOURCE_DEGRADED); kept in the journal with who and why."})
final class AcceptCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SOURCE", description = "a source id from sources.yaml")
  String sourceId;

  @Option(names = "--note", paramLabel = "WHY", required = true,
      description = "why the page as it is now is the page (the journal keeps it)")
  String note;

  @Option(names = "--by", paramLabel = "NAME", description = "who accepts (default: ${DEFAULT-VALUE})")
  String by = System.getProperty("user.name", "unknown");

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    Optional<String> unknown = common.whyNoSource(sourceId);
    if (unknown.isPresent()) {
      spec.commandLine().getErr().println("citewatch accept: " + unknown.get());
      return ExitCodes.USAGE;
    }
    try (Store store = common.openStore(true)) {
      Snapshot accepted = store.acceptBaseline(sourceId, by, note, clock.instant());
      spec.commandLine().getOut().println("accepted " + accepted.id() + " (captured " + accepted.captured() + ", "
          + accepted.textLength() + " characters) as the baseline of " + sourceId + ", by " + by
          + "; the next run compares with it");
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("citewatch accept: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
  }
}
