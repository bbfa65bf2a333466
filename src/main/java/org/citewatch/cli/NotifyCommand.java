package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.model.Config;
import org.citewatch.model.ExitCodes;
import org.citewatch.report.Notifications;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "notify", description = {"Sends one test message through every notifier in settings.notify and says "
    + "what each did: set up a webhook or SMTP once, and know before the night's run that alerts will arrive.",
    "Exit 0 when every notifier accepted it, 1 when one failed, 2 for a broken sources.yaml."})
final class NotifyCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--test", required = true, description = "send the test message (the only thing notify does)")
  boolean test;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    Optional<Config> loaded = common.loadConfig(spec.commandLine().getErr());
    if (loaded.isEmpty()) {
      return ExitCodes.USAGE;
    }
    PrintWriter out = spec.commandLine().getOut();
    int notifiers = loaded.get().settings().notifiers().size();
    if (notifiers == 0) {
      spec.commandLine().getErr().println("citewatch notify: " + common.config + " has no settings.notify; add a "
          + "{webhook: URL} or {email: {to: ADDRESS, smtp: URL}} (see README)");
      return ExitCodes.USAGE;
    }
    Notifications notifications = new Notifications(loaded.get(), System.getenv());
    String id = "test-" + clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Notifications.Delivery delivery = notifications.test(id);
    for (int i = 0; i < notifiers; i++) {
      if (delivery.delivered().contains(i)) {
        out.printf(Locale.ROOT, "ok      %s%n", notifications.name(i));
      }
    }
    delivery.failures().forEach(f -> out.printf(Locale.ROOT, "FAILED  %s%n", f));
    out.printf(Locale.ROOT, "%d of %d notifier(s) accepted the test message (notification id %s)%n",
        delivery.delivered().size(), notifiers, id);
    return delivery.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
