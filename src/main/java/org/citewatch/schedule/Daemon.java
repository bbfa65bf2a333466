package org.citewatch.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.config.Problem;
import org.citewatch.fetch.Fetcher;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Config;
import org.citewatch.model.Finding;
import org.citewatch.model.Source;
import org.citewatch.store.Event;
import org.citewatch.store.JournalReader;
import org.citewatch.store.Store;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code citewatch daemon}: Quartz runs the pipeline on {@code settings.schedule} (in {@code
 * settings.timezone}) for the sources without a schedule of their own, and on each source's own
 * {@code schedule:} for the rest. Runs never overlap: jobs disallow concurrent execution and every
 * run takes the store's lock. sources.yaml is read again before each run; a broken edit keeps the
 * last good config running and raises CONFIG_ERROR. A run missed while the daemon was down is
 * made up once on start, as the journal tells, never once per missed night.
 */
public final class Daemon {

  static final String ALL = "all";
  private static final String SOURCE_PREFIX = "source:";
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final Path configFile;
  private final Path storeDir;
  private final Path reportDir;
  private final Clock clock;
  private final Map<String, String> env;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Instant started;
  private volatile Config config;
  private Scheduler scheduler;
  private ScheduledExecutorService heart;

  public Daemon(Path configFile, Path storeDir, Path reportDir, Clock clock, Map<String, String> env) {
    this.configFile = configFile;
    this.storeDir = storeDir;
    this.reportDir = reportDir;
    this.clock = clock;
    this.env = Map.copyOf(env);
    this.started = clock.instant();
  }

  /** Loads the config (a broken one stops the start: there is no good one yet), schedules, catches up. */
  public void start() throws IOException, ConfigException, SchedulerException {
    config = new ConfigLoader().load(configFile);
    config.warnings().forEach(w -> log.warn("{}", w));
    Properties props = new Properties();
    props.setProperty("org.quartz.scheduler.instanceName", "citewatch");
    props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    props.setProperty("org.quartz.threadPool.threadCount", "4");
    props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    scheduler = new StdSchedulerFactory(props).getScheduler();
    scheduler.setJobFactory((bundle, s) -> new RunJob(this));
    schedule(config);
    scheduler.start();
    heart = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "citewatch-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heart.scheduleAtFixedRate(this::beat, 0, Heartbeat.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    catchUp();
  }

  /** Asks the run in hand to stop after its current source, waits for it, and says so in daemon.json. */
  public void stop() throws SchedulerException {
    stopping.set(true);
    if (scheduler != null) {
      scheduler.shutdown(true);
    }
    if (heart != null) {
      heart.shutdownNow();
    }
    writeHeartbeat(false);
  }

  /** A Quartz job: one run of a group of sources. Two runs of one job never overlap. */
  @DisallowConcurrentExecution
  public static final class RunJob implements Job {
    private final Daemon daemon;

    RunJob(Daemon daemon) {
      this.daemon = daemon;
    }

    @Override
    public void execute(JobExecutionContext context) {
      daemon.runGroup(context.getJobDetail().getKey().getName(), context.getMergedJobDataMap().getBoolean("spread"));
    }
  }

  private void schedule(Config config) throws SchedulerException {
    scheduler.clear();
    addJob(ALL, config.settings().schedule());
    for (Source source : config.sources()) {
      if (source.schedule().isPresent()) {
        addJob(SOURCE_PREFIX + source.id(), source.schedule().get());
      }
    }
  }

