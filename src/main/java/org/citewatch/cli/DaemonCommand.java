package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.citewatch.config.ConfigException;
import org.citewatch.config.Problem;
import org.citewatch.model.Digests;
import org.citewatch.model.ExitCodes;
import org.citewatch.schedule.Daemon;
import org.citewatch.web.Users;
import org.citewatch.web.WebApp;
import org.quartz.SchedulerException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "daemon",
    description = {"Stays up and runs on settings.schedule (and each source's own schedule) with Quartz.",
    "No two runs overlap; SIGTERM or Ctrl-C finishes the source in hand and exits 0."})
final class DaemonCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--http", paramLabel = "PORT", description = "also serve the review pages on 127.0.0.1:PORT, as "
      + "citewatch serve does")
  Integer http;

  @Override
  public Integer call() throws IOException, InterruptedException {
    common.requireDirectories();
    Digests.prepare();
    PrintWriter out = spec.commandLine().getOut();
    Daemon daemon = new Daemon(common.config, common.store, common.reportDir, Clock.systemUTC(), System.getenv());
    CountDownLatch stop = new CountDownLatch(1);
    if (!Signals.on(stop::countDown, "TERM", "INT")) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(daemon), "citewatch-shutdown"));
    }
    try {
      daemon.start();
    } catch (ConfigException e) {
      e.problems().stream().map(Problem::toString).forEach(spec.commandLine().getErr()::println);
      spec.commandLine().getErr().println("citewatch daemon: " + common.config + " is broken; not started");
      return ExitCodes.USAGE;
    } catch (SchedulerException e) {
      spec.commandLine().getErr().println("citewatch daemon: the scheduler could not start: " + e.getMessage());
      return ExitCodes.FAILURE;
    }
    return serve(daemon, stop, out);
  }

  /** Serves the review pages if asked, and waits for SIGTERM or Ctrl-C; the daemon is started. */
  private int serve(Daemon daemon, CountDownLatch stop, PrintWriter out) throws IOException, InterruptedException {
    Optional<WebApp> web = Optional.empty();
    if (http != null) {
      if (new Users(common.store).all().isEmpty()) {
        spec.commandLine().getErr().println("citewatch daemon: --http needs a user to log in; add one first: "
            + "citewatch user add NAME --role maintainer --password-stdin --store " + common.store);
        stopQuietly(daemon);
        return ExitCodes.USAGE;
      }
      web = Optional.of(WebApp.start(common.store, common.config, "127.0.0.1", http, Clock.systemUTC()));
      out.println("citewatch daemon: serving the review pages on http://127.0.0.1:" + web.get().port() + "/");
    }
    if (!common.quiet) {
      out.println("citewatch daemon: running as pid " + ProcessHandle.current().pid() + "; citewatch status says "
          + "when it runs next; SIGTERM or Ctrl-C stops it");
      out.flush();
    }
    stop.await();
    if (!common.quiet) {
      out.println("citewatch daemon: stopping after the source in hand");
      out.flush();
    }
    web.ifPresent(WebApp::close);
    stopQuietly(daemon);
    return ExitCodes.OK;
  }

  private static void stopQuietly(Daemon daemon) {
    try {
      daemon.stop();
    } catch (SchedulerException e) {
      LoggerFactory.getLogger(DaemonCommand.class).warn("stopping the scheduler: {}", e.getMessage());
    }
  }
}
