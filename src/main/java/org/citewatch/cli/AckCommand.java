package org.citewatch.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.citewatch.model.Alert;
import org.citewatch.model.Attribution;
import org.citewatch.model.ExitCodes;
import org.citewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ack",
    description = "Acknowledges an alert: kept in the journal with who, when and the note; it resolves when its "
    + "condition clears.")
final class AckCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ALERT", description = "the alert's id (or its first 4 or more characters)")
  String id;

  @Option(names = "--note", paramLabel = "TEXT", description = "why, or what is being done about it")
  String note;

  @Option(names = "--by", paramLabel = "NAME", description = "who acknowledges (default: ${DEFAULT-VALUE})")
  String by = System.getProperty("user.name", "unknown");

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    try (Store store = common.openStore(true)) {
      common.seal(store);
      Alert alert = store.acknowledge(id, Attribution.of(by, clock.instant(), note));
      spec.commandLine().getOut().println("acknowledged " + alert.id() + " (" + alert.kind() + ") by " + by);
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("citewatch ack: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
  }
}
