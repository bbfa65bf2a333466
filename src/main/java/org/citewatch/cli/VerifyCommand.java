package org.citewatch.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.config.ClaimEdits;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.config.Problem;
import org.citewatch.model.Alert;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Figure;
import org.citewatch.model.Program;
import org.citewatch.schedule.Verification;
import org.citewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", description = {"Records that a maintainer re-verified a program against its sources.",
    "Resets its staleness, re-baselines its claims on the current snapshots, and counts its sources'",
    "changes as read. Says, for each claim alert that stays open, what sources.yaml must say now;",
    "--accept writes that into sources.yaml (after showing the diff) and then verifies."})
final class VerifyCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PROGRAM", description = "a program id from sources.yaml")
  String programId;

  @Option(names = "--date", paramLabel = "DATE", description = "the day it was verified (default: today, UTC)")
  LocalDate date;

  @Option(names = "--note", paramLabel = "TEXT", description = "what was checked")
  String note;

  @Option(names = "--by", paramLabel = "NAME", description = "who verified (default: ${DEFAULT-VALUE})")
  String by = System.getProperty("user.name", "unknown");

  @Option(names = "--accept", description = "rewrite the claims' quote: and figure: in sources.yaml to the official "
      + "page's current wording (every other byte of the file stays), then verify")
  boolean accept;

  @Option(names = "--yes", description = "with --accept: write without asking")
  boolean yes;

  Clock clock = Clock.systemUTC();
  InputStream in = System.in;

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    Optional<Config> loaded = common.loadConfig(err);
    if (loaded.isEmpty()) {
      return ExitCodes.USAGE;
    }
    Config config = loaded.get();
    Optional<Program> program = config.program(programId);
    if (program.isEmpty()) {
      err.println("citewatch verify: no program '" + programId + "' in " + common.config + CommonOptions.didYouMean(
          programId, config.programs().stream().map(Program::id).toList()));
      return ExitCodes.USAGE;
    }
    LocalDate day = date != null ? date : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (day.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
      err.println("citewatch verify: " + day + " is in the future");
      return ExitCodes.USAGE;
    }
    Map<String, Figure> formerFigures = new HashMap<>();
    if (accept) {
      Program before = program.get();
      Optional<Config> rewritten = acceptOfficialWording(config, before, out, err);
      if (rewritten.isEmpty()) {
        return ExitCodes.FAILURE;
      }
      config = rewritten.get();
      program = config.program(programId);
      for (Claim claim : before.claims()) {
        Optional<Figure> now = program.get().claims().stream().filter(c -> c.id().equals(claim.id())).findFirst()
            .flatMap(Claim::figure);
        claim.figure().filter(f -> now.isPresent() && !now.get().equals(f)).ifPresent(f -> formerFigures.put(claim.id(), f));
      }
    }
    try (Store store = common.openStore(true)) {
      common.seal(store, config);
      Verification verification = new Verification(config, store, clock);
      Verification.Outcome outcome = verification.verify(program.get(), day, by, Optional.ofNullable(note), formerFigures);
      out.println("verified " + programId + " on " + day + " by " + by + "; resolved " + outcome.resolved().size()
          + " alert(s)");
      for (Alert read : outcome.resolved()) {
        out.println("  resolved: " + read.id() + " " + read.kind() + " " + read.claim().or(read::source).orElse("")
            + ": " + read.message());
      }
      for (Alert still : outcome.stillOpen()) {
        out.println("  still open: " + still.id() + " " + still.kind() + " " + still.claim().or(still::source).orElse("")
            + ": " + still.message());
      }
      List<Verification.Fix> fixes = verification.fixes(program.get());
      if (!fixes.isEmpty()) {
        out.println(fixes.size() + " claim alert(s) stay open until sources.yaml says what the official page says now:");
        String yaml = Files.readString(common.config, StandardCharsets.UTF_8);
        fixes.forEach(fix -> out.println(describe(fix, yaml)));
        if (fixes.stream().anyMatch(Verification.Fix::automatic)) {
          out.println("  to write the official wording into " + common.config + ": citewatch verify " + programId
              + " --accept" + commonArguments());
        }
      }
      return ExitCodes.OK;
    }
  }

  /** "  claim fee (sources.yaml:42): quote: → “…”; figure: → 120 Euro (the official page now states 120 EUR)". */
  private String describe(Verification.Fix fix, String yaml) {
    String where = ClaimEdits.locate(yaml, programId, fix.claim().id(), "quote")
        .map(p -> common.config.getFileName() + ":" + p.line()).orElse(common.config.getFileName().toString());
    StringBuilder line = new StringBuilder("  claim " + fix.claim().id() + " (" + where + "): ");
    List<String> changes = new ArrayList<>();
    fix.quote().ifPresent(q -> changes.add("quote: \u201C" + q + "\u201D"));
    fix.figure().ifPresent(f -> changes.add("figure: " + f));
    line.append(changes.isEmpty() ? "by hand" : String.join("; ", changes)).append(" (").append(fix.why()).append(")");
    return line.toString();
  }

  /** The fixes citewatch can make, shown as a diff of sources.yaml, written once confirmed; the new config. */
  private Optional<Config> acceptOfficialWording(Config config, Program program, PrintWriter out, PrintWriter err)
      throws IOException {
    List<Verification.Fix> fixes;
    try (Store store = common.openStore(true)) {
      fixes = new Verification(config, store, clock).fixes(program);
    }
    List<ClaimEdits.Edit> edits = new ArrayList<>();
    for (Verification.Fix fix : fixes) {
      fix.quote().ifPresent(q -> edits.add(new ClaimEdits.Edit(program.id(), fix.claim().id(), "quote", q)));
      fix.figure().ifPresent(f -> edits.add(new ClaimEdits.Edit(program.id(), fix.claim().id(), "figure", f)));
    }
    if (edits.isEmpty()) {
      out.println("nothing to accept: no open claim alert of " + program.id() + " has current official wording "
          + "citewatch can write for it");
      return Optional.of(config);
    }
    Path file = common.config;
    String before = Files.readString(file, StandardCharsets.UTF_8);
    String after = ClaimEdits.apply(before, edits);
    Config checked;
    try {
      checked = new ConfigLoader().parse(file, new StringReader(after));
    } catch (ConfigException e) {
      err.println("citewatch verify: the rewritten " + file + " would not be valid, so it was left as it was:");
      e.problems().stream().map(Problem::toString).forEach(err::println);
      return Optional.empty();
    }
    out.println(String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(file.toString(), file.toString(),
        before.lines().toList(), DiffUtils.diff(before.lines().toList(), after.lines().toList()), 1)));
    if (!yes && !confirmed(out)) {
      err.println("citewatch verify: " + file + " left as it was; nothing verified");
      return Optional.empty();
    }
    Path temp = file.resolveSibling(file.getFileName() + ".citewatch-tmp");
    Files.writeString(temp, after, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    out.printf(Locale.ROOT, "wrote %d change(s) to %s%n", edits.size(), file);
    return Optional.of(checked);
  }

  private boolean confirmed(PrintWriter out) throws IOException {
    out.print("write these changes to " + common.config + "? [y/N] ");
    out.flush();
    String answer = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    if (System.console() == null) {
      // an answer from a pipe is not echoed: end the question's line
      out.println();
    }
    return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
  }

  /** The --config/--store the user gave, so that a printed command works as shown. */
  private String commonArguments() {
    return (common.config.toString().equals("sources.yaml") ? "" : " --config " + common.config)
        + (common.store.toString().equals("snapshots") ? "" : " --store " + common.store);
  }
}
