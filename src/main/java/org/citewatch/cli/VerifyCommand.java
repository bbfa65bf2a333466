package org.citewatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.citewatch.config.Problem;
import org.citewatch.model.Alert;
import org.citewatch.model.Attribution;
import org.citewatch.model.Config;
import org.citewatch.model.ExitCodes;
import org.citewatch.model.Figure;
import org.citewatch.model.Program;
import org.citewatch.report.Reports;
import org.citewatch.schedule.OfficialWording;
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
      Optional<Optional<OfficialWording.Proposal>> accepted = acceptOfficialWording(config, program.get(), out, err);
      if (accepted.isEmpty()) {
        return ExitCodes.FAILURE;
      }
      if (accepted.get().isPresent()) {
        config = accepted.get().get().config();
        program = config.program(programId);
        formerFigures.putAll(accepted.get().get().formerFigures());
      }
    }
    return record(config, program.get(), day, formerFigures, out);
  }

  private int record(Config config, Program program, LocalDate day, Map<String, Figure> formerFigures,
      PrintWriter out) throws IOException {
    try (Store store = common.openStore(true)) {
      common.seal(store, config);
      Verification verification = new Verification(config, store, clock);
      Verification.Outcome outcome = verification.verify(program, day, Attribution.of(by, clock.instant(), note),
          formerFigures);
      out.println("verified " + programId + " on " + day + " by " + by + "; resolved " + outcome.resolved().size()
          + " alert(s)");
      outcome.resolved().forEach(read -> out.println("  resolved: " + line(read)));
      outcome.stillOpen().forEach(still -> out.println("  still open: " + line(still)));
      printFixes(verification.fixes(program), out);
      long onSitePage = outcome.stillOpen().stream().filter(a -> a.kind().aboutSitePage()).count();
      if (onSitePage > 0) {
        out.println(onSitePage + " alert(s) on the site's page stay open until it shows what the official source "
            + "says; the next run checks it again");
      }
      return ExitCodes.OK;
    }
  }

  private static String line(Alert alert) {
    return alert.id() + " " + alert.kind() + " " + alert.claim().or(alert::source).orElse("") + ": "
        + alert.message();
  }

  /** What sources.yaml must say for the claim alerts still open to resolve, and the command that writes it. */
  private void printFixes(List<Verification.Fix> fixes, PrintWriter out) throws IOException {
    if (fixes.isEmpty()) {
      return;
    }
    out.println(fixes.size()
        + " claim alert(s) stay open until sources.yaml says what the official page says now:");
    String yaml = Files.readString(common.config, StandardCharsets.UTF_8);
    fixes.forEach(fix -> out.println(describe(fix, yaml)));
    if (fixes.stream().anyMatch(Verification.Fix::automatic)) {
      out.println("  to write the official wording into " + common.config + ": citewatch verify " + programId
          + " --accept" + commonArguments());
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

  /**
   * The fixes citewatch can make, shown as a diff of sources.yaml and written once confirmed: the
   * proposal written (empty when there was nothing to write), or empty when nothing may be verified.
   */
  private Optional<Optional<OfficialWording.Proposal>> acceptOfficialWording(Config config, Program program,
      PrintWriter out, PrintWriter err) throws IOException {
    Optional<OfficialWording.Proposal> proposal;
    try (Store store = common.openStore(true)) {
      proposal = OfficialWording.propose(config, program, store, clock);
    } catch (ConfigException e) {
      err.println("citewatch verify: the rewritten " + common.config
          + " would not be valid, so it was left as it was:");
      e.problems().stream().map(Problem::toString).forEach(err::println);
      return Optional.empty();
    }
    if (proposal.isEmpty()) {
      out.println("nothing to accept: no open claim alert of " + program.id() + " has current official wording "
          + "citewatch can write for it");
      return Optional.of(Optional.empty());
    }
    out.println(proposal.get().diff());
    if (!yes && !confirmed(out)) {
      err.println("citewatch verify: " + common.config + " left as it was; nothing verified");
      return Optional.empty();
    }
    proposal.get().write();
    out.printf(Locale.ROOT, "wrote %d change(s) to %s%n", proposal.get().edits().size(), common.config);
    return Optional.of(proposal);
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
    return Reports.commandOptions(common.config, common.store);
  }
}
