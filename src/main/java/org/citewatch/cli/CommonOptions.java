package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.config.Problem;
import org.citewatch.config.Values;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Source;
import org.citewatch.schedule.Heartbeat;
import org.citewatch.schedule.Pipeline;
import org.citewatch.store.Records;
import org.citewatch.store.Store;
import org.citewatch.store.StoreBusyException;
import org.mapdb.DBException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command takes. */
final class CommonOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  CommonOptions() {
    // each command starts from the default levels; -v and --quiet below change them
    LogLevel.set(false, false);
  }

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

  /** Seals what this command journals when sources.yaml names a signing key (a missing sources.yaml: no seal). */
  void seal(Store store) throws IOException {
    if (Files.isRegularFile(config)) {
      try {
        seal(store, new ConfigLoader().load(config));
      } catch (ConfigException e) {
        // a broken sources.yaml is check-config's to report; an acknowledgement need not wait for it
      }
    }
  }

  void seal(Store store, Config loaded) throws IOException {
    Optional<KeyPair> key = Pipeline.signingKey(loaded, System.getenv());
    if (key.isPresent()) {
      store.sealWith(key.get());
    }
  }

  /** sources.yaml, or empty once every problem in it has been printed (the command then exits 2). */
  Optional<Config> loadConfig(PrintWriter err) throws IOException {
    try {
      Config loaded = new ConfigLoader().load(config);
      // on standard error, which cron mails even under --quiet: a notifier that will fail tonight
      loaded.warnings().forEach(w -> err.println("warning: " + w));
      return Optional.of(loaded);
    } catch (ConfigException e) {
      for (Problem problem : e.problems()) {
        err.println(problem);
      }
      err.printf(Locale.ROOT, "%s: %d problem(s); nothing was run%n", config, e.problems().size());
      return Optional.empty();
    }
  }

  /**
   * Why an id has no records in the store, when sources.yaml can tell: it is a program's id, or no
   * source in sources.yaml has it (a typo). Empty when sources.yaml names it or cannot be read.
   */
  Optional<String> whyNoSource(String id) {
    try {
      return whyNoSource(new ConfigLoader().load(config), id);
    } catch (ConfigException | IOException e) {
      return Optional.empty();
    }
  }

  /** "; did you mean xk-mpb-temporary-residence?", or nothing when no id is close. */
  static String didYouMean(String id, List<String> known) {
    return Values.nearest(id, known).map(n -> "; did you mean " + n + "?").orElse("");
  }

  static Optional<String> whyNoSource(Config loaded, String id) {
    if (loaded.source(id).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(loaded.program(id)
        .map(program -> "'" + id + "' is a program, not a source; its sources: "
            + program.claims().stream().map(Claim::sourceId).distinct().collect(Collectors.joining(", ")))
        .orElse("no source '" + id + "' in " + loaded.file() + didYouMean(id, loaded.sources().stream()
            .map(Source::id).toList())));
  }

  /**
   * For the commands that read a store: a --store where citewatch never opened one is a typo or the
   * wrong directory, and answering "no open alerts" or "audit OK" from it would mislead.
   */
  void requireStore() {
    // a daemon writes its heartbeat before its first run opens the store
    if (!Store.exists(store) && !Files.isRegularFile(store.resolve(Heartbeat.FILE))) {
      throw new UsageError("no store at " + store + " (no " + Store.JOURNAL + " there); pass --store DIR, "
          + "or run citewatch run first");
    }
  }

  /** For run and daemon: --store and --report-dir must be directories, or not exist yet. */
  void requireDirectories() {
    if (Files.exists(store) && !Files.isDirectory(store)) {
      throw new UsageError("cannot use " + store + " as the store: it is not a directory");
    }
    if (Files.exists(reportDir) && !Files.isDirectory(reportDir)) {
      throw new UsageError("cannot use " + reportDir + " for reports: it is not a directory");
    }
  }

  /** A read command's work on the store's records, written to {@code out}; returns its exit code. */
  @FunctionalInterface
  interface Reading {
    int read(Records records, PrintWriter out) throws IOException;
  }

  /**
   * Runs a read command on the store's records and prints what it wrote once the store is closed:
   * a pager left open on the output must not hold the store's lock, which the nightly run waits for.
   */
  int readRecords(Reading reading) throws IOException {
    StringWriter text = new StringWriter();
    int exit;
    try (Records records = Records.open(store)) {
      exit = reading.read(records, new PrintWriter(text));
    }
    PrintWriter out = mixee.commandLine().getOut();
    out.print(text);
    out.flush();
    return exit;
  }

  /**
   * The store, for writing. With {@code wait}, queues behind a run that holds it, and says so on
   * standard error (not under --quiet, where cron would mail it): a run over many polite hosts can
   * hold it for minutes.
   */
  Store openStore(boolean wait) throws IOException {
    try {
      try {
        return Store.open(store, false);
      } catch (StoreBusyException e) {
        if (!wait) {
          throw e;
        }
        if (!quiet) {
          PrintWriter err = mixee.commandLine().getErr();
          err.println("citewatch " + mixee.name() + ": " + e.getMessage() + "; waiting for it to finish");
          err.flush();
        }
        return Store.open(store, true);
      }
    } catch (DBException.FileLocked e) {
      throw new StoreBusyException(store
          + " is in use by another citewatch process (index.db is locked); wait for it to finish");
    }
  }
}
