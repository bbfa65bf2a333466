package org.citewatch.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.citewatch.model.ExitCodes;
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
      AcceptCommand.class,
      ProgramCommand.class,
      KeyCommand.class,
      DiffCommand.class,
      AuditCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      StatusCommand.class,
      NotifyCommand.class,
      ServeCommand.class,
      UserCommand.class,
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
    withHelp(cli);
    cli.registerConverter(LocalDate.class, new Dates());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      PrintWriter err = line.getErr();
      String command = line.getCommandName();
      err.println("citewatch " + command + ": " + describe(e));
      if (e instanceof UsageError) {
        return ExitCodes.USAGE;
      }
      if (LogLevel.verbose()) {
        e.printStackTrace(err);
      }
      // run's 1 means "new alerts", which a cron job or systemd unit counts as success
      return command.equals("run") ? ExitCodes.RUN_FAILED : ExitCodes.FAILURE;
    });
    return cli;
  }

  /** {@code COMMAND --help} (and {@code -h}) on every command and subcommand, as on the top one. */
  private static void withHelp(CommandLine line) {
    for (CommandLine sub : line.getSubcommands().values()) {
      if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      withHelp(sub);
    }
  }

  /** What went wrong, for a person: the JDK's messages for file errors are often just the path. */
  static String describe(Exception e) {
    if (e instanceof FileSystemException f) {
      // FileAlreadyExistsException: citewatch never creates files exclusively, only directories
      String reason = f instanceof AccessDeniedException ? "permission denied"
          : f instanceof NoSuchFileException ? "no such file or directory"
          : f instanceof FileAlreadyExistsException ? "exists and is not a directory"
          : f instanceof NotDirectoryException ? "not a directory"
          : f.getReason() != null ? f.getReason().toLowerCase(Locale.ROOT) : f.getClass().getSimpleName();
      return (f.getFile() == null ? "" : f.getFile() + ": ") + reason
          + (f.getOtherFile() == null ? "" : " (" + f.getOtherFile() + ")");
    }
    Throwable cause = e.getCause();
    if (cause instanceof Exception wrapped && (e.getMessage() == null || e.getMessage().equals(cause.toString()))) {
      return describe(wrapped);
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
