package org.citewatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.model.ExitCodes;
import org.citewatch.store.Exporter;
import org.citewatch.store.Wacz;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export",
    description = "One WARC file with the chosen sources' records (all sources if none named), for an auditor.")
final class ExportCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--warc", paramLabel = "FILE", description = "the WARC file to write: .warc.gz compressed, .warc not")
  Path warc;

  @Option(names = "--wacz", paramLabel = "FILE", description = "a WACZ package instead, which ReplayWeb.page opens")
  Path wacz;

  @Option(names = "--since", paramLabel = "DATE", description = "only checks from this day on (YYYY-MM-DD, UTC)")
  LocalDate since;

  @Parameters(arity = "0..*", paramLabel = "SOURCE")
  List<String> sources = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    if ((warc == null) == (wacz == null)) {
      spec.commandLine().getErr().println("citewatch export: give --warc FILE or --wacz FILE (one of them)");
      return ExitCodes.USAGE;
    }
    Exporter.Selection selection = new Exporter.Selection(new LinkedHashSet<>(sources),
        Optional.ofNullable(since).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant()));
    if (wacz != null) {
      Exporter.Exported exported = new Wacz(common.store).write(wacz, selection);
      spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d record groups, %,d bytes of original records%n",
          wacz, exported.records(), exported.bytes());
      return ExitCodes.OK;
    }
    if (Exporter.gzipped(warc).isEmpty()) {
      spec.commandLine().getErr().println("citewatch export: " + warc
          + ": name the file .warc.gz (compressed) or .warc "
          + "(not compressed)");
      return ExitCodes.USAGE;
    }
    Exporter.Exported exported = new Exporter(common.store).export(warc, selection);
    spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d record groups, %,d bytes of original records%n",
        warc, exported.records(), exported.bytes());
    return ExitCodes.OK;
  }
}
