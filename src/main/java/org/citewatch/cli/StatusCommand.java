package org.citewatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.citewatch.model.ExitCodes;
import org.citewatch.schedule.Heartbeat;
import org.citewatch.store.Event;
import org.citewatch.store.JournalReader;
import org.citewatch.store.Json;
import org.citewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status",
    description = "The last run (time, exit code, counts), the next scheduled run, open alerts by severity.")
final class StatusCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "for monitoring systems")
  boolean json;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    Optional<Event.RunFinished> last = JournalReader.last(common.store.resolve(Store.JOURNAL),
        Event.RunFinished.class).map(entry -> (Event.RunFinished) entry.event());
    Optional<String> head = JournalReader.head(common.store.resolve(Store.JOURNAL));
    Optional<Heartbeat.State> daemon = Heartbeat.read(common.store);
    Instant now = clock.instant();
    Optional<Heartbeat.State> alive = daemon.filter(d -> d.alive(now));
    if (json) {
      spec.commandLine().getOut().println(Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsString(new Status(last, head, daemon, alive.isPresent()).json()));
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    last.ifPresentOrElse(run -> printRun(run, out), () -> out.println("last run: none yet in " + common.store));
    head.ifPresent(h -> out.println("journal head: " + h + " (keep a copy; citewatch audit --expect-head " + h
        + " tells if the journal loses it)"));
    if (alive.isPresent()) {
      Heartbeat.State s = alive.get();
      out.printf(Locale.ROOT, "next run: %s (daemon pid %d, schedule \"%s\" %s, heartbeat %ds ago)%n",
          s.nextRun().map(Instant::toString).orElse("not scheduled"), s.pid(), s.schedule(), s.timezone(),
          Duration.between(s.beat(), now).toSeconds());
    } else {
      out.println("next run: no daemon running" + daemon.map(s -> " (last heartbeat " + s.beat() + ")").orElse("")
          + "; under cron, see the crontab");
    }
    return ExitCodes.OK;
  }

  private static void printRun(Event.RunFinished last, PrintWriter out) {
    out.printf(Locale.ROOT, "last run: %s, finished %s, exit %d: %d checked, %d changed, %d unchanged, %d failed%n",
        last.id(), last.finished(), last.exitCode(), last.sources().checked(), last.sources().changed(),
        last.sources().unchanged(), last.sources().failed());
    Map<String, Long> open = last.openAlerts();
    out.printf(Locale.ROOT, "open alerts: %d critical, %d warning, %d info (as of that run)%n",
        open.getOrDefault("critical", 0L), open.getOrDefault("warning", 0L), open.getOrDefault("info", 0L));
    int pending = last.outboxPending();
    if (pending > 0) {
      out.printf(Locale.ROOT, "notifications pending: %d (a notifier failed or a run was cut short; the next run "
          + "sends them again)%n", pending);
    }
  }

  /** What status tells: the last run, the journal's head, the daemon's heartbeat and whether it is alive. */
  private record Status(Optional<Event.RunFinished> last, Optional<String> head, Optional<Heartbeat.State> daemon,
      boolean alive) {

    /** {@code status --json}, for monitoring systems. */
    ObjectNode json() {
      ObjectNode root = Json.MAPPER.createObjectNode();
      last.ifPresentOrElse(run -> root.putObject("last_run").put("id", run.id())
          .put("started", run.started().toString()).put("finished", run.finished().toString())
          .put("exit_code", run.exitCode()).set("sources", Json.MAPPER.valueToTree(run.sources())),
          () -> root.putNull("last_run"));
      root.put("next_run", daemon.filter(d -> alive).flatMap(Heartbeat.State::nextRun).map(Instant::toString)
          .orElse(null));
      ObjectNode d = root.putObject("daemon");
      d.put("running", alive);
      daemon.ifPresent(s -> d.put("pid", s.pid()).put("heartbeat", s.beat().toString())
          .put("schedule", s.schedule()).put("timezone", s.timezone()));
      root.set("open_alerts", Json.MAPPER.valueToTree(last.map(run -> new TreeMap<>(run.openAlerts()))
          .orElse(new TreeMap<>())));
      root.put("journal_head", head.orElse(null));
      root.put("notifications_pending", last.map(Event.RunFinished::outboxPending).orElse(0));
      return root;
    }
  }
}
