package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.config.Problem;
import org.citewatch.model.Config;
import org.citewatch.store.Store;
import org.citewatch.store.StoreBusyException;
import org.mapdb.DBException;
import picocli.CommandLine.Option;

/** The options every command takes. */
final class CommonOptions {

  @Option(names = "--config", paramLabel = "FILE", description = "sources file (default: ${DEFAULT-VALUE})")
  Path config = Path.of("sources.yaml");

  @Option(names = "--store", paramLabel = "DIR", description = "snapshot store (default: ${DEFAULT-VALUE})")
  Path store = Path.of("snapshots");

  @Option(names = "--report-dir", paramLabel = "DIR", description = "where reports go (default: ${DEFAULT-VALUE})")
  Path reportDir = Path.of("reports");

  @Option(names = {"-v", "--verbose"}, description = "say more: each fetch, and stack traces of errors")
  void verbose(boolean on) {
    verbose = on;
    LogLevel.set(verbose, quiet);
  }

  @Option(names = {"-q", "--quiet"}, description = "print only errors (for cron)")
  void quiet(boolean on) {
    quiet = on;
    LogLevel.set(verbose, quiet);
  }

  boolean verbose;
  boolean quiet;

  /** sources.yaml, or empty once every problem in it has been printed (the command then exits 2). */
  Optional<Config> loadConfig(PrintWriter err) throws IOException {
    try {
      return Optional.of(new ConfigLoader().load(config));
    } catch (ConfigException e) {
      for (Problem problem : e.problems()) {
        err.println(problem);
      }
      err.printf(java.util.Locale.ROOT, "%s: %d problem(s); nothing was run%n", config, e.problems().size());
      return Optional.empty();
    }
  }

  Store openStore() throws IOException {
    return openStore(false);
  }

  Store openStore(boolean wait) throws IOException {
    try {
      return Store.open(store, wait);
    } catch (DBException.FileLocked e) {
      throw new StoreBusyException(store + " is in use by another citewatch process (index.db is locked); wait for it to finish");
    }
  }
}
