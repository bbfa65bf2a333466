package org.citewatch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Commands of DESIGN.md that are registered but not built yet. Each says so and exits 1, rather
 * than pretend: a cron job must not read success from a command that did nothing.
 */
abstract class NotBuiltCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", hidden = true)
  List<String> args;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("citewatch " + spec.name() + ": not built yet in this version; "
        + "see the README's list of commands for what works today");
    return ExitCodes.FAILURE;
  }

  @Command(name = "daemon", description = "(not built yet) Stays up and runs on settings.schedule with Quartz.")
  static final class Daemon extends NotBuiltCommand {}

  @Command(name = "status", description = "(not built yet) Last run, next scheduled run, open alerts.")
  static final class Status extends NotBuiltCommand {}
}
