package org.citewatch.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.citewatch.model.Digests;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Snapshot;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;

/**
 * Rebuilds index.db from the journal and the WARC files, never the other way round: the latest
 * good snapshot of each source with its blocks (from its conversion record), its HTTP validators
 * (from its last response), every alert's state, and where each WARC file's journaled records end.
 *
 * <p>After a kill the index need not be rebuilt from the first line: it says up to which line of
 * the journal it was consistent ({@link Checkpoint}), and {@link #catchUp} replays only the lines
 * after it over what the index holds. What a run wrote to the index between that line and the kill
 * is written again by the same lines, in the same order, so it ends as a rebuild would have left it.
 */
final class Reindexer {

  /** Index meta keys: the journal's last line the index is consistent with, and where it ends. */
  static final String HEAD = "journal_head";
  static final String AT = "journal_at";
  /** Where the last run-started line begins: a run killed after the checkpoint needs its sources. */
  static final String RUN_STARTED_AT = "run_started_at";

  /** The journal line an index is consistent with: its number, its digest and the offset where it ends. */
  record Checkpoint(long line, String sha, long end) {

    static Optional<Checkpoint> of(Index index) {
      Optional<String> at = index.meta(AT);
      Optional<String> sha = index.meta(HEAD);
      if (at.isEmpty() || sha.isEmpty() || !at.get().matches("\\d+:\\d+")) {
        return Optional.empty();
      }
      String[] parts = at.get().split(":");
      return Optional.of(new Checkpoint(Long.parseLong(parts[0]), sha.get(), Long.parseLong(parts[1])));
    }

    /** Where the journal ends now. */
    static Checkpoint at(Journal journal) throws IOException {
      return new Checkpoint(journal.line(), journal.head(), journal.size());
    }

    /** The journal's start, before its first line: every journal holds it. */
    boolean atStart() {
      return line == 0 && end == 0 && sha.equals(Journal.GENESIS);
    }

    void writeTo(Index index) {
      index.meta(HEAD, sha);
      index.meta(AT, line + ":" + end);
    }
  }

  private final Path journal;
  private final Path warcDir;

  Reindexer(Path journal, Path warcDir) {
    this.journal = journal;
    this.warcDir = warcDir;
  }

  /** Every line, into an emptied index. */
  void rebuild(Index index) throws IOException {
    index.rebuilding();
    index.clear();
    Fold fold = new Fold(index, false);
    JournalReader.forEach(journal, fold::accept);
    fold.writeTo(index, new Checkpoint(fold.lines, fold.head, Files.size(journal)));
    index.rebuilt();
  }

  /**
   * The lines after the index's checkpoint, over what it holds: how many were replayed; empty
   * when the index has no checkpoint that the journal still holds, or a line needs what only a
   * full rebuild knows, and nothing was written.
   */
  Optional<Long> catchUp(Index index) throws IOException {
    Optional<Checkpoint> checkpoint = Checkpoint.of(index);
    if (checkpoint.isEmpty() || checkpoint.get().end() > Files.size(journal)
        || !(checkpoint.get().atStart() || JournalReader.headAt(journal, checkpoint.get().end())
            .equals(Optional.of(checkpoint.get().line() + ":" + checkpoint.get().sha())))) {
      return Optional.empty();
    }
    Fold fold = new Fold(index, true);
    fold.head = checkpoint.get().sha();
    fold.lines = checkpoint.get().line();
    Optional<Long> runStarted = index.meta(RUN_STARTED_AT).map(Long::parseLong)
        .filter(offset -> offset < checkpoint.get().end());
    if (runStarted.isPresent()) {
      JournalReader.forEachFrom(journal, runStarted.get(), 0, line -> line.event(Event.RunStarted.class)
          .ifPresent(started -> fold.runSources.addAll(started.sources())), 1);
    }
    JournalReader.forEachFrom(journal, checkpoint.get().end(), checkpoint.get().line() + 1, fold::accept,
        Long.MAX_VALUE);
    if (fold.needsRebuild) {
      return Optional.empty();
    }
    fold.writeTo(index, new Checkpoint(fold.lines, fold.head, Files.size(journal)));
    return Optional.of(fold.lines - checkpoint.get().line());
  }

