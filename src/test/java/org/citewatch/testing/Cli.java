package org.citewatch.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.cli.CitewatchCommand;

/** The citewatch command line run through picocli, as a user types it, with its exit code and output. */
public final class Cli {

  public record Result(int exit, String out, String err) {}

  private Cli() {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = CitewatchCommand.commandLine(args).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** A command against one config, store and report directory, given after the command's own arguments. */
  public static Result run(Path config, Path store, Path reports, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--config", config.toString(), "--store", store.toString(), "--report-dir", reports.toString()));
    return run(all.toArray(String[]::new));
  }
}
