package org.citewatch.schedule;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.tsp.TimeStampRequest;
import org.citewatch.alert.AlertBook;
import org.citewatch.alert.Scope;
import org.citewatch.config.EnvironmentValues;
import org.citewatch.evaluate.Evaluator;
import org.citewatch.evaluate.OfficialChanges;
import org.citewatch.evaluate.PageCheck;
import org.citewatch.extract.Extractor;
import org.citewatch.fetch.Fetcher;
import org.citewatch.fetch.HostLanes;
import org.citewatch.fetch.TimestampClient;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Config;
import org.citewatch.model.ExitCodes;
import org.citewatch.model.Finding;
import org.citewatch.model.Program;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Settings;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.citewatch.report.Reports;
import org.citewatch.schedule.SourceCheck.SourceRun;
import org.citewatch.store.Check;
import org.citewatch.store.Event;
import org.citewatch.store.Repair;
import org.citewatch.store.Seals;
import org.citewatch.store.Store;
import org.citewatch.store.Timestamps;
import org.citewatch.text.PageDates;
import org.slf4j.LoggerFactory;

/**
 * One pass over the sources: fetch, extract, store, compare, evaluate, alert, report. Wires stages
 * only: each source's check is a {@link SourceCheck}, what a run keeps while it runs a {@link RunState}.
 */
public final class Pipeline {

  private final Config config;
  private final Store store;
  private final Path reportDir;
  private final Clock clock;
  private final Progress progress;
  private final Extractor extractor = new Extractor();
  private final Evaluator evaluator;
  private final Map<String, String> env;
  private final Function<Settings, Fetcher> fetchers;

  public Pipeline(Config config, Store store, Path reportDir, Clock clock, Progress progress) {
    this(config, store, reportDir, clock, progress, settings -> new Fetcher(settings, clock));
  }

  /** With a fetcher of the caller's making, for tests against a TLS server with its own certificate. */
  public Pipeline(Config config, Store store, Path reportDir, Clock clock, Progress progress,
      Function<Settings, Fetcher> fetchers) {
    this(config, store, reportDir, clock, progress, fetchers, System.getenv());
  }

  /** @param env where {@code ${NAME}} in notifier settings is read from */
  public Pipeline(Config config, Store store, Path reportDir, Clock clock, Progress progress,
      Function<Settings, Fetcher> fetchers, Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.fetchers = fetchers;
    this.config = config;
    this.store = store;
    this.reportDir = reportDir;
    this.clock = clock;
    this.progress = progress;
    this.evaluator = new Evaluator(clock);
  }

  /**
   * The key settings.signing_key names, {@code ${VAR}} read from the environment, as a key pair;
   * empty when none is set.
   */
  public static Optional<KeyPair> signingKey(Config config, Map<String, String> env) throws IOException {
    if (config.settings().signingKey().isEmpty()) {
      return Optional.empty();
    }
    try {
      Path file = Path.of(EnvironmentValues.resolve(config.settings().signingKey().get(), env));
      return Optional.of(Seals.readPair(file));
    } catch (EnvironmentValues.Missing e) {
      throw new IOException("settings.signing_key: " + e.getMessage());
    }
  }

  public RunSummary run(List<Source> sources) throws IOException {
    return run(sources, List.of(), () -> false);
  }

  /**
   * @param extra findings from outside the pipeline (a broken sources.yaml the daemon re-read)
   * @param stop asked before each source: once true (SIGTERM), the source in hand is finished and
   *     recorded, the rest wait for the next run, and the run is closed normally
   */
  public RunSummary run(List<Source> sources, List<Finding> extra, BooleanSupplier stop)
      throws IOException {
    RunState run = start(sources);
    List<SourceRun> results = checkAll(run, sources, stop);
    List<Repair> repairs = store.pendingRepairs();
    List<Finding> findings = findings(results, extra, repairs);
    Instant now = clock.instant();
    AlertBook.Outcome outcome = new AlertBook(store.alerts()).apply(findings, scope(results), now);
    Outgoing outgoing = new Outgoing(config, store, clock, env);
    // queued before the alerts are journaled: a kill in between must not leave alerts the next run
    // takes for old, and so never tells anyone of
    outgoing.queue(run.id(), outcome.raised(), now);
    store.alerts(outcome.raised(), outcome.updated(), outcome.resolved(), outcome.active(), now);
    progress.alertsJournaled();
    store.repairsTold(repairs);
    return finish(run, results, outcome, outgoing, now);
  }

