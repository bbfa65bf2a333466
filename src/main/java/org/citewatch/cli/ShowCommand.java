package org.citewatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.model.Block;
import org.citewatch.model.ExitCodes;
import org.citewatch.store.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show",
    description = {"The extracted text of a snapshot, or with --raw the body exactly as the server sent it.",
    "With --at DATE, the capture of a source that was in force that day."})
final class ShowCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SNAPSHOT",
      description = {"a snapshot id (or its first 6 or more characters), as history shows;",
      "with --at, a source id"})
  String id;

  @Option(names = "--at", paramLabel = "DATE",
      description = "the source's capture in force at the end of DATE (UTC): what the page said that day")
  LocalDate at;

  @Option(names = "--raw", description = "the body as received (gzip content-encoding undone), byte for byte")
  boolean raw;

  /** Where --raw writes bytes; standard output, replaced in tests. */
  OutputStream rawOut = System.out;

  private byte[] rawBody = new byte[0];

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    int exit = common.readRecords(this::call);
    if (rawBody.length > 0) {
      rawOut.write(rawBody);
      rawOut.flush();
    }
    return exit;
  }

  private int call(Records records, PrintWriter out) throws IOException {
    if (at != null) {
      Optional<Records.SnapshotEntry> inForce = records.inForceOn(id, at);
      if (inForce.isEmpty()) {
        spec.commandLine().getErr().println("citewatch show: " + common.whyNoSource(id)
            .orElse("no capture of '" + id + "' on or before " + at + " in " + common.store));
        return ExitCodes.FAILURE;
      }
      return show(records, inForce.get(), out);
    }
    Optional<Records.SnapshotEntry> snapshot = records.snapshot(id);
    if (snapshot.isEmpty()) {
      List<Records.SnapshotEntry> ofSource = records.snapshots(id);
      spec.commandLine().getErr().println(ofSource.isEmpty()
          ? "citewatch show: no snapshot '" + id + "' in " + common.store
              + " (ids are in citewatch history SOURCE; a prefix must be 6+ characters and unique)"
          : "citewatch show: '" + id + "' is a source; its latest snapshot is "
              + ofSource.get(ofSource.size() - 1).id() + "; show " + id + " --at DATE gives the one in force on a day,"
              + " and citewatch history " + id + " lists them all");
      return ExitCodes.FAILURE;
    }
    return show(records, snapshot.get(), out);
  }

  private int show(Records records, Records.SnapshotEntry s, PrintWriter out) throws IOException {
    if (raw) {
      rawBody = records.rawBody(s);
      return ExitCodes.OK;
    }
    out.println("# snapshot " + s.id() + " of " + s.source() + ", captured " + s.captured() + " from " + s.url());
    for (Block block : records.blocks(s)) {
      out.println(DiffCommand.render(block));
    }
    return ExitCodes.OK;
  }
}
