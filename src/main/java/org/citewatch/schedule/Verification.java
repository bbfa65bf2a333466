package org.citewatch.schedule;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citewatch.model.Alert;
import org.citewatch.model.Anchor;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Program;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.citewatch.evaluate.Evaluator;
import org.citewatch.store.Store;

/**
 * {@code citewatch verify}: a maintainer has re-read a program against its sources. Its staleness
 * counts from the verification date; its claims are re-baselined on the current snapshots (new
 * anchors); the changes of its sources count as read; a claim whose quote is still not found
 * stays alerted.
 */
public final class Verification {

  /** What a verification settled. */
  public record Outcome(List<Alert> resolved, List<Alert> stillOpen) {}

  private final Config config;
  private final Store store;
  private final Clock clock;

  public Verification(Config config, Store store, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
  }

  public Outcome verify(Program program, LocalDate date, String by, Optional<String> note) throws IOException {
    Evaluator evaluator = new Evaluator(clock);
    Config only = new Config(config.file(), config.settings(), config.sources(), List.of(program));
    Set<String> sources = new HashSet<>();
    program.claims().forEach(c -> sources.add(c.sourceId()));
    Set<String> stillWrong = new HashSet<>();
    Map<String, Anchor> anchors = new HashMap<>();
    for (String sourceId : sources) {
      Optional<Source> source = config.source(sourceId);
      Optional<Snapshot> snapshot = store.latest(sourceId);
      if (source.isEmpty() || snapshot.isEmpty()) {
        continue;
      }
      Evaluator.ClaimResults results = evaluator.claims(only, source.get(), snapshot.get(), store.anchors());
      anchors.putAll(results.anchors());
      results.findings().forEach(f -> f.claim().ifPresent(stillWrong::add));
    }
    store.anchors(anchors, clock.instant());
    List<Alert> settled = new ArrayList<>();
    List<Alert> open = new ArrayList<>();
    for (Alert alert : store.alerts().values()) {
      if (!alert.isActive() || !alert.programs().contains(program.id())) {
        continue;
      }
      boolean settles = switch (alert.kind()) {
        case STALE_VERIFICATION -> true;
        case SOURCE_CHANGED -> alert.source().map(sources::contains).orElse(false);
        case CLAIM_MISSING, CLAIM_CHANGED, FIGURE_CHANGED, CLAIM_NOT_FOUND ->
            alert.claim().map(c -> !stillWrong.contains(c) && isClaimOf(program, c)).orElse(false);
        default -> false;
      };
      (settles ? settled : open).add(alert);
    }
    store.verify(program.id(), date, by, note, settled, clock.instant());
    return new Outcome(settled, open);
  }

  private static boolean isClaimOf(Program program, String claimId) {
    return program.claims().stream().map(Claim::id).anyMatch(claimId::equals);
  }
}