  private void addJob(String group, String cron) throws SchedulerException {
    TimeZone zone = TimeZone.getTimeZone(config.settings().timezone());
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(group)
        .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(zone).withMisfireHandlingInstructionDoNothing())
        .usingJobData("spread", !group.equals(ALL))
        .build();
    scheduler.scheduleJob(JobBuilder.newJob(RunJob.class).withIdentity(group).build(), trigger);
  }

  void runGroup(String group, boolean spread) {
    if (stopping.get()) {
      return;
    }
    List<Finding> extra = new ArrayList<>();
    reload().ifPresent(extra::add);
    Config current = config;
    List<Source> sources = sourcesOf(current, group);
    if (sources.isEmpty() && !group.equals(ALL)) {
      return;
    }
    if (spread && !sleepJitter(current.settings().jitter())) {
      return;
    }
    try (Store store = Store.open(storeDir, true)) {
      new Pipeline(current, store, reportDir, clock, Progress.SILENT, s -> new Fetcher(s, clock), env)
          .run(sources, extra, stopping::get);
    } catch (IOException | RuntimeException e) {
      log.error("run of {} failed: {}", group, e.getMessage(), e);
    }
    writeHeartbeat(true);
  }

  /** Reads sources.yaml again; a broken one leaves the last good one in force and becomes a finding. */
  private Optional<Finding> reload() {
    try {
      Config fresh = new ConfigLoader().load(configFile);
      fresh.warnings().forEach(w -> log.warn("{}", w));
      boolean reschedule = !schedules(fresh).equals(schedules(config))
          || !fresh.settings().timezone().equals(config.settings().timezone());
      config = fresh;
      if (reschedule) {
        schedule(fresh);
      }
      return Optional.empty();
    } catch (ConfigException e) {
      List<String> lines = e.problems().stream().map(Problem::toString).toList();
      log.warn("{} is broken; running the last good config:\n{}", configFile, String.join("\n", lines));
      return Optional.of(Finding.forCitewatch(AlertKind.CONFIG_ERROR, "sources.yaml could not be read again; the "
          + "daemon keeps running the last good config: " + String.join("; ", lines)));
    } catch (IOException | SchedulerException e) {
      log.warn("{} could not be read again ({}); running the last good config", configFile, e.getMessage());
      return Optional.empty();
    }
  }

  private static Map<String, String> schedules(Config config) {
    Map<String, String> all = new HashMap<>();
    all.put(ALL, config.settings().schedule());
    config.sources().forEach(s -> s.schedule().ifPresent(c -> all.put(SOURCE_PREFIX + s.id(), c)));
    return all;
  }

  static List<Source> sourcesOf(Config config, String group) {
    if (group.equals(ALL)) {
      return config.sources().stream().filter(s -> s.schedule().isEmpty()).toList();
    }
    String id = group.substring(SOURCE_PREFIX.length());
    return config.sources().stream().filter(s -> s.id().equals(id)).toList();
  }

  /**
   * A group whose last scheduled time passed with no run since (the daemon was down) runs once now,
   * spread by the jitter. The journal says when each source was last run, not memory.
   */
  private void catchUp() throws IOException, SchedulerException {
    Map<String, Instant> lastRun = lastRunPerSource();
    for (Map.Entry<String, String> group : schedules(config).entrySet()) {
      Optional<Instant> last = sourcesOf(config, group.getKey()).stream().map(s -> lastRun.get(s.id()))
          .filter(Objects::nonNull).max(Instant::compareTo);
      if (last.isEmpty()) {
        continue;
      }
      try {
        CronExpression cron = new CronExpression(group.getValue());
        cron.setTimeZone(TimeZone.getTimeZone(config.settings().timezone()));
        Date due = cron.getNextValidTimeAfter(Date.from(last.get()));
        if (due != null && due.toInstant().isBefore(clock.instant())) {
          log.info("{}: the run due at {} was missed while the daemon was down; running it once now", group.getKey(),
              due.toInstant());
          JobDataMap data = new JobDataMap();
          data.put("spread", true);
          scheduler.triggerJob(JobKey.jobKey(group.getKey()), data);
        }
      } catch (ParseException e) {
        throw new IllegalStateException("a schedule that config accepted no longer parses: " + group.getValue(), e);
      }
    }
  }

  private Map<String, Instant> lastRunPerSource() throws IOException {
    Map<String, Instant> last = new HashMap<>();
    JournalReader.forEach(storeDir.resolve(Store.JOURNAL), Event.RunStarted.class, line -> line
        .event(Event.RunStarted.class).get().sources().forEach(s -> last.put(s, line.entry().get().time())));
    return last;
  }

  private boolean sleepJitter(Duration jitter) {
    if (jitter.isZero()) {
      return true;
    }
    long millis = ThreadLocalRandom.current().nextLong(jitter.toMillis() + 1);
    long until = System.nanoTime() + Duration.ofMillis(millis).toNanos();
    while (System.nanoTime() < until) {
      if (stopping.get()) {
        return false;
      }
      try {
        Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void beat() {
    writeHeartbeat(!stopping.get());
  }

  private synchronized void writeHeartbeat(boolean running) {
    try {
      Optional<Instant> next = Optional.empty();
      if (scheduler != null && running) {
        for (String group : schedules(config).keySet()) {
          Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(group));
          if (trigger != null && trigger.getNextFireTime() != null) {
            Instant at = trigger.getNextFireTime().toInstant();
            next = next.isEmpty() || at.isBefore(next.get()) ? Optional.of(at) : next;
          }
        }
      }
      Heartbeat.write(storeDir, new Heartbeat.State(ProcessHandle.current().pid(), started, clock.instant(), next,
          config.settings().schedule(), config.settings().timezone().getId(), running));
    } catch (IOException | SchedulerException e) {
      log.warn("could not write {}: {}", storeDir.resolve(Heartbeat.FILE), e.getMessage());
    }
  }
}
