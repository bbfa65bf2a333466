package org.citewatch.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.citewatch.compare.WordDiff;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Attribution;
import org.citewatch.model.Block;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Figure;
import org.citewatch.model.Program;
import org.citewatch.model.Source;
import org.citewatch.report.AlertView;
import org.citewatch.schedule.OfficialWording;
import org.citewatch.schedule.Pipeline;
import org.citewatch.schedule.Verification;
import org.citewatch.store.Records;
import org.citewatch.store.Store;

/**
 * What the review pages say, built from the journal, sources.yaml and the WARC records, and the two
 * acts a maintainer takes: acknowledge an alert, verify a program. Each act opens the store (waiting
 * for a run that holds it, as {@code citewatch ack} does), journals who did it, and closes it.
 */
final class Review {

  private final Path storeDir;
  private final Path configFile;
  private final Clock clock;
  private final Ledger ledger;
  private final Records records;

  Review(Path storeDir, Path configFile, Clock clock) {
    this.storeDir = storeDir;
    this.configFile = configFile;
    this.clock = clock;
    this.ledger = new Ledger(storeDir);
    this.records = new Records(storeDir);
  }

  Ledger ledger() throws IOException {
    ledger.refresh();
    return ledger;
  }

  Records records() {
    return records;
  }

  Path storeDir() {
    return storeDir;
  }

  private Optional<Config> config = Optional.empty();
  private FileTime configRead = FileTime.fromMillis(0);

  /**
   * sources.yaml as it is now, read again only when it changes; a broken one leaves the pages
   * without names rather than down.
   */
  synchronized Optional<Config> config() {
    try {
      FileTime modified = Files.getLastModifiedTime(configFile);
      if (!modified.equals(configRead)) {
        configRead = modified;
        config = Optional.of(new ConfigLoader().load(configFile));
      }
    } catch (ConfigException | IOException e) {
      config = Optional.empty();
    }
    return config;
  }

  /** The open and acknowledged alerts, critical first. */
  List<Alert> openAlerts() throws IOException {
    return ledger().active().values().stream().filter(Alert::isActive).sorted(AlertView.ORDER).toList();
  }

  Views.AlertsPage alertsPage(Views.Layout layout) throws IOException {
    UnaryOperator<String> names = programNames();
    List<Alert> open = openAlerts();
    List<Views.ProgramGroup> shown = AlertView.byProgram(open).entrySet().stream().map(e -> new Views.ProgramGroup(
        e.getKey(), e.getKey().isEmpty() ? "Sources no program cites" : names.apply(e.getKey()),
        e.getValue().stream().map(a -> row(a, names)).toList())).toList();
    return new Views.AlertsPage(layout, count(open, AlertKind.Severity.CRITICAL),
        count(open, AlertKind.Severity.WARNING),
        count(open, AlertKind.Severity.INFO), shown);
  }

  private static long count(List<Alert> alerts, AlertKind.Severity severity) {
    return alerts.stream().filter(a -> a.kind().severity() == severity).count();
  }

  /** A program's name as sources.yaml gives it; its id when the file cannot be read or no longer has it. */
  private UnaryOperator<String> programNames() {
    Optional<Config> config = config();
    return id -> config.flatMap(c -> c.program(id)).map(Program::name).orElse(id);
  }

  static Views.AlertRow row(Alert alert, UnaryOperator<String> programNames) {
    String where = alert.program().map(programNames).orElse(alert.source().orElse(""))
        + alert.claim().map(c -> " / " + c).orElse("");
    return new Views.AlertRow(alert.id(), alert.kind().name(), alert.kind().severity().name().toLowerCase(Locale.ROOT),
        alert.state().name().toLowerCase(Locale.ROOT), where, alert.message(), Views.when(alert.firstSeen()),
        Views.when(alert.lastSeen()));
  }

