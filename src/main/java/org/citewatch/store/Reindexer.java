package org.citewatch.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
 */
final class Reindexer {

  private final Path journal;
  private final Path warcDir;

  Reindexer(Path journal, Path warcDir) {
    this.journal = journal;
    this.warcDir = warcDir;
  }

  void rebuild(Index index) throws IOException {
    // Only the snapshots a later check can still name are held: a source's baseline only moves
    // forward, so once a good check names one, that source's earlier snapshots are never named
    // again. Holding them all would take a heap that grows with every night of history.
    Map<String, Map<String, Snapshot>> unclaimed = new HashMap<>();
    Map<String, Snapshot> baseline = new LinkedHashMap<>();
    Map<String, Snapshot> reported = new HashMap<>();
    List<String> runSources = new ArrayList<>();
    Map<String, Event.Checked> lastGoodCheck = new HashMap<>();
    Map<String, Instant> lastChecked = new HashMap<>();
    Map<String, Long> warcEnds = new HashMap<>();
    long[] resolvedWritten = {0};
    // a resolved alert is written at once and let go: they pile up with every night of history
    AlertFold alerts = new AlertFold(alert -> {
      index.put(alert);
      if (++resolvedWritten[0] % 10_000 == 0) {
        index.commit();
      }
    });
    RunSummary[] lastRun = {null};
    Map<String, String> verified = new HashMap<>();
    String[] head = {Journal.GENESIS};
    List<Repair> pendingRepairs = new ArrayList<>();
    Map<String, Outbox> outbox = new LinkedHashMap<>();
    index.clear();
    JournalReader.forEach(journal, line -> {
      head[0] = Digests.hex(line.text().getBytes(StandardCharsets.UTF_8));
      if (line.entry().isEmpty()) {
        return;
      }
      Instant time = line.entry().get().time();
      Event event = line.entry().get().event();
      alerts.accept(line.entry().get());
      if (event instanceof Event.SnapshotTaken taken) {
        unclaimed.computeIfAbsent(taken.source(), k -> new LinkedHashMap<>()).put(taken.snapshot(), taken.toSnapshot(time));
        warcEnds.merge(taken.warc(), taken.endOffset(), Math::max);
      } else if (event instanceof Event.Checked check) {
        lastChecked.put(check.sourceId(), time);
        check.written().forEach(r -> warcEnds.merge(r.file(), r.end(), Math::max));
        if (check.good()) {
          lastGoodCheck.put(check.sourceId(), check);
          claim(unclaimed, baseline, check.sourceId(), check.snapshotId().orElse(""));
        }
      } else if (event instanceof Event.BaselineAccepted accepted) {
        claim(unclaimed, baseline, accepted.source(), accepted.snapshot());
      } else if (event instanceof Event.AnchorMoved moved) {
        index.put(moved.claim(), moved.anchor());
      } else if (event instanceof Event.Verified verify) {
        verified.merge(verify.program(), verify.date().toString(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        verify.formerFigures().forEach((claim, figure) ->
            index.meta(Store.FORMER_FIGURE + verify.program() + "/" + claim, figure));
      } else if (event instanceof Repair repair) {
        pendingRepairs.add(repair);
      } else if (event instanceof Event.NotifyQueued queued) {
        outbox.put(queued.notification(), new Outbox(queued.notification(), queued.alerts(), Set.copyOf(queued.notifiers())));
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
        // as Store.runFinished: the run's alerts are journaled, its sources' changes are told
        runSources.forEach(s -> {
          if (baseline.containsKey(s)) {
            reported.put(s, baseline.get(s));
          }
        });
        lastRun[0] = Store.runSummary(finished);
      }
    });
    for (Map.Entry<String, Snapshot> entry : baseline.entrySet()) {
      Map<String, String> validators = validators(Optional.ofNullable(lastGoodCheck.get(entry.getKey())));
      index.put(new SourceState(entry.getKey(), Optional.of(entry.getValue()),
          Optional.ofNullable(validators.get("etag")), Optional.ofNullable(validators.get("last-modified")),
          Optional.ofNullable(lastChecked.get(entry.getKey())), Optional.ofNullable(reported.get(entry.getKey()))));
    }
    alerts.active().values().forEach(index::put);
    warcEnds.forEach((file, end) -> index.meta("warc_end:" + file, Long.toString(end)));
    verified.forEach((program, date) -> index.meta("verified:" + program, date));
    if (lastRun[0] != null) {
      index.meta("last_run", Json.write(lastRun[0]));
    }
    pendingRepairs.forEach(r -> index.meta(Store.PENDING_REPAIR + r.place(), Json.write(r)));
    outbox.values().forEach(o -> index.meta(Store.OUTBOX + o.id(), Json.write(o)));
    index.meta("journal_head", head[0]);
    index.meta("layout", Index.LAYOUT);
    index.commit();
  }

  /** A snapshot becomes the source's baseline; the source's earlier ones can never be named again. */
  private static void claim(Map<String, Map<String, Snapshot>> unclaimed, Map<String, Snapshot> baseline, String source,
      String id) {
    Map<String, Snapshot> pending = unclaimed.getOrDefault(source, Map.of());
    if (pending.containsKey(id)) {
      baseline.put(source, pending.get(id));
      Iterator<String> held = pending.keySet().iterator();
      String dropped;
      do {
        dropped = held.next();
        held.remove();
      } while (!dropped.equals(id));
    }
  }

  /** ETag and Last-Modified of the last good answer, from its response or revisit record. */
  private Map<String, String> validators(Optional<Event.Checked> check) throws IOException {
    Map<String, String> found = new HashMap<>();
    Optional<WarcRef> record = check.flatMap(Event.Checked::record);
    if (record.isEmpty()) {
      return found;
    }
    WarcRecords.at(warcDir, record.get().file(), record.get().offset(), r -> {
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
