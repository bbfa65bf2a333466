package org.citewatch.cli;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.evaluate.QuoteLocator;
import org.citewatch.model.Config;
import org.citewatch.model.ExitCodes;
import org.citewatch.model.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "check-config", description = "Validates sources.yaml and says what is wrong, where.")
final class CheckConfigCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Optional<Config> loaded = common.loadConfig(spec.commandLine().getErr());
    if (loaded.isEmpty()) {
      return ExitCodes.USAGE;
    }
    Config config = loaded.get();
    int claims = config.programs().stream().mapToInt(p -> p.claims().size()).sum();
    long pages = config.programs().stream().filter(p -> p.page().isPresent()).count();
    spec.commandLine().getOut().printf(Locale.ROOT, "%s: OK (%d sources, %d programs%s, %d claims)%n",
        common.config, config.sources().size() - pages, config.programs().size(),
        pages == 0 ? "" : " (" + pages + " with its site page)", claims);
    for (Program program : config.programs()) {
      program.claims().stream().filter(c -> c.quote().isEmpty()).forEach(c ->
          spec.commandLine().getOut().printf(Locale.ROOT, "  note: %s.%s %s%n", program.id(), c.id(),
              c.figure().map(f -> "states " + f + " with no quote yet; it is reported as UNSOURCED_FIGURE")
                  .orElse("has no quote yet; there is nothing to check until one is added")));
    }
    for (Program program : config.programs()) {
      program.claims().stream().filter(c -> c.quote().map(q -> !QuoteLocator.unwrapped(q).equals(q)).orElse(false))
          .forEach(c -> spec.commandLine().getOut().printf(Locale.ROOT, "  warning: %s.%s: the quote is wrapped in "
              + "quotation marks (%s), which YAML keeps as part of it; citewatch matches without them, but write it as "
              + "quote: \"...\" with the official wording only%n", program.id(), c.id(), c.quote().get().strip()));
    }
    return ExitCodes.OK;
  }
}