  Optional<Views.AlertPage> alertPage(Views.Layout layout, String id) throws IOException {
    Optional<Alert> found = ledger().alert(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Alert alert = found.get();
    Optional<Config> config = config();
    UnaryOperator<String> names = programNames();
    List<Views.NoteRow> notes = ledger().notes(id).stream().map(n -> new Views.NoteRow(Views.when(n.at()), n.event(),
        n.by().orElse(""), n.note().or(n::reason).orElse(""))).toList();
    Optional<String> url = alert.source().flatMap(s -> config.flatMap(c -> c.source(s))).map(Source::url)
        .map(Object::toString).filter(u -> u.startsWith("https://") || u.startsWith("http://"));
    List<Views.ProgramLink> programs = (alert.program().isPresent() ? List.of(alert.program().get()) : alert.programs())
        .stream().map(p -> new Views.ProgramLink(p, names.apply(p))).toList();
    return Optional.of(new Views.AlertPage(layout, row(alert, names), programs, alert.claim(), alert.source(), url,
        segments(alert.evidence().before().orElse(""), alert.evidence().after().orElse("")), notes, alert.isActive()));
  }

  static List<Views.Segment> segments(String before, String after) {
    if (before.isEmpty() && after.isEmpty()) {
      return List.of();
    }
    return WordDiff.between(before, after).stream()
        .map(s -> new Views.Segment(s.kind().name().toLowerCase(Locale.ROOT), s.text())).toList();
  }

  Optional<Views.ProgramPage> programPage(Views.Layout layout, String id) throws IOException {
    Optional<Config> config = config();
    Optional<Program> program = config.flatMap(c -> c.program(id));
    if (program.isEmpty()) {
      return Optional.empty();
    }
    List<Alert> open = openAlerts().stream().filter(a -> a.program().equals(Optional.of(id))
        || a.programs().contains(id)).toList();
    Optional<Ledger.Verification> verified = ledger().verified(id);
    LocalDate last = verified.map(Ledger.Verification::date).filter(d -> d.isAfter(program.get().lastVerified()))
        .orElse(program.get().lastVerified());
    Duration staleAfter = program.get().staleAfter().orElse(config.get().settings().staleAfter());
    long age = Duration.between(last.atStartOfDay(ZoneOffset.UTC).toInstant(), clock.instant()).toDays();
    String staleness = age > staleAfter.toDays() ? "stale: " + age + " days since, " + staleAfter.toDays() + " allowed"
        : age + " days ago, stale after " + staleAfter.toDays();
    Ledger ledger = ledger();
    UnaryOperator<String> names = programNames();
    List<Views.ClaimRow> claims = program.get().claims().stream()
        .map(c -> claimRow(c, open, ledger.tier(id, c.id()).orElse("not checked yet"))).toList();
    return Optional.of(new Views.ProgramPage(layout, id, program.get().name(), last.toString(),
        verified.filter(v -> v.date().equals(last)).map(Ledger.Verification::by).orElse(""), staleness, claims,
        open.stream().map(a -> row(a, names)).toList()));
  }

  private static Views.ClaimRow claimRow(Claim claim, List<Alert> open, String tier) {
    String state = open.stream().filter(a -> a.claim().equals(Optional.of(claim.id())))
        .map(a -> a.kind() + " (" + a.state().name().toLowerCase(Locale.ROOT) + ")").collect(Collectors.joining(", "));
    return new Views.ClaimRow(claim.id(), claim.sourceId(), claim.quote().orElse(""),
        claim.figure().map(Object::toString).orElse(""), tier, state.isEmpty() ? "holds" : state);
  }

  Optional<Views.SourcePage> sourcePage(Views.Layout layout, String id, Optional<String> from, Optional<String> to)
      throws IOException {
    Optional<Config> config = config();
    List<Records.CheckEntry> checks = ledger().checks(id);
    if (checks.isEmpty() && config.flatMap(c -> c.source(id)).isEmpty()) {
      return Optional.empty();
    }
    List<Records.SnapshotEntry> captures = ledger().captures(id);
    List<Views.Segment> diff = List.of();
    Optional<Records.SnapshotEntry> a = from.flatMap(f -> captures.stream().filter(c -> c.id().equals(f)).findFirst());
    Optional<Records.SnapshotEntry> b = to.flatMap(t -> captures.stream().filter(c -> c.id().equals(t)).findFirst());
    if (a.isPresent() && b.isPresent()) {
      diff = segments(text(a.get()), text(b.get()));
    }
    String url = config.flatMap(c -> c.source(id)).map(s -> s.url().toString())
        .orElse(captures.isEmpty() ? "" : captures.get(captures.size() - 1).url());
    List<Views.CheckRow> rows = new ArrayList<>();
    for (int i = checks.size() - 1; i >= 0 && rows.size() < 500; i--) {
      Records.CheckEntry c = checks.get(i);
      rows.add(new Views.CheckRow(Views.when(c.time()), c.outcome(), c.status().map(String::valueOf).orElse(""),
          c.snapshot().orElse(""), c.error().orElse("")));
    }
    List<Views.CaptureRow> shown = new ArrayList<>();
    for (int i = captures.size() - 1; i >= 0; i--) {
      shown.add(new Views.CaptureRow(captures.get(i).id(), Views.when(captures.get(i).captured())));
    }
    return Optional.of(new Views.SourcePage(layout, id, url.startsWith("http") ? url : "", rows, shown,
        a.map(Records.SnapshotEntry::id), b.map(Records.SnapshotEntry::id), diff));
  }

  /** A program as the API gives it: its claims with their state and tier, its verification and staleness. */
  record ProgramJson(String id, String name, String lastVerified, String verifiedBy, String staleness,
      List<Views.ClaimRow> claims, List<String> openAlerts) {}

  static ProgramJson programJson(Views.ProgramPage page) {
    return new ProgramJson(page.id(), page.name(), page.lastVerified(), page.verifiedBy(), page.staleness(),
        page.claims(), page.alerts().stream().map(Views.AlertRow::id).toList());
  }

  /** Every program of sources.yaml: id and name. */
  List<Views.ProgramLink> programs() {
    return config().map(c -> c.programs().stream().map(p -> new Views.ProgramLink(p.id(), p.name())).toList())
        .orElse(List.of());
  }

  /** A source as the API lists it: id, URL, and its last check. */
  record SourceJson(String id, String url, Optional<Records.CheckEntry> lastCheck) {}

  List<SourceJson> sources() throws IOException {
    Ledger ledger = ledger();
    return config().map(c -> c.sources().stream().map(src -> {
      List<Records.CheckEntry> checks = ledger.checks(src.id());
      return new SourceJson(src.id(), src.url().toString(),
          checks.isEmpty() ? Optional.empty() : Optional.of(checks.get(checks.size() - 1)));
    }).toList()).orElse(List.of());
  }

  String text(Records.SnapshotEntry snapshot) throws IOException {
    return records.blocks(snapshot).stream().map(Block::text).collect(Collectors.joining("\n"));
  }

  Views.RunsPage runsPage(Views.Layout layout) throws IOException {
    List<Views.RunRow> rows = ledger().runs().stream().map(r -> new Views.RunRow(r.id(), Views.when(r.finished()),
        r.exitCode(), r.sources().checked(), r.sources().changed(), r.sources().failed(),
        r.openAlerts().values().stream().mapToLong(Long::longValue).sum())).toList();
    return new Views.RunsPage(layout, ledger().head(), rows);
  }

  /** A maintainer acknowledges an alert; the journal line names them. */
  Alert acknowledge(String id, Attribution who) throws IOException {
    Optional<Config> config = config();
    try (Store store = Store.open(storeDir, true)) {
      if (config.isPresent()) {
        seal(store, config.get());
      }
      return store.acknowledge(id, who);
    }
  }

  /**
   * A maintainer verifies a program today; returns what it resolved and what stays open.
   *
   * @param accept first write the current official wording of its open claim alerts into sources.yaml,
   *     as {@code verify --accept --yes} does
   */
  Verification.Outcome verify(String programId, Attribution who, boolean accept) throws IOException {
    Config config = config().orElseThrow(() -> new IllegalArgumentException(configFile + " cannot be read; "
        + "citewatch check-config says why"));
    Program program = config.program(programId)
        .orElseThrow(() -> new IllegalArgumentException("no program '" + programId + "' in " + configFile));
    try (Store store = Store.open(storeDir, true)) {
      seal(store, config);
      Map<String, Figure> former = Map.of();
      if (accept) {
        Optional<OfficialWording.Proposal> proposal;
        try {
          proposal = OfficialWording.propose(config, program, store, clock);
        } catch (ConfigException e) {
          throw new IllegalArgumentException("the official wording would make " + configFile + " invalid, so it was "
              + "left as it was: " + e.getMessage());
        }
        if (proposal.isPresent()) {
          proposal.get().write();
          config = proposal.get().config();
          program = config.program(programId).orElseThrow();
          former = proposal.get().formerFigures();
        }
      }
      return new Verification(config, store, clock).verify(program, LocalDate.ofInstant(who.at(), ZoneOffset.UTC),
          who, former);
    }
  }

  /** What a maintainer does here is sealed as the commands seal it, when sources.yaml names a key. */
  private static void seal(Store store, Config config) throws IOException {
    Optional<KeyPair> key = Pipeline.signingKey(config, System.getenv());
    if (key.isPresent()) {
      store.sealWith(key.get());
    }
  }
}
