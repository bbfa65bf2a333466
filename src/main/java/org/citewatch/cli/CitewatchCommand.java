package org.citewatch.cli;

import java.io.PrintWriter;
import java.util.List;
import org.citewatch.model.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "citewatch",
    mixinStandardHelpOptions = true,
    version = "citewatch " + Settings.VERSION,
    description = "Watches the official pages an information site cites and tells which claims no longer hold.")
public final class CitewatchCommand implements Runnable {

  private static final List<Class<?>> COMMANDS = List.of(
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
      CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. citewatch run");
  }

  /** The command line with every command, as help and usage errors show it. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for these arguments, with citewatch's exit codes and error handling. picocli
   * builds a command's model by reflection, ~5 ms each before the JIT has warmed up: when the first
   * argument names a command, only that one is built, and help, usage errors and everything else
   * get them all.
   */
  public static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new CitewatchCommand());
    List<Class<?>> named = args.length == 0 ? List.of() : COMMANDS.stream()
        .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0]))
        .toList();
    (named.isEmpty() ? COMMANDS : named).forEach(cli::addSubcommand);
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
