package org.citewatch.cli;

import java.io.PrintWriter;
import org.citewatch.model.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "citewatch",
    mixinStandardHelpOptions = true,
    version = "citewatch " + Settings.VERSION,
    description = "Watches the official pages an information site cites and tells which claims no longer hold.",
    subcommands = {
      RunCommand.class,
      DaemonCommand.class,
      CheckConfigCommand.class,
      AlertsCommand.class,
      AckCommand.class,
      VerifyCommand.class,
      HistoryCommand.class,
      ShowCommand.class,
      DiffCommand.class,
      AuditCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      StatusCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CitewatchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. citewatch run");
  }

  /** The command line with citewatch's exit codes and error handling; tests call it too. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CitewatchCommand());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      PrintWriter err = line.getErr();
      err.println("citewatch: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      if (LogLevel.verbose()) {
        e.printStackTrace(err);
      }
      return ExitCodes.FAILURE;
    });
    return cli;
  }
}
