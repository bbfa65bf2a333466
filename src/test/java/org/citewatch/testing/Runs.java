package org.citewatch.testing;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import org.citewatch.config.ConfigLoader;
import org.citewatch.model.Config;
import org.citewatch.model.RunSummary;
import org.citewatch.schedule.Pipeline;
import org.citewatch.schedule.Progress;
import org.citewatch.store.Store;

/**
 * One pass of the pipeline as {@code citewatch run} makes it, in a test's directory: the store in
 * {@code snapshots/}, the reports in {@code reports/}.
 */
public final class Runs {

  private Runs() {}

  /** sources.yaml given as text, read as if it were {@code dir/sources.yaml}. */
  public static Config config(Path dir, String yaml) throws Exception {
    return new ConfigLoader().parse(dir.resolve("sources.yaml"), new StringReader(yaml));
  }

  public static RunSummary run(Path dir, String yaml) throws Exception {
    return run(dir, config(dir, yaml));
  }

  public static RunSummary run(Path dir, Config config) throws Exception {
    try (Store store = Store.open(dir.resolve("snapshots"))) {
      return new Pipeline(config, store, dir.resolve("reports"), Clock.systemUTC(), Progress.SILENT).run(config.sources());
    }
  }
}
