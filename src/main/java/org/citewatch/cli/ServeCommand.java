package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.citewatch.model.ExitCodes;
import org.citewatch.web.Users;
import org.citewatch.web.WebApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", description = {"Serves the review pages over the store: open alerts, each alert with its "
    + "evidence and notes, programs, sources, runs; maintainers acknowledge and verify there.",
    "Runs beside the daemon or cron: it reads the journal, and takes the store's lock only to write. "
        + "Users: citewatch user add NAME --role maintainer --password-stdin."})
final class ServeCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "default: ${DEFAULT-VALUE}; 0 picks a free one")
  int port = 8080;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = {"default: ${DEFAULT-VALUE} (this machine only: put "
      + "a reverse proxy with TLS in front to serve others)"})
  String bind = "127.0.0.1";

  @Override
  public Integer call() throws IOException, InterruptedException {
    common.requireStore();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65_535) {
      err.println("citewatch serve: --port " + port + " is not a port; give 0 to 65535");
      return ExitCodes.USAGE;
    }
    if (new Users(common.store).all().isEmpty()) {
      err.println("citewatch serve: no users yet, so nobody could log in; add one first: citewatch user add NAME "
          + "--role maintainer --password-stdin --store " + common.store);
      return ExitCodes.USAGE;
    }
    WebApp app;
    try {
      app = WebApp.start(common.store, common.config, bind, port, Clock.systemUTC());
    } catch (RuntimeException e) {
      err.println("citewatch serve: cannot listen on " + bind + ":" + port + ": " + CitewatchCommand.describe(e));
      return ExitCodes.FAILURE;
    }
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    spec.commandLine().getOut().printf(Locale.ROOT, "serving %s on http://%s:%d/ (Ctrl-C to stop)%n",
        common.store, host, app.port());
    spec.commandLine().getOut().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "serve-stop"));
    stopped.await();
    return ExitCodes.OK;
  }
}