  /** What the lines say, folded in order; over an index's state when catching up. */
  private final class Fold {
    private final Index index;
    private final boolean over;
    // Only the snapshots a later check can still name are held: a source's baseline only moves
    // forward, so once a good check names one, that source's earlier snapshots are never named
    // again. Holding them all would take a heap that grows with every night of history.
    private final Map<String, Map<String, Snapshot>> unclaimed = new HashMap<>();
    private final Map<String, Snapshot> baseline = new LinkedHashMap<>();
    private final Map<String, Snapshot> reported = new HashMap<>();
    private final Set<String> runSources = new LinkedHashSet<>();
    private final Set<String> finishedRuns = new LinkedHashSet<>();
    private final Map<String, Event.Checked> lastGoodCheck = new HashMap<>();
    private final Map<String, Instant> lastChecked = new HashMap<>();
    private final Map<String, Long> warcEnds = new HashMap<>();
    private final Map<String, String> verified = new HashMap<>();
    private final Map<String, Repair> pendingRepairs = new LinkedHashMap<>();
    private final Map<String, Outbox> outbox = new LinkedHashMap<>();
    private final AlertFold alerts;
    private boolean repairsTold;
    private RunSummary lastRun;
    private String head = Journal.GENESIS;
    private long lines;
    private long resolvedWritten;
    private boolean needsRebuild;

    /** @param over whether the lines are folded over what the index holds (a catch-up) */
    Fold(Index index, boolean over) {
      this.index = index;
      this.over = over;
      // a resolved alert is written at once and let go: they pile up with every night of history
      this.alerts = new AlertFold(alert -> {
        index.put(alert);
        if (++resolvedWritten % 10_000 == 0) {
          index.commit();
        }
      });
      if (over) {
        index.alerts().values().forEach(alerts::seed);
        index.metaWithPrefix(Outboxes.OUTBOX).values().forEach(json -> {
          Outbox queued = Json.read(json, Outbox.class);
          outbox.put(queued.id(), queued);
        });
        index.metaWithPrefix(Store.PENDING_REPAIR).values().forEach(json -> {
          Repair repair = Json.read(json, Repair.class);
          pendingRepairs.put(repair.place(), repair);
        });
      }
    }

    void accept(JournalReader.Line line) {
      head = Digests.hex(line.text().getBytes(StandardCharsets.UTF_8));
      if (line.entry().isEmpty()) {
        return;
      }
      lines = line.entry().get().seq();
      Instant time = line.entry().get().time();
      Event event = line.entry().get().event();
      alerts.accept(line.entry().get());
      event.written().forEach(r -> warcEnds.merge(r.file(), r.end(), Math::max));
      if (lines % 100_000 == 0) {
        // a year of lines' offsets is more than a heap should hold uncommitted
        index.commit();
      }
      if (event instanceof Event.SnapshotTaken taken) {
        index.line(taken.source(), line.offset());
        index.snapshotLine(taken.snapshot(), line.offset());
        unclaimed.computeIfAbsent(taken.source(), k -> new LinkedHashMap<>())
            .put(taken.snapshot(), taken.toSnapshot(time));
      } else if (event instanceof Event.Checked check) {
        index.line(check.sourceId(), line.offset());
        lastChecked.put(check.sourceId(), time);
        if (check.good()) {
          lastGoodCheck.put(check.sourceId(), check);
          claim(check.sourceId(), check.snapshotId().orElse(""), false);
        }
      } else {
        other(event);
      }
    }

    /** The lines that are neither a capture nor a check: the maintainers', the outbox's, the runs'. */
    private void other(Event event) {
      if (event instanceof Event.BaselineAccepted accepted) {
        claim(accepted.source(), accepted.snapshot(), true);
      } else if (event instanceof Event.AnchorMoved moved) {
        index.put(moved.claim(), moved.anchor());
      } else if (event instanceof Event.Verified verify) {
        verified.merge(verify.program(), verify.date().toString(), Fold::later);
        verify.formerFigures().forEach((claim, figure) ->
            index.meta(MaintainerRecords.FORMER_FIGURE + verify.program() + "/" + claim, figure));
      } else if (event instanceof Repair repair) {
        pendingRepairs.put(repair.place(), repair);
      } else if (event instanceof Event.NotifyQueued queued) {
        outbox.put(queued.notification(),
            new Outbox(queued.notification(), queued.alerts(), Set.copyOf(queued.notifiers())));
      } else if (event instanceof Event.NotifySent sent) {
        outbox.computeIfPresent(sent.notification(), (id, queued) -> {
          Set<Integer> left = new TreeSet<>(queued.remaining());
          sent.notifiers().forEach(left::remove);
          return left.isEmpty() ? null : new Outbox(id, queued.alerts(), left);
        });
      } else if (event instanceof Event.RunStarted started) {
        runSources.clear();
        runSources.addAll(started.sources());
      } else if (event instanceof Event.RunFinished finished) {
        pendingRepairs.clear();
        repairsTold = true;
        // as Store.runFinished: the run's alerts are journaled, its sources' changes are told
        runSources.forEach(s -> baselineOf(s).ifPresent(b -> reported.put(s, b)));
        finishedRuns.add(finished.id());
        lastRun = finished.summary();
      }
    }

