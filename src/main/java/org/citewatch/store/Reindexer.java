package org.citewatch.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.citewatch.model.Alert;
import org.citewatch.model.Anchor;
import org.citewatch.model.Block;
import org.citewatch.model.Digests;
import org.citewatch.model.Snapshot;
import org.netpreserve.jwarc.WarcTargetRecord;

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
    Map<String, Map<String, JsonNode>> unclaimed = new HashMap<>();
    Map<String, JsonNode> baseline = new LinkedHashMap<>();
    Map<String, JsonNode> reported = new HashMap<>();
    List<String> runSources = new ArrayList<>();
    Map<String, JsonNode> lastGoodCheck = new HashMap<>();
    Map<String, Instant> lastChecked = new HashMap<>();
    Map<String, Long> warcEnds = new HashMap<>();
    Map<String, Alert> alerts = new LinkedHashMap<>();
    String[] lastRun = {null};
    Map<String, String> verified = new HashMap<>();
    String[] head = {Journal.GENESIS};
    long[] resolvedWritten = {0};
    List<Repair> pendingRepairs = new ArrayList<>();
    Map<String, Outbox> outbox = new LinkedHashMap<>();
    index.clear();
    JournalReader.forEach(journal, line -> {
      head[0] = Digests.hex(line.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      JsonNode e = line.event();
      if (e == null) {
        return;
      }
      switch (line.type()) {
        case "snapshot" -> {
          unclaimed.computeIfAbsent(e.path("source").asText(), k -> new LinkedHashMap<>()).put(e.path("snapshot").asText(), e);
          warcEnds.merge(e.path("warc").asText(), e.path("end_offset").asLong(), Math::max);
        }
        case "check" -> {
          String source = e.path("source_id").asText();
          lastChecked.put(source, Instant.parse(e.path("time").asText()));
          JsonNode record = e.path("record");
          if (record.isObject()) {
            warcEnds.merge(record.path("file").asText(), record.path("end").asLong(), Math::max);
          }
          e.path("redirect_records").forEach(r -> warcEnds.merge(r.path("file").asText(), r.path("end").asLong(), Math::max));
          String outcome = e.path("outcome").asText();
          if (List.of("NEW", "CHANGED", "UNCHANGED").contains(outcome)) {
            lastGoodCheck.put(source, e);
            claim(unclaimed, baseline, source, e.path("snapshot_id").asText(""));
          }
        }
        case "baseline" -> claim(unclaimed, baseline, e.path("source").asText(), e.path("snapshot").asText(""));
        case "alert" -> {
          Alert alert = Json.MAPPER.treeToValue(e.path("alert"), Alert.class);
          if (alert.isActive()) {
            alerts.put(alert.id(), alert);
          } else {
            // written at once and let go: resolved alerts pile up with every night of history
            alerts.remove(alert.id());
            index.put(alert);
            if (++resolvedWritten[0] % 10_000 == 0) {
              index.commit();
            }
          }
        }
        case "anchor" -> index.put(e.path("claim").asText(), Json.MAPPER.treeToValue(e.path("anchor"), Anchor.class));
        case "verify" -> {
          verified.merge(e.path("program").asText(), e.path("date").asText(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
          e.path("former_figures").fields().forEachRemaining(f -> index.meta(
              Store.FORMER_FIGURE + e.path("program").asText() + "/" + f.getKey(), f.getValue().asText()));
        }
        case "repair" -> pendingRepairs.add(Json.MAPPER.treeToValue(e, Repair.class));
        case "notify-queued" -> {
          List<String> ids = new ArrayList<>();
          e.path("alerts").forEach(a -> ids.add(a.asText()));
          Set<Integer> to = new TreeSet<>();
          e.path("notifiers").forEach(n -> to.add(n.asInt()));
          outbox.put(e.path("notification").asText(), new Outbox(e.path("notification").asText(), ids, to));
        }
        case "notify-sent" -> outbox.computeIfPresent(e.path("notification").asText(), (id, queued) -> {
          Set<Integer> left = new TreeSet<>(queued.remaining());
          e.path("notifiers").forEach(n -> left.remove(n.asInt()));
          return left.isEmpty() ? null : new Outbox(id, queued.alerts(), left);
        });
        case "run-started" -> {
          runSources.clear();
          e.path("sources").forEach(s -> runSources.add(s.asText()));
        }
        case "run-finished" -> {
          pendingRepairs.clear();
          // as Store.runFinished: the run's alerts are journaled, its sources' changes are told
          runSources.forEach(s -> {
            if (baseline.containsKey(s)) {
              reported.put(s, baseline.get(s));
            }
          });
          Instant at = Instant.parse(e.path("alerts_at").asText(e.path("time").asText()));
          e.path("seen").forEach(id -> alerts.computeIfPresent(id.asText(), (k, a) -> a.lastSeenAt(at)));
          lastRun[0] = Json.write(Store.runSummary(e));
        }
        default -> { }
      }
    });
    for (Map.Entry<String, JsonNode> entry : baseline.entrySet()) {
      JsonNode check = lastGoodCheck.get(entry.getKey());
      Map<String, String> validators = validators(check);
      index.put(new SourceState(entry.getKey(), Optional.of(snapshot(entry.getValue())),
          Optional.ofNullable(validators.get("etag")), Optional.ofNullable(validators.get("last-modified")),
          Optional.ofNullable(lastChecked.get(entry.getKey())),
          Optional.ofNullable(reported.get(entry.getKey())).map(Reindexer::snapshot)));
    }
    alerts.values().forEach(index::put);
    warcEnds.forEach((file, end) -> index.meta("warc_end:" + file, Long.toString(end)));
    verified.forEach((program, date) -> index.meta("verified:" + program, date));
    if (lastRun[0] != null) {
      index.meta("last_run", lastRun[0]);
    }
    pendingRepairs.forEach(r -> index.meta(Store.PENDING_REPAIR + r.place(), Json.write(r)));
    outbox.values().forEach(o -> index.meta(Store.OUTBOX + o.id(), Json.write(o)));
    index.meta("journal_head", head[0]);
    index.meta("layout", Index.LAYOUT);
    index.commit();
  }

  /** A snapshot becomes the source's baseline; the source's earlier ones can never be named again. */
  private static void claim(Map<String, Map<String, JsonNode>> unclaimed, Map<String, JsonNode> baseline, String source,
      String id) {
    Map<String, JsonNode> pending = unclaimed.getOrDefault(source, Map.of());
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

  /** The index keeps a reference; the blocks stay in the conversion record and are read when needed. */
  static Snapshot snapshot(JsonNode line) {
    return new Snapshot(line.path("snapshot").asText(), line.path("source").asText(), Instant.parse(line.path("time").asText()),
        line.path("url").asText(), line.path("status").asInt(), line.path("payload_digest").asText(),
        line.path("content_digest").asText(), line.path("warc").asText(), line.path("response_offset").asLong(),
        line.path("conversion_offset").asLong(), line.path("response_record_id").asText(),
        line.path("selector_matched").asBoolean(true), List.of(),
        line.path("rules").isTextual() ? line.path("rules").asText() : null, line.path("text_length").asInt(-1));
  }

  /** ETag and Last-Modified of the last good answer, from its response or revisit record. */
  private Map<String, String> validators(JsonNode check) throws IOException {
    Map<String, String> found = new HashMap<>();
    JsonNode record = check == null ? null : check.path("record");
    if (record == null || !record.isObject()) {
      return found;
    }
    String file = record.path("file").asText();
    long offset = record.path("offset").asLong();
    WarcRecords.at(warcDir, file, offset, r -> {
      org.netpreserve.jwarc.HttpResponse http = r instanceof org.netpreserve.jwarc.WarcResponse response ? response.http()
          : r instanceof org.netpreserve.jwarc.WarcRevisit revisit ? revisit.http() : null;
      if (http != null) {
        http.headers().first("ETag").ifPresent(v -> found.put("etag", v));
        http.headers().first("Last-Modified").ifPresent(v -> found.put("last-modified", v));
      }
      return null;
    });
    return found;
  }
}
