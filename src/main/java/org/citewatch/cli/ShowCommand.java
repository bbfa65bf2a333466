package org.citewatch.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.model.Block;
import org.citewatch.store.Records;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", description = "The extracted text of a snapshot, or with --raw the body exactly as the server sent it.")
final class ShowCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SNAPSHOT", description = "a snapshot id (or its first 6 or more characters), as history shows")
  String id;

  @Option(names = "--raw", description = "the body as received (gzip content-encoding undone), byte for byte")
  boolean raw;

  /** Where --raw writes bytes; standard output, replaced in tests. */
  OutputStream rawOut = System.out;

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    Records records = new Records(common.store);
    Optional<Records.SnapshotEntry> snapshot = records.snapshot(id);
    if (snapshot.isEmpty()) {
      List<Records.SnapshotEntry> ofSource = records.snapshots(id);
      spec.commandLine().getErr().println(ofSource.isEmpty()
          ? "citewatch show: no snapshot '" + id + "' in " + common.store
              + " (ids are in citewatch history SOURCE; a prefix must be 6+ characters and unique)"
          : "citewatch show: '" + id + "' is a source; its latest snapshot is "
              + ofSource.get(ofSource.size() - 1).id() + " (citewatch show " + ofSource.get(ofSource.size() - 1).id()
              + "; all of them: citewatch history " + id + ")");
      return ExitCodes.FAILURE;
    }
    if (raw) {
      rawOut.write(records.rawBody(snapshot.get()));
      rawOut.flush();
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    Records.SnapshotEntry s = snapshot.get();
    out.println("# snapshot " + s.id() + " of " + s.source() + ", captured " + s.captured() + " from " + s.url());
    for (Block block : records.blocks(s)) {
      out.println(DiffCommand.render(block));
    }
    return ExitCodes.OK;
  }
}
