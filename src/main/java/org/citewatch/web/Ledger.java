package org.citewatch.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citewatch.model.Alert;
import org.citewatch.model.Digests;
import org.citewatch.store.AlertFold;
import org.citewatch.store.Event;
import org.citewatch.store.Journal;
import org.citewatch.store.Records;
import org.citewatch.store.Store;

/**
 * What the review pages show, read from journal.jsonl alone and kept up to date by reading only
 * the lines appended since the last request: a run may hold the store (and its index) all night,
 * and the pages still answer, as the read-only commands do.
 */
final class Ledger {

  /** One act on an alert: raised, acknowledged, resolved …, with who, when and the note. */
  record Note(Instant at, String event, Optional<String> by, Optional<String> note, Optional<String> reason) {}

  /** A program's latest verification. */
  record Verification(LocalDate date, String by, Instant at, Optional<String> note) {}

  private static final int RUNS_KEPT = 200;

  private final Path journal;
  private long offset;
  private long lines;
  private String head = Journal.GENESIS;
  private final Map<String, Alert> resolved = new HashMap<>();
  private final AlertFold fold = new AlertFold(a -> resolved.put(a.id(), a));
  private final Map<String, List<Note>> notes = new HashMap<>();
  private final Map<String, Verification> verified = new HashMap<>();
  private final Deque<Event.RunFinished> runs = new ArrayDeque<>();
  private final Map<String, List<Records.CheckEntry>> checks = new HashMap<>();
  private final Map<String, Records.SnapshotEntry> snapshots = new HashMap<>();
  private final Map<String, List<Records.SnapshotEntry>> captures = new HashMap<>();
  private final Map<String, String> tiers = new HashMap<>();

  Ledger(Path storeDir) {
    this.journal = storeDir.resolve(Store.JOURNAL);
  }

  /** Reads the lines appended since the last call; a torn last line waits for the next. */
  synchronized void refresh() throws IOException {
    try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < offset) {
        // the journal was replaced or cut: start over rather than show what it no longer says
        reset();
      }
      while (offset < size) {
        int length = (int) Math.min(4L * 1024 * 1024, size - offset);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
          // read what is there
        }
        byte[] bytes = buffer.array();
        int start = 0;
        for (int i = 0; i < buffer.position(); i++) {
          if (bytes[i] == '\n') {
            line(new String(bytes, start, i - start, StandardCharsets.UTF_8));
            start = i + 1;
          }
        }
        if (start == 0) {
          return;
        }
        offset += start;
      }
    } catch (NoSuchFileException e) {
      reset();
    }
  }

  private void reset() {
    offset = 0;
    lines = 0;
    head = Journal.GENESIS;
    resolved.clear();
    fold.active().clear();
    notes.clear();
    verified.clear();
    runs.clear();
    checks.clear();
    snapshots.clear();
    captures.clear();
    tiers.clear();
  }

  private void line(String text) {
    lines++;
    head = Digests.hex(text.getBytes(StandardCharsets.UTF_8));
    Optional<Journal.Entry> parsed = Journal.Entry.parse(text);
    if (parsed.isEmpty()) {
      return;
    }
    Journal.Entry entry = parsed.get();
    fold.accept(entry);
    if (entry.event() instanceof Event.AlertChanged changed) {
      notes.computeIfAbsent(changed.alert().id(), k -> new ArrayList<>())
          .add(new Note(entry.time(), changed.event(), changed.by(), changed.note(), changed.reason()));
    } else if (entry.event() instanceof Event.Verified verify) {
      verified.merge(verify.program(), new Verification(verify.date(), verify.by(), entry.time(), verify.note()),
          (a, b) -> a.date().isAfter(b.date()) ? a : b);
    } else if (entry.event() instanceof Event.SnapshotTaken taken) {
      snapshots.put(taken.snapshot(), Records.SnapshotEntry.of(taken, entry.time()));
    } else if (entry.event() instanceof Event.Checked check) {
      checks.computeIfAbsent(check.sourceId(), k -> new ArrayList<>())
          .add(Records.CheckEntry.of(check, entry.time(), text.length()));
      // a capture is one of the source's versions once a good check names it, as Records.snapshots has it
      Optional<Records.SnapshotEntry> named = check.snapshotId().filter(id -> check.good()).map(snapshots::get);
      named.ifPresent(s -> {
        List<Records.SnapshotEntry> versions = captures.computeIfAbsent(check.sourceId(), k -> new ArrayList<>());
        if (!versions.contains(s)) {
          versions.add(s);
        }
      });
    } else if (entry.event() instanceof Event.RunFinished run) {
      tiers.putAll(run.tiers());
      runs.addFirst(run);
      if (runs.size() > RUNS_KEPT) {
        runs.removeLast();
      }
    }
  }

  synchronized Map<String, Alert> active() {
    return new LinkedHashMap<>(fold.active());
  }

  synchronized Optional<Alert> alert(String id) {
    return Optional.ofNullable(fold.active().get(id)).or(() -> Optional.ofNullable(resolved.get(id)));
  }

  synchronized List<Note> notes(String alertId) {
    return List.copyOf(notes.getOrDefault(alertId, List.of()));
  }

  synchronized Optional<Verification> verified(String program) {
    return Optional.ofNullable(verified.get(program));
  }

  synchronized List<Records.CheckEntry> checks(String source) {
    return List.copyOf(checks.getOrDefault(source, List.of()));
  }

  /** The source's good captures, oldest first. */
  synchronized List<Records.SnapshotEntry> captures(String source) {
    return List.copyOf(captures.getOrDefault(source, List.of()));
  }

  synchronized Optional<Records.SnapshotEntry> snapshot(String id) {
    return Optional.ofNullable(snapshots.get(id));
  }

  /** How the last run that checked the claim found its quote ("exact", "folded", "not found" …). */
  synchronized Optional<String> tier(String program, String claim) {
    return Optional.ofNullable(tiers.get(program + "/" + claim));
  }

  synchronized List<Event.RunFinished> runs() {
    return List.copyOf(runs);
  }

  /** {@code LINE:SHA256}, as status and report.json give it. */
  synchronized String head() {
    return lines + ":" + head;
  }
}
