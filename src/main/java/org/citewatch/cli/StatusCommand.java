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

@Command(name = "status", description = "The last run (time, exit code, counts), the next scheduled run, open alerts by severity.")
final class StatusCommand implements Callable<Integer> {

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "for monitoring systems")
  boolean json;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    Event.RunFinished last = JournalReader.last(common.store.resolve(Store.JOURNAL), Event.RunFinished.class)
        .map(entry -> (Event.RunFinished) entry.event()).orElse(null);
    Optional<String> head = JournalReader.head(common.store.resolve(Store.JOURNAL));
    Optional<Heartbeat.State> daemon = Heartbeat.read(common.store);
    Instant now = clock.instant();
    boolean alive = daemon.map(d -> d.alive(now)).orElse(false);
    Optional<Instant> next = daemon.filter(d -> alive).flatMap(Heartbeat.State::nextRun);
    if (json) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      if (last == null) {
        root.putNull("last_run");
      } else {
        root.putObject("last_run").put("id", last.id()).put("started", last.started().toString())
            .put("finished", last.finished().toString()).put("exit_code", last.exitCode())
            .set("sources", Json.MAPPER.valueToTree(last.sources()));
      }
      root.put("next_run", next.map(Instant::toString).orElse(null));
      ObjectNode d = root.putObject("daemon");
      d.put("running", alive);
      daemon.ifPresent(s -> d.put("pid", s.pid()).put("heartbeat", s.beat().toString()).put("schedule", s.schedule())
          .put("timezone", s.timezone()));
      root.set("open_alerts", Json.MAPPER.valueToTree(last == null ? Map.of() : new TreeMap<>(last.openAlerts())));
      root.put("journal_head", head.orElse(null));
      root.put("notifications_pending", last == null ? 0 : last.outboxPending());
      spec.commandLine().getOut().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
      return ExitCodes.OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (last == null) {
      out.println("last run: none yet in " + common.store);
    } else {
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
    head.ifPresent(h -> out.println("journal head: " + h + " (keep a copy; citewatch audit --expect-head " + h
        + " tells if the journal loses it)"));
    if (alive) {
      Heartbeat.State s = daemon.get();
      out.printf(Locale.ROOT, "next run: %s (daemon pid %d, schedule \"%s\" %s, heartbeat %ds ago)%n",
          next.map(Instant::toString).orElse("not scheduled"), s.pid(), s.schedule(), s.timezone(),
          Duration.between(s.beat(), now).toSeconds());
    } else {
      out.println("next run: no daemon running" + daemon.map(s -> " (last heartbeat " + s.beat() + ")").orElse("")
          + "; under cron, see the crontab");
    }
    return ExitCodes.OK;
  }
}
