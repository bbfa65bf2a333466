package org.citewatch.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.citewatch.model.Alert;
import org.citewatch.model.Attribution;
import org.citewatch.model.Figure;
import org.citewatch.model.Snapshot;
import org.citewatch.text.FigureReader;

/**
 * What maintainers record in the store: acknowledgements, verifications, accepted baselines. Each
 * is journaled with who and why, sealed when the store has a key, and then put in the index. The
 * {@link Store} holds its lock while any of them writes.
 */
final class MaintainerRecords {

  static final String FORMER_FIGURE = "former-figure:";

  private final Path journalFile;
  private final Journal journal;
  private final Index index;
  private final Sealer sealer;

  MaintainerRecords(Path journalFile, Journal journal, Index index, Sealer sealer) {
    this.journalFile = journalFile;
    this.journal = journal;
    this.index = index;
    this.sealer = sealer;
  }

  /**
   * A maintainer acknowledges an alert: it stays until its condition clears, but is marked as seen
   * to. The journal line says who, when and why.
   */
  Alert acknowledge(String idOrPrefix, Attribution who) throws IOException {
    List<Alert> matching = index.alerts().values().stream()
        .filter(a -> a.id().startsWith(idOrPrefix) && idOrPrefix.length() >= 4).toList();
    List<String> resolved = matching.isEmpty() && idOrPrefix.length() >= 4 ? index.resolvedIds(idOrPrefix) : List.of();
    if (matching.isEmpty() && resolved.size() == 1) {
      throw new IllegalArgumentException("alert " + resolved.get(0) + " is already resolved; nothing to acknowledge");
    }
    if (matching.size() != 1) {
      throw new IllegalArgumentException(matching.isEmpty() && resolved.isEmpty()
          ? "no alert '" + idOrPrefix + "'; citewatch alerts lists their ids"
          : "'" + idOrPrefix + "' matches " + (matching.size() + resolved.size()) + " alerts; give more of the id");
    }
    Alert alert = matching.get(0);
    Alert acknowledged = alert.acknowledged(who);
    journal.append(new Event.AlertChanged("acknowledged", acknowledged, Optional.of(who.by()), Optional.empty(),
        who.note()), who.at());
    sealer.seal(who.at());
    index.put(acknowledged);
    Reindexer.Checkpoint.at(journal).writeTo(index);
    index.commit();
    return acknowledged;
  }

  /**
   * @param formerFigures by claim id, the figure a claim stated before {@code verify --accept} wrote
   *     the official one: the site's page may still show it
   */
  void verify(String program, LocalDate date, Attribution who, List<Alert> settled,
      Map<String, Figure> formerFigures) throws IOException {
    Instant at = who.at();
    Map<String, String> former = new TreeMap<>();
    formerFigures.forEach((claim, figure) -> former.put(claim, figure.toString()));
    former.forEach((claim, figure) -> index.meta(FORMER_FIGURE + program + "/" + claim, figure));
    journal.append(new Event.Verified(program, date, who.by(), who.note(), former), at);
    for (Alert alert : settled) {
      Alert resolved = alert.withState(Alert.State.RESOLVED);
      journal.append(new Event.AlertChanged("resolved", resolved, Optional.of(who.by()),
          Optional.of("verified " + program), who.note()), at);
      index.put(resolved);
    }
    sealer.seal(at);
    index.meta("verified:" + program, date.toString());
    Reindexer.Checkpoint.at(journal).writeTo(index);
    index.commit();
  }

  /**
   * A maintainer accepts a source's latest capture, which a guard held back (it shrank, or reads
   * like an error page), as its baseline: journaled with who and why, compared with from the next
   * run on.
   *
   * @throws IllegalArgumentException when there is no such capture to accept, saying why
   */
  Snapshot acceptBaseline(String sourceId, String by, String why, Instant at) throws IOException {
    Snapshot[] latest = {null};
    JournalReader.forEach(journalFile, sourceId, line -> line.event(Event.SnapshotTaken.class)
        .filter(taken -> taken.source().equals(sourceId))
        .ifPresent(taken -> latest[0] = taken.toSnapshot(line.entry().get().time())));
    if (latest[0] == null) {
      throw new IllegalArgumentException("no capture of '" + sourceId + "' to accept: citewatch keeps a capture "
          + "that a guard held back only when the page could be read (a challenge, a non-text body or a failed "
          + "fetch is never a baseline)");
    }
    Snapshot accepted = latest[0];
    Optional<SourceState> state = index.source(sourceId);
    if (state.flatMap(SourceState::latest).map(s -> s.id().equals(accepted.id())).orElse(false)) {
      throw new IllegalArgumentException("the latest capture of '" + sourceId + "', " + accepted.id()
          + ", is already its baseline");
    }
    journal.append(new Event.BaselineAccepted(sourceId, accepted.id(), by, Optional.of(why)), at);
    index.put(new SourceState(sourceId, Optional.of(accepted), state.flatMap(SourceState::etag),
        state.flatMap(SourceState::lastModified), state.flatMap(SourceState::lastChecked)));
    Reindexer.Checkpoint.at(journal).writeTo(index);
    index.commit();
    return accepted;
  }

  /** By claim id: the figure each claim of the program stated before a maintainer accepted the official one. */
  public Map<String, Figure> formerFigures(String program) {
    Map<String, Figure> former = new HashMap<>();
    String prefix = FORMER_FIGURE + program + "/";
    index.metaWithPrefix(prefix).forEach((key, value) ->
        FigureReader.readOne(value).ifPresent(f -> former.put(key.substring(prefix.length()), f)));
    return former;
  }
}