    private static String later(String a, String b) {
      return a.compareTo(b) >= 0 ? a : b;
    }

    /** A snapshot becomes the source's baseline; the source's earlier ones can never be named again. */
    private void claim(String source, String id, boolean accepted) {
      Map<String, Snapshot> pending = unclaimed.getOrDefault(source, Map.of());
      if (!pending.containsKey(id)) {
        // a check names a new snapshot or its baseline; an acceptance may name a capture older
        // than the checkpoint, which only the whole journal still holds
        needsRebuild |= over && accepted && !baselineOf(source).map(b -> b.id().equals(id)).orElse(false);
        return;
      }
      baseline.put(source, pending.get(id));
      Iterator<String> held = pending.keySet().iterator();
      String dropped;
      do {
        dropped = held.next();
        held.remove();
      } while (!dropped.equals(id));
    }

    private Optional<Snapshot> baselineOf(String source) {
      Snapshot moved = baseline.get(source);
      return moved != null ? Optional.of(moved) : prior(source).flatMap(SourceState::latest);
    }

    private Optional<SourceState> prior(String source) {
      return over ? index.source(source) : Optional.empty();
    }

    void writeTo(Index index, Checkpoint checkpoint) throws IOException {
      Set<String> touched = new LinkedHashSet<>(baseline.keySet());
      touched.addAll(lastChecked.keySet());
      touched.addAll(reported.keySet());
      for (String source : touched) {
        Optional<SourceState> before = prior(source);
        Optional<Snapshot> latest = Optional.ofNullable(baseline.get(source))
            .or(() -> before.flatMap(SourceState::latest));
        if (latest.isEmpty()) {
          continue;
        }
        boolean answered = lastGoodCheck.containsKey(source);
        Map<String, String> validators = answered ? validators(lastGoodCheck.get(source)) : Map.of();
        index.put(new SourceState(source, latest,
            answered ? Optional.ofNullable(validators.get("etag")) : before.flatMap(SourceState::etag),
            answered ? Optional.ofNullable(validators.get("last-modified")) : before.flatMap(SourceState::lastModified),
            Optional.ofNullable(lastChecked.get(source)).or(() -> before.flatMap(SourceState::lastChecked)),
            Optional.ofNullable(reported.get(source)).or(() -> before.flatMap(SourceState::reported))));
      }
      // every source of a finished run has its reported state above: the run's mark is done with
      finishedRuns.forEach(index::runClosed);
      alerts.active().values().forEach(index::put);
      warcEnds.forEach(index::warcEnd);
      verified.forEach((program, date) -> index.meta("verified:" + program,
          index.meta("verified:" + program).map(known -> later(known, date)).orElse(date)));
      if (lastRun != null) {
        index.meta("last_run", Json.write(lastRun));
      }
      if (repairsTold) {
        index.metaWithPrefix(Store.PENDING_REPAIR).keySet().forEach(index::removeMeta);
      }
      pendingRepairs.values().forEach(r -> index.meta(Store.PENDING_REPAIR + r.place(), Json.write(r)));
      index.metaWithPrefix(Outboxes.OUTBOX).keySet().forEach(index::removeMeta);
      outbox.values().forEach(o -> index.meta(Outboxes.OUTBOX + o.id(), Json.write(o)));
      checkpoint.writeTo(index);
      index.meta("layout", Index.LAYOUT);
      index.commit();
    }
  }

  /** ETag and Last-Modified of the last good answer, from its response or revisit record. */
  private Map<String, String> validators(Event.Checked check) throws IOException {
    Map<String, String> found = new HashMap<>();
    Optional<WarcRef> record = check.record();
    if (record.isEmpty()) {
      return found;
    }
    WarcRecords.answerAt(warcDir, record.get().file(), record.get().offset(), r -> {
      HttpResponse http = r instanceof WarcResponse response ? response.http()
          : r instanceof WarcRevisit revisit ? revisit.http() : null;
      if (http != null) {
        http.headers().first("ETag").ifPresent(v -> found.put("etag", v));
        http.headers().first("Last-Modified").ifPresent(v -> found.put("last-modified", v));
      }
      return null;
    });
    return found;
  }
}
