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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.tsp.TimeStampRequest;
import org.citewatch.alert.AlertBook;
import org.citewatch.alert.Scope;
import org.citewatch.compare.BlockDiff;
import org.citewatch.compare.Change;
import org.citewatch.config.EnvironmentValues;
import org.citewatch.evaluate.Evaluator;
import org.citewatch.evaluate.OfficialChanges;
import org.citewatch.evaluate.PageCheck;
import org.citewatch.evaluate.PageGuard;
import org.citewatch.extract.Extraction;
import org.citewatch.extract.Extractor;
import org.citewatch.extract.UnreadableContent;
import org.citewatch.fetch.BotChallenge;
import org.citewatch.fetch.Exchange;
import org.citewatch.fetch.FetchResult;
import org.citewatch.fetch.Fetcher;
import org.citewatch.fetch.HostLanes;
import org.citewatch.fetch.TimestampClient;
import org.citewatch.fetch.Validators;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Anchor;
import org.citewatch.model.Config;
import org.citewatch.model.Digests;
import org.citewatch.model.Evidence;
import org.citewatch.model.Finding;
import org.citewatch.model.Program;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Settings;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.citewatch.report.AlertView;
import org.citewatch.report.Notifications;
import org.citewatch.report.Reports;
import org.citewatch.store.Check;
import org.citewatch.store.Event;
import org.citewatch.store.Outbox;
import org.citewatch.store.Repair;
import org.citewatch.store.Seals;
import org.citewatch.store.SourceState;
import org.citewatch.store.Store;
import org.citewatch.store.Timestamps;
import org.citewatch.store.WarcRef;
import org.citewatch.text.PageDates;
import org.slf4j.LoggerFactory;

/** One pass over the sources: fetch, extract, store, compare, evaluate, alert, report. Wires stages only. */
public final class Pipeline {

  /** Exit codes of {@code citewatch run}, which a cron job reads. */
  public static final int NOTHING_NEW = 0;
  public static final int NEW_ALERTS = 1;
  public static final int SOURCES_FAILED = 4;

  private final Config config;
  private final Store store;
  private final Path reportDir;
  private final Clock clock;
  private final Progress progress;
  private final Extractor extractor = new Extractor();
  private final Evaluator evaluator;
  private final PageGuard guard;
  private final Map<String, String> env;
  private Map<String, Anchor> anchors = Map.of();
  private final Map<String, String> tiers = new ConcurrentHashMap<>();
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
    this.guard = new PageGuard(config.settings().maxShrinkPercent());
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