  private RunState start(List<Source> sources) throws IOException {
    Instant started = clock.instant();
    Optional<KeyPair> key = signingKey(config, env);
    if (key.isPresent()) {
      store.sealWith(key.get());
    }
    String runId = started.truncatedTo(ChronoUnit.SECONDS) + "-" + UUID.randomUUID().toString().substring(0, 8);
    store.runStarted(runId, started, sources.stream().map(Source::id).toList());
    return RunState.start(runId, started, store.anchors());
  }

  /** Every source checked, in lanes per host; the results in the order of {@code sources}. */
  private List<SourceRun> checkAll(RunState run, List<Source> sources, BooleanSupplier stop) throws IOException {
    SourceCheck check = new SourceCheck(config, store, clock, extractor, evaluator, run);
    List<SourceRun> results = Collections.synchronizedList(new ArrayList<>());
    try (Fetcher fetcher = fetchers.apply(config.settings())) {
      new HostLanes(config.settings(), fetcher).forEach(sources, source -> {
        SourceRun result = check.check(fetcher, source);
        // Logged only once the check's journal line is on disk: a line here is a promise kept.
        LoggerFactory.getLogger(Pipeline.class).info("checked {}: {}", source.id(), result.outcome().label());
        synchronized (results) {
          results.add(result);
          progress.checked(results.size(), sources.size(), source.id(), result.outcome().label());
        }
      }, stop);
    }
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      order.put(sources.get(i).id(), i);
    }
    results.sort(Comparator.comparingInt(r -> order.get(r.source().id())));
    return results;
  }

  /** What the run found: the sources' findings, then the site pages', the programs', the daemon's and the store's. */
  private List<Finding> findings(List<SourceRun> results, List<Finding> extra, List<Repair> repairs)
      throws IOException {
    List<Finding> findings = new ArrayList<>();
    results.forEach(r -> findings.addAll(r.findings()));
    for (SourceRun result : results) {
      if (result.page().isPresent()) {
        findings.addAll(pageFindings(result.source(), result.page().get(), findings));
      }
    }
    findings.addAll(evaluator.programs(config, store.verifiedOn()));
    findings.addAll(extra);
    for (Repair repair : repairs) {
      findings.add(Finding.forCitewatch(AlertKind.STORE_REPAIRED, "the store " + repair + "; audit lists every "
          + "repair, and the cut bytes were never journaled as evidence").withDiscriminator(repair.place()));
    }
    return findings;
  }

  /** Which alerts this run can judge: the sources it checked, those it read, and what sources.yaml still names. */
  private Scope scope(List<SourceRun> results) {
    return new Scope(
        results.stream().map(r -> r.source().id()).collect(Collectors.toSet()),
        results.stream().filter(SourceRun::evaluated).map(r -> r.source().id()).collect(Collectors.toSet()),
        Stream.concat(config.sources().stream().map(Source::id), config.programs().stream().map(Program::id))
            .collect(Collectors.toSet()));
  }

  /** Sends what is queued, journals the run's end, has its head time-stamped and writes the reports. */
  private RunSummary finish(RunState run, List<SourceRun> results, AlertBook.Outcome outcome, Outgoing outgoing,
      Instant now) throws IOException {
    int failed = count(results, Check.Outcome.FAILED) + count(results, Check.Outcome.DEGRADED);
    RunSummary summary = new RunSummary(run.id(), run.started(), clock.instant(),
        ExitCodes.ofRun(outcome.raised().size(), failed), results.size(),
        count(results, Check.Outcome.CHANGED) + count(results, Check.Outcome.NEW),
        count(results, Check.Outcome.UNCHANGED), failed, count(results, Check.Outcome.NEW));
    Set<String> newIds = outcome.raised().stream().map(Alert::id).collect(Collectors.toSet());
    Map<String, String> tiers = run.sortedTiers();
    Reports.Notified notified = outgoing.sendPending(summary);
    store.runFinished(Event.RunFinished.of(summary, newIds, now, outcome.active(), notified.pending(), tiers),
        summary.finished());
    config.settings().timestampAuthority().ifPresent(this::timestamp);
    Reports.write(reportDir, Reports.Contents.of(config, summary, outcome.active(), store.dir())
        .raised(newIds, tiers).journaled(store.head(), notified));
    return summary;
  }

  /**
   * Has the time-stamp authority stamp the journal's head, the run's seal; an authority that does
   * not answer costs the stamp, never the run, and says so on standard error (cron mails it).
   */
  private void timestamp(URI authority) {
    String[] head = store.head().split(":", 2);
    try {
      TimeStampRequest request = Timestamps.request(head[1]);
      byte[] token = new TimestampClient(config.settings().timeout(), config.settings().userAgent())
          .stamp(authority, request);
      Timestamps.Stamp stamp = Timestamps.verify(token, head[1]);
      store.timestamped(new Event.Timestamped(Long.parseLong(head[0]), head[1], authority.toString(),
          stamp.genTime(), Base64.getEncoder().encodeToString(token)), clock.instant());
    } catch (IOException e) {
      LoggerFactory.getLogger(Pipeline.class).error("settings.timestamp_authority {}: no time-stamp for journal "
          + "head {}: {}; the head stays sealed but not time-stamped (the next run's stamp covers it too)",
          authority, store.head(), e.getMessage());
    }
  }

  private static int count(List<SourceRun> results, Check.Outcome outcome) {
    return (int) results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** Whitespace only, as String.isBlank would say of the bytes read as Latin-1, without copying a page to ask. */
  static boolean isBlank(byte[] body) {
    return SourceCheck.isBlank(body);
  }

  /**
   * What the site's page for a program shows that the official sources no longer say: checked
   * against this run's claim findings, and the open claim alerts of sources this run did not read.
   */
  private List<Finding> pageFindings(Source pageSource, Snapshot page, List<Finding> findings) {
    Program program = config.pageOf(pageSource.id()).orElseThrow();
    LocalDate recorded = Optional.ofNullable(store.verifiedOn().get(program.id()))
        .filter(d -> d.isAfter(program.lastVerified())).orElse(program.lastVerified());
    List<PageDates.Stated> times = List.of();
    try {
      times = extractor.statedDates(pageSource, store.exchange(page));
    } catch (IOException e) {
      LoggerFactory.getLogger(Pipeline.class).warn("{}: the page's <time> dates could not be read back ({})",
          pageSource.id(), e.getMessage());
    }
    PageCheck.Context context = new PageCheck.Context(program, OfficialChanges.of(program, known(program, findings)),
        store.formerFigures(program.id()), recorded, times);
    return PageCheck.check(page.text(), context);
  }

  /** This run's findings, and the program's open claim alerts this run did not raise again. */
  private List<Finding> known(Program program, List<Finding> findings) {
    List<Finding> known = new ArrayList<>(findings);
    Set<String> raisedNow = new HashSet<>();
    findings.forEach(f -> f.claim().ifPresent(raisedNow::add));
    for (Alert alert : store.alerts().values()) {
      if (alert.isActive() && alert.program().equals(Optional.of(program.id())) && alert.claim().isPresent()
          && !raisedNow.contains(alert.claim().get())) {
        known.add(Finding.of(alert));
      }
    }
    return known;
  }

  /** Alerts currently open or acknowledged, for commands that read without running. */
  public static List<Alert> active(Store store) {
    return store.alerts().values().stream().filter(Alert::isActive).toList();
  }
}
