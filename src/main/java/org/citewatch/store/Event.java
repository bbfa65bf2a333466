package org.citewatch.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.citewatch.fetch.Attempt;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Anchor;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Snapshot;

/**
 * What one journal line says. Each kind of line is a record here, and this is the one place its
 * fields are named: the store writes these, and recovery, audit, export and every command read
 * them back, so all agree on what a line means. A line's {@code seq}, {@code prev} and {@code
 * time} are its envelope ({@link Journal.Entry}); the {@code type} field names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = Event.Unknown.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = Event.RunStarted.class, name = "run-started"),
    @JsonSubTypes.Type(value = Event.RunFinished.class, name = "run-finished"),
    @JsonSubTypes.Type(value = Event.SnapshotTaken.class, name = "snapshot"),
    @JsonSubTypes.Type(value = Event.Checked.class, name = "check"),
    @JsonSubTypes.Type(value = Event.AlertChanged.class, name = "alert"),
    @JsonSubTypes.Type(value = Event.AnchorMoved.class, name = "anchor"),
    @JsonSubTypes.Type(value = Event.BaselineAccepted.class, name = "baseline"),
    @JsonSubTypes.Type(value = Event.Verified.class, name = "verify"),
    @JsonSubTypes.Type(value = Repair.class, name = "repair"),
    @JsonSubTypes.Type(value = Event.Sealed.class, name = "seal"),
    @JsonSubTypes.Type(value = Event.Timestamped.class, name = "timestamp"),
    @JsonSubTypes.Type(value = Event.NotifyQueued.class, name = "notify-queued"),
    @JsonSubTypes.Type(value = Event.NotifySent.class, name = "notify-sent")})
public sealed interface Event permits Event.RunStarted, Event.RunFinished, Event.SnapshotTaken, Event.Checked,
    Event.AlertChanged, Event.AnchorMoved, Event.BaselineAccepted, Event.Verified, Repair, Event.Sealed,
    Event.Timestamped, Event.NotifyQueued, Event.NotifySent, Event.Unknown {

  /** The WARC ranges the line says were written: the bytes the journal vouches for. */
  default List<WarcRef> written() {
    return List.of();
  }

  /** A run begins, with the sources it will check. */
  record RunStarted(String run, List<String> sources) implements Event {
    public RunStarted {
      sources = List.copyOf(sources);
    }
  }

  /** How many sources a run checked, and what became of them. */
  record Counts(int checked, int changed, int unchanged, int failed) {}

  /**
   * A run's end: its summary (report.json's {@code run}), the alerts it raised and saw, and how many
   * notifications are still waiting in the outbox.
   *
   * @param alertsAt when the run's alerts were decided; a run that saw an alert moves its last_seen here
   * @param tiers how each claim checked in the run was found ("exact", "folded", "not found" …), by
   *     "program/claim"
   */
  record RunFinished(String id, Instant started, Instant finished, int exitCode, Counts sources, List<String> raised,
      Optional<Instant> alertsAt, Map<String, Long> openAlerts, List<String> seen, int outboxPending,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tiers) implements Event {
    public RunFinished {
      raised = raised == null ? List.of() : List.copyOf(raised);
      seen = seen == null ? List.of() : List.copyOf(seen);
      openAlerts = openAlerts == null ? Map.of() : Map.copyOf(openAlerts);
      tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
    }

    /** The run object of report.json, out of this line. */
    RunSummary summary() {
      return new RunSummary(id, started, finished, exitCode, sources.checked(), sources.changed(),
          sources.unchanged(), sources.failed(), 0);
    }

    /**
     * The line that closes a run.
     *
     * @param alertsAt when the run's alerts were journaled
     * @param active the alerts open or acknowledged after the run, counted by severity and listed as seen
     * @param outboxPending the notifications still queued after the run sent what it could
     */
    public static RunFinished of(RunSummary run, Set<String> raised, Instant alertsAt, List<Alert> active,
        int outboxPending, Map<String, String> tiers) {
      Map<String, Long> open = new LinkedHashMap<>();
      for (AlertKind.Severity severity : AlertKind.Severity.values()) {
        open.put(severity.name().toLowerCase(Locale.ROOT),
            active.stream().filter(a -> a.kind().severity() == severity).count());
      }
      return new RunFinished(run.id(), run.started(), run.finished(), run.exitCode(),
          new Counts(run.checked(), run.changed(), run.unchanged(), run.failed()), raised.stream().sorted().toList(),
          Optional.of(alertsAt), open, active.stream().map(Alert::id).toList(), outboxPending, tiers);
    }
  }

  /**
   * A new body stored: the snapshot it makes and where its records lie. The line's time is the
   * capture's.
   */
  record SnapshotTaken(String snapshot, String source, String url, int status, String warc, long requestOffset,
      long responseOffset, long conversionOffset, long endOffset, String responseRecordId, String payloadDigest,
      long payloadLength, String contentDigest, Optional<Boolean> selectorMatched, Optional<String> rules,
      Optional<Integer> textLength) implements Event {

    static SnapshotTaken of(Snapshot snapshot, WarcFiles.Written written, long payloadLength) {
      return new SnapshotTaken(snapshot.id(), snapshot.sourceId(), snapshot.url(), snapshot.status(), written.file(),
          written.requestOffset(), written.responseOffset(), written.conversionOffset(), written.end(),
          written.responseRecordId(), snapshot.payloadDigest(), payloadLength, snapshot.contentDigest(),
          Optional.of(snapshot.selectorMatched()), Optional.ofNullable(snapshot.rules()),
          Optional.of(snapshot.textLength()));
    }

    /** The snapshot as the index keeps it: a reference, its blocks left in the conversion record. */
    public Snapshot toSnapshot(Instant captured) {
      return new Snapshot(snapshot, source, captured, url, status, payloadDigest, contentDigest, warc, responseOffset,
          conversionOffset, responseRecordId, selectorMatched.orElse(true), List.of(), rules.orElse(null),
          textLength.orElse(-1));
    }

    public WarcRef records() {
      return new WarcRef(warc, requestOffset, endOffset);
    }

    @Override
    public List<WarcRef> written() {
      return List.of(records());
    }
  }

  /**
   * A finished check of one source ({@link Check}), as it is journaled: the line's time is when it
   * started, and what the records it names already say (the URL of a response, the content digest of
   * an unchanged page) is left out, to keep the line that every unchanged check costs short.
   */
  record Checked(String sourceId, Optional<URI> url, Optional<URI> finalUrl, Optional<Integer> status,
      List<Attempt> attempts, Check.Outcome outcome, Optional<String> snapshotId, Optional<String> payloadDigest,
      Optional<String> contentDigest, Optional<WarcRef> record,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<URI> redirects, Optional<String> error,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WarcRef> redirectRecords) implements Event {

    public Checked {
      attempts = attempts == null ? List.of() : List.copyOf(attempts);
      redirects = redirects == null ? List.of() : List.copyOf(redirects);
      redirectRecords = redirectRecords == null ? List.of() : List.copyOf(redirectRecords);
    }

    static Checked of(Check check) {
      return new Checked(check.sourceId(), check.record().isPresent() ? Optional.empty() : Optional.of(check.url()),
          check.finalUrl(), check.status(), check.attempts(), check.outcome(), check.snapshotId(),
          check.payloadDigest(), check.outcome() == Check.Outcome.UNCHANGED ? Optional.empty() : check.contentDigest(),
          check.record(), check.redirects(), check.error(), check.redirectRecords());
    }

    /** Whether the check ended with the page read: its snapshot is the source's baseline. */
    public boolean good() {
      return outcome == Check.Outcome.NEW || outcome == Check.Outcome.CHANGED || outcome == Check.Outcome.UNCHANGED;
    }

    /** Every WARC range this check wrote: its redirect hops, then its response or revisit. */
    @Override
    public List<WarcRef> written() {
      return record.map(r -> Stream.concat(redirectRecords.stream(), Stream.of(r)).toList()).orElse(redirectRecords);
    }
  }

  /**
   * An alert raised, updated, acknowledged or resolved: the whole alert as it now stands, and for a
   * maintainer's act who did it, why, and their note.
   */
  record AlertChanged(String event, Alert alert, Optional<String> by, Optional<String> reason, Optional<String> note)
      implements Event {

    static AlertChanged of(String event, Alert alert) {
      return new AlertChanged(event, alert, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean acknowledgement() {
      return event.equals("acknowledged");
    }
  }

  /** Where a claim's quote now stands. */
  record AnchorMoved(String claim, Anchor anchor) implements Event {}

  /** A maintainer accepted a capture that a guard held back as the source's baseline. */
  record BaselineAccepted(String source, String snapshot, String by, Optional<String> note) implements Event {}

  /**
   * A maintainer re-verified a program.
   *
   * @param formerFigures by claim id, the figure a claim stated before {@code verify --accept} wrote the official one
   */
  record Verified(String program, LocalDate date, String by, Optional<String> note,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> formerFigures) implements Event {
    public Verified {
      formerFigures = formerFigures == null ? Map.of() : Map.copyOf(formerFigures);
    }
  }

  /** The journal's head signed with the store's Ed25519 key: line number and SHA-256 of the line sealed. */
  record Sealed(long sealedLine, String sealedSha256, String key, String signature) implements Event {}

  /**
   * An RFC 3161 time-stamp token over the journal's head, from {@code settings.timestamp_authority}.
   *
   * @param token the DER TimeStampToken, base64
   */
  record Timestamped(long stampedLine, String stampedSha256, String authority, Instant genTime, String token)
      implements Event {}

  /** A notification queued before any notifier is tried; notifiers by their place in settings.notify. */
  record NotifyQueued(String notification, List<String> alerts, List<Integer> notifiers) implements Event {
    public NotifyQueued {
      alerts = alerts == null ? List.of() : List.copyOf(alerts);
      notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
    }
  }

  /** The notifiers that accepted a queued notification. */
  record NotifySent(String notification, List<Integer> notifiers) implements Event {
    public NotifySent {
      notifiers = notifiers == null ? List.of() : List.copyOf(notifiers);
    }
  }

  /** A line of a type this citewatch does not know (a newer one wrote it): kept in the chain, read as nothing. */
  record Unknown() implements Event {}
}