  /** What one source gave this run. */
  /** What one source gave this run; a program's site page also gives its text, read once every source is in. */
  private record SourceRun(Source source, Check.Outcome outcome, List<Finding> findings, boolean evaluated,
      Optional<Snapshot> page) {
    SourceRun(Source source, Check.Outcome outcome, List<Finding> findings, boolean evaluated) {
      this(source, outcome, findings, evaluated, Optional.empty());
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
    Instant started = clock.instant();
    Optional<KeyPair> key = signingKey(config, env);
    if (key.isPresent()) {
      store.sealWith(key.get());
    }
    String runId = started.truncatedTo(ChronoUnit.SECONDS) + "-" + UUID.randomUUID().toString().substring(0, 8);
    store.runStarted(runId, started, sources.stream().map(Source::id).toList());
    anchors = store.anchors();
    List<SourceRun> results = Collections.synchronizedList(new ArrayList<>());
    try (Fetcher fetcher = fetchers.apply(config.settings())) {
      new HostLanes(config.settings(), fetcher).forEach(sources, source -> {
        SourceRun result = check(fetcher, source);
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
    List<Finding> findings = new ArrayList<>();
    results.forEach(r -> findings.addAll(r.findings()));
    for (SourceRun result : results) {
      if (result.page().isPresent()) {
        findings.addAll(pageFindings(result.source(), result.page().get(), findings));
      }
    }
    findings.addAll(evaluator.programs(config, store.verifiedOn()));
    findings.addAll(extra);
    List<Repair> repairs = store.pendingRepairs();
    for (Repair repair : repairs) {
      findings.add(Finding.forCitewatch(AlertKind.STORE_REPAIRED, "the store " + repair + "; audit lists every repair, "
          + "and the cut bytes were never journaled as evidence").withDiscriminator(repair.place()));
    }

    Scope scope = new Scope(
        results.stream().map(r -> r.source().id()).collect(Collectors.toSet()),
        results.stream().filter(SourceRun::evaluated).map(r -> r.source().id()).collect(Collectors.toSet()),
        Stream.concat(config.sources().stream().map(Source::id), config.programs().stream().map(Program::id))
            .collect(Collectors.toSet()));
    Instant now = clock.instant();
    AlertBook.Outcome outcome = new AlertBook(store.alerts()).apply(findings, scope, now);
    // queued before the alerts are journaled: a kill in between must not leave alerts the next run
    // takes for old, and so never tells anyone of
    queueNotification(runId, outcome.raised(), now);
    store.alerts(outcome.raised(), outcome.updated(), outcome.resolved(), outcome.active(), now);
    progress.alertsJournaled();
    store.repairsTold(repairs);

    int failed = count(results, Check.Outcome.FAILED) + count(results, Check.Outcome.DEGRADED);
    int exit = (outcome.raised().isEmpty() ? NOTHING_NEW : NEW_ALERTS) | (failed > 0 ? SOURCES_FAILED : 0);
    RunSummary summary = new RunSummary(runId, started, clock.instant(), exit, results.size(),
        count(results, Check.Outcome.CHANGED) + count(results, Check.Outcome.NEW),
        count(results, Check.Outcome.UNCHANGED), failed, count(results, Check.Outcome.NEW));
    Set<String> newIds = new HashSet<>();
    outcome.raised().forEach(a -> newIds.add(a.id()));
    Map<String, Long> open = new LinkedHashMap<>();
    for (AlertKind.Severity severity : AlertKind.Severity.values()) {
      open.put(severity.name().toLowerCase(Locale.ROOT),
          outcome.active().stream().filter(a -> a.kind().severity() == severity).count());
    }
    Reports.Notified notified = notify(summary, now);
    store.runFinished(new Event.RunFinished(summary.id(), summary.started(), summary.finished(), summary.exitCode(),
        new Event.Counts(summary.checked(), summary.changed(), summary.unchanged(), summary.failed()),
        newIds.stream().sorted().toList(), Optional.of(now), open, outcome.active().stream().map(Alert::id).toList(),
        notified.pending(), new TreeMap<>(tiers)), summary.finished());
    config.settings().timestampAuthority().ifPresent(this::timestamp);
    Reports.write(reportDir, config, summary, outcome.active(), newIds, new TreeMap<>(tiers), Optional.of(store.head()),
        Optional.of(notified), store.dir());
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
      Timestamps.Stamp stamp = Timestamps.verify(token, head[1], Optional.empty());
      store.timestamped(new Event.Timestamped(Long.parseLong(head[0]), head[1], authority.toString(), stamp.genTime(),
          Base64.getEncoder().encodeToString(token)), clock.instant());
    } catch (IOException e) {
      LoggerFactory.getLogger(Pipeline.class).error("settings.timestamp_authority {}: no time-stamp for journal head {}: "
          + "{}; the head stays sealed but not time-stamped (the next run's stamp covers it too)", authority, store.head(),
          e.getMessage());
    }
  }

  /**
   * Queues this run's notification in the store's outbox, then sends every queued one, an earlier
   * run's that a kill or a failing notifier left included; returns how many are still pending.
   */
  private void queueNotification(String runId, List<Alert> raised, Instant now) throws IOException {
    int notifiers = config.settings().notifiers().size();
    if (!raised.isEmpty() && notifiers > 0) {
      Set<Integer> all = new TreeSet<>();
      for (int i = 0; i < notifiers; i++) {
        all.add(i);
      }
      store.queueNotification(new Outbox(runId, raised.stream().map(Alert::id).sorted().toList(), all), now);
    }
  }

  private Reports.Notified notify(RunSummary summary, Instant now) throws IOException {
    List<Outbox> pending = store.outbox();
    if (pending.isEmpty()) {
      return new Reports.Notified(0, List.of());
    }
    List<String> notifyFailures = new ArrayList<>();
    Map<String, Alert> known = new HashMap<>(store.alerts());
    Notifications notifications = new Notifications(config, env);
    int left = 0;
    for (Outbox queued : pending) {
      boolean missing = queued.alerts().stream().anyMatch(id -> !known.containsKey(id));
      if (missing) {
        known.putAll(store.resolvedAlerts());
      }
      List<Alert> alerts = queued.alerts().stream().map(known::get).filter(Objects::nonNull)
          .sorted(AlertView.ORDER).toList();
      if (alerts.isEmpty()) {
        // queued by a run killed before its alerts were journaled: that run's alerts are raised
        // again, and notified, by this one
        store.notificationSent(queued.id(), queued.remaining(), clock.instant());
        continue;
      }
      Notifications.Delivery delivery = notifications.send(queued.id(), summary, alerts, queued.remaining());
      Set<Integer> delivered = delivery.delivered();
      notifyFailures.addAll(delivery.failures());
      if (!delivered.isEmpty()) {
        store.notificationSent(queued.id(), delivered, clock.instant());
      }
      if (!delivered.containsAll(queued.remaining())) {
        left++;
      }
    }
    return new Reports.Notified(left, notifyFailures);
  }

  private static int count(List<SourceRun> results, Check.Outcome outcome) {
    return (int) results.stream().filter(r -> r.outcome() == outcome).count();
  }

  private SourceRun check(Fetcher fetcher, Source source) throws IOException {
    Optional<SourceState> state = store.state(source.id());
    Optional<Snapshot> stored = state.flatMap(SourceState::latest);
    boolean sameRules = stored.map(p -> p.rules() == null || p.rules().equals(source.rules())).orElse(true);
    Optional<Snapshot> previous = sameRules ? stored : stored.map(p -> reextracted(source, p));
    FetchResult result = fetcher.fetch(source, state.map(s -> new Validators(s.etag(), s.lastModified()))
        .orElse(Validators.none()));
    Instant at = result.started();
    Optional<Exchange> exchange = result.exchange();
    if (!result.hops().isEmpty()) {
      hopRecords.put(source.id(), store.redirects(result.hops(), at));
    }
    boolean samePayload = result.ok() && exchange.isPresent() && previous.isPresent()
        && (result.notModified() || exchange.get().payloadDigest().equals(previous.get().payloadDigest()));
    // changes a killed run captured but never told are told now, from the last reported baseline
    Optional<Snapshot> unreported = state.flatMap(SourceState::unreportedSince).map(u -> sameRules ? u : reextracted(source, u));
    if (samePayload && sameRules && result.moved().isEmpty()) {
      WarcRef revisit = store.revisit(exchange.get(), previous.get(), at, result.notModified());
      // a 304 has no body of its own: what the check saw is the baseline's payload
      Check unchanged = check(result, Check.Outcome.UNCHANGED, previous, Optional.of(revisit), Optional.empty())
          .withPayloadDigest(previous.get().payloadDigest());
      store.check(unchanged, state, Optional.empty(), exchange);
      List<Change> untold = unreported.isEmpty() ? List.of()
          : BlockDiff.between(store.withBlocks(unreported.get()).blocks(), store.withBlocks(previous.get()).blocks());
      return evaluated(source, Check.Outcome.UNCHANGED, previous.get(), untold);
    }
    if (!result.ok() || result.notModified()) {
      String why = result.failure().map(f -> f.message())
          .orElse("the server answered 304 Not Modified to a request that was not conditional");
      boolean truncated = result.truncated();
      Optional<WarcRef> evidence = exchange.isPresent() ? Optional.of(store.captureFailed(exchange.get(), at, truncated))
          : Optional.empty();
      return failed(source, state, result, evidence, why);
    }
    if (isBlank(exchange.get().decodedBody())) {
      return degraded(source, state, result, Optional.of(store.captureFailed(exchange.get(), at)),
          "the server answered HTTP " + exchange.get().status() + " with an empty body");
    }
    Extraction extraction;
    try {
      extraction = extractor.extract(source, exchange.get());
    } catch (UnreadableContent e) {
      return degraded(source, state, result, Optional.of(store.captureFailed(exchange.get(), at)), e.getMessage());
    }
    String contentDigest = Digests.ofBlocks(extraction.blocks());
    // a page that reads exactly as its baseline, which was no challenge, is the page: only a page
    // that reads differently is searched for a challenge's markers
    boolean readsAsBefore = previous.map(p -> p.contentDigest().equals(contentDigest)).orElse(false);
    Optional<String> challenge = (readsAsBefore ? Optional.<String>empty()
        : BotChallenge.detectServed(exchange.get(), Snapshot.textLength(extraction.blocks())))
        .map(vendor -> "the server answered HTTP " + exchange.get().status() + " with a bot challenge (" + vendor
            + "), not the page; ask the site to let citewatch's user agent through");
    if (challenge.isPresent()) {
      return degraded(source, state, result, Optional.of(store.captureFailed(exchange.get(), at)), challenge.get());
    }
    Store.Captured captured = store.capture(source, exchange.get(), extraction, contentDigest, at);
    Snapshot snapshot = captured.snapshot();
    WarcRef record = captured.record();
    Optional<String> degraded = result.moved().or(() -> guard.notThePage(source, extraction, previous));
    if (degraded.isPresent()) {
      return degraded(source, state, result, Optional.of(record), degraded.get());
    }
    boolean changed = previous.map(p -> !p.contentDigest().equals(snapshot.contentDigest())).orElse(false);
    Check.Outcome outcome = previous.isEmpty() ? Check.Outcome.NEW : changed ? Check.Outcome.CHANGED : Check.Outcome.UNCHANGED;
    store.check(check(result, outcome, Optional.of(snapshot), Optional.of(record), Optional.empty()), state,
        Optional.of(snapshot),
        exchange);
    Optional<Snapshot> compareWith = unreported.or(() -> changed ? previous : Optional.empty());
    List<Change> changes = compareWith.isEmpty() ? List.of()
        : BlockDiff.between(store.withBlocks(compareWith.get()).blocks(), snapshot.blocks());
    return evaluated(source, outcome, snapshot, changes);
  }

  /** Whitespace only, as String.isBlank would say of the bytes read as Latin-1, without copying a page to ask. */
  static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (!(b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A baseline read again with the source's new select/ignore, so that editing them never raises
   * a change by itself. If the evidence cannot be read, the old blocks stay, and say so in the log.
   */
  private Snapshot reextracted(Source source, Snapshot baseline) {
    try {
      Extraction again = extractor.extract(source, store.exchange(baseline));
      return baseline.withBlocks(again.blocks(), Digests.ofBlocks(again.blocks()), again.selectorMatched(), source.rules());
    } catch (IOException | UnreadableContent e) {
      LoggerFactory.getLogger(Pipeline.class).warn("{}: the baseline {} could not be extracted again with the new "
          + "select/ignore ({}); comparing with it as it was", source.id(), baseline.id(), e.getMessage());
      return baseline;
    }
  }

  private SourceRun evaluated(Source source, Check.Outcome outcome, Snapshot snapshot, List<Change> changes)
      throws IOException {
    if (config.pageOf(source.id()).isPresent()) {
      // the site's own page is read against the official sources, once they are all in
      return new SourceRun(source, outcome, List.of(), true, Optional.of(store.withBlocks(snapshot)));
    }
    Snapshot read = Evaluator.hasQuotedClaims(config, source) ? store.withBlocks(snapshot) : snapshot;
    Evaluator.ClaimResults claims = evaluator.claims(config, source, read, anchors);
    if (!claims.anchors().isEmpty()) {
      store.anchors(claims.anchors(), clock.instant());
    }
    tiers.putAll(claims.tiers());
    List<Finding> findings = new ArrayList<>(claims.findings());
    evaluator.sourceChanged(config, source, snapshot, changes, findings).ifPresent(findings::add);
    return new SourceRun(source, outcome, findings, true);
  }

  private SourceRun failed(Source source, Optional<SourceState> state, FetchResult result, Optional<WarcRef> evidence,
      String why) throws IOException {
    return unchecked(source, state, result, evidence, why, Check.Outcome.FAILED, AlertKind.SOURCE_UNREACHABLE);
  }

  /** The previous good snapshot stays the baseline, and no claim is judged on a page that is not the page. */
  private SourceRun degraded(Source source, Optional<SourceState> state, FetchResult result, Optional<WarcRef> evidence,
      String why) throws IOException {
    return unchecked(source, state, result, evidence, why, Check.Outcome.DEGRADED, AlertKind.SOURCE_DEGRADED);
  }

  private SourceRun unchecked(Source source, Optional<SourceState> state, FetchResult result, Optional<WarcRef> evidence,
      String why,
      Check.Outcome outcome, AlertKind kind) throws IOException {
    store.check(check(result, outcome, Optional.empty(), evidence, Optional.of(why)), state, Optional.empty(),
        Optional.empty());
    Finding finding = Finding.forSource(kind, source.id(), config.programsCiting(source.id()),
        why + " (" + source.url() + ")", Evidence.none());
    return new SourceRun(source, outcome, List.of(finding), false);
  }

  private Check check(FetchResult result, Check.Outcome outcome, Optional<Snapshot> snapshot,
      Optional<WarcRef> record, Optional<String> error) {
    Optional<Exchange> exchange = result.exchange();
    return new Check(result.sourceId(), result.requested(),
        exchange.map(Exchange::url).filter(u -> !u.equals(result.requested())), result.started(),
        exchange.map(Exchange::status), result.attempts(), outcome, snapshot.map(Snapshot::id),
        exchange.map(Exchange::payloadDigest), snapshot.map(Snapshot::contentDigest), record, result.redirects(), error,
        Optional.ofNullable(hopRecords.remove(result.sourceId())).orElse(List.of()));
  }

  /** The redirect answers' records of the sources being checked, written before the final answer's; taken by their check. */
  private final Map<String, List<WarcRef>> hopRecords = new ConcurrentHashMap<>();

  /**
   * What the site's page for a program shows that the official sources no longer say: checked
   * against this run's claim findings, and the open claim alerts of sources this run did not read.
   */
  private List<Finding> pageFindings(Source pageSource, Snapshot page, List<Finding> findings) throws IOException {
    Program program = config.pageOf(pageSource.id()).orElseThrow();
    List<Finding> known = new ArrayList<>(findings);
    Set<String> raisedNow = new HashSet<>();
    findings.forEach(f -> f.claim().ifPresent(raisedNow::add));
    for (Alert alert : store.alerts().values()) {
      if (alert.isActive() && alert.program().equals(Optional.of(program.id())) && alert.claim().isPresent()
          && !raisedNow.contains(alert.claim().get())) {
        known.add(new Finding(alert.kind(), alert.program(), alert.claim(), alert.source(), alert.programs(),
            alert.message(), alert.evidence(), Optional.empty()));
      }
    }
    LocalDate recorded = Optional.ofNullable(store.verifiedOn().get(program.id())).filter(d -> d.isAfter(program.lastVerified()))
        .orElse(program.lastVerified());
    List<PageDates.Stated> times = List.of();
    try {
      times = extractor.statedDates(pageSource, store.exchange(page));
    } catch (IOException e) {
      LoggerFactory.getLogger(Pipeline.class).warn("{}: the page's <time> dates could not be read back ({})",
          pageSource.id(), e.getMessage());
    }
    PageCheck.Context context = new PageCheck.Context(program, OfficialChanges.of(program, known),
        store.formerFigures(program.id()), recorded, times);
    return PageCheck.check(page.text(), context);
  }

  /** Alerts currently open or acknowledged, for commands that read without running. */
  public static List<Alert> active(Store store) {
    return store.alerts().values().stream().filter(Alert::isActive).toList();
  }
}
