package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.compare.BlockDiff;
import org.citewatch.compare.Change;
import org.citewatch.model.Block;
import org.citewatch.model.ExitCodes;
import org.citewatch.store.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff",
    description = {"The blocks that differ between two snapshots of a source (default: the last two).",
    "FROM and TO are snapshot ids or dates (YYYY-MM-DD: the capture in force that day)."})
final class DiffCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SOURCE")
  String source;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FROM")
  String from;

  @Parameters(index = "2", arity = "0..1", paramLabel = "TO")
  String to;

  @Option(names = "--at", paramLabel = "DATE", description = "compare the capture in force on DATE with the latest")
  LocalDate at;

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    return common.readRecords(this::call);
  }

  private int call(Records records, PrintWriter out) throws IOException {
    List<Records.SnapshotEntry> all = records.snapshots(source);
    if (all.isEmpty()) {
      spec.commandLine().getErr().println("citewatch diff: " + common.whyNoSource(source)
          .orElse("no snapshots of '" + source + "' in " + common.store));
      return ExitCodes.FAILURE;
    }
    Optional<Records.SnapshotEntry> older;
    Optional<Records.SnapshotEntry> newer;
    if (at != null) {
      older = records.inForceOn(source, at);
      newer = Optional.of(all.get(all.size() - 1));
    } else if (from != null) {
      older = resolve(records, from);
      newer = to == null ? Optional.of(all.get(all.size() - 1)) : resolve(records, to);
    } else {
      older = Optional.of(all.get(Math.max(0, all.size() - 2)));
      newer = Optional.of(all.get(all.size() - 1));
    }
    if (older.isEmpty() || newer.isEmpty()) {
      spec.commandLine().getErr().println("citewatch diff: no snapshot of '" + source + "' matches "
          + (older.isEmpty() ? (at != null ? at.toString() : from) : to) + "; see citewatch history " + source);
      return ExitCodes.FAILURE;
    }
    out.println("--- " + older.get().id() + " " + older.get().captured());
    out.println("+++ " + newer.get().id() + " " + newer.get().captured());
    List<Block> before = records.blocks(older.get());
    List<Block> after = records.blocks(newer.get());
    List<Change> changes = BlockDiff.between(before, after);
    for (Change change : changes) {
      out.printf(Locale.ROOT, "@@ block %d → %d @@%n", change.beforeIndex() + 1, change.afterIndex() + 1);
      change.before().forEach(line -> out.println("- " + TerminalText.safe(line)));
      change.after().forEach(line -> out.println("+ " + TerminalText.safe(line)));
    }
    if (changes.isEmpty()) {
      out.println("(no difference in the extracted text)");
    }
    return ExitCodes.OK;
  }

  private Optional<Records.SnapshotEntry> resolve(Records records, String ref) throws IOException {
    try {
      return records.inForceOn(source, LocalDate.parse(ref));
    } catch (DateTimeParseException notADate) {
      return records.snapshot(ref).filter(s -> s.source().equals(source));
    }
  }

  /** A block as a terminal line, its text made safe for the terminal. */
  static String render(Block block) {
    String text = TerminalText.safe(block.text());
    return switch (block.kind()) {
      case HEADING -> "## " + text;
      case ITEM -> "- " + text;
      case ROW -> "| " + text + " |";
      case PARAGRAPH -> text;
    };
  }
}
