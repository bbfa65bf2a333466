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
import org.citewatch.evaluate.Evaluator;
import org.citewatch.evaluate.QuoteLocator;
import org.citewatch.evaluate.QuoteMatch;
import org.citewatch.evaluate.Tier;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Anchor;
import org.citewatch.model.Attribution;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Figure;
import org.citewatch.model.Program;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.citewatch.store.Store;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;

/**
 * {@code citewatch verify}: a maintainer has re-read a program against its sources. Its staleness
 * counts from the verification date; its claims are re-baselined on the current snapshots (new
 * anchors); the changes of its sources count as read; a claim whose quote is still not found
 * stays alerted.
 */
public final class Verification {

  /** What a verification settled. */
  public record Outcome(List<Alert> resolved, List<Alert> stillOpen) {}

  /**
   * What sources.yaml must say for an open claim alert to clear: the claim's quote and figure as
   * the official page states them now, where the page lets citewatch tell; empty where only a
   * person can (the clause is gone, or the quote never stood there).
   */
  public record Fix(Alert alert, Claim claim, Optional<String> quote, Optional<String> figure, String why) {
    public boolean automatic() {
      return quote.isPresent() || figure.isPresent();
    }
  }

  private final Config config;
  private final Store store;
  private final Clock clock;

  public Verification(Config config, Store store, Clock clock) {
    this.config = config;
    this.store = store;
    this.clock = clock;
  }

  /**
   * @param who the maintainer, with their note; its time is when the verification is recorded
   * @param formerFigures by claim id, the figures {@code verify --accept} replaced by the official ones
   */
  public Outcome verify(Program program, LocalDate date, Attribution who, Map<String, Figure> formerFigures)
      throws IOException {
    Evaluator evaluator = new Evaluator(clock);
    Config only = new Config(config.file(), config.settings(), config.sources(), List.of(program), config.warnings());
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
        // a claim taken out of sources.yaml has nothing left to be wrong about
        case CLAIM_MISSING, CLAIM_CHANGED, FIGURE_CHANGED, CLAIM_NOT_FOUND ->
            alert.claim().map(c -> !isClaimOf(program, c) || !stillWrong.contains(c)).orElse(false);
        default -> false;
      };
      (settles ? settled : open).add(alert);
    }
    store.verify(program.id(), date, who, settled, formerFigures);
    return new Outcome(settled, open);
  }

  /** For each open claim alert of the program, what sources.yaml should say now. */
  public List<Fix> fixes(Program program) throws IOException {
    List<Fix> fixes = new ArrayList<>();
    Map<String, Anchor> anchors = store.anchors();
    for (Alert alert : store.alerts().values()) {
      if (!alert.isActive() || !alert.program().map(program.id()::equals).orElse(false) || alert.claim().isEmpty()
          || alert.kind().aboutSitePage()) {
        continue;
      }
      Optional<Claim> claim = program.claims().stream().filter(c -> c.id().equals(alert.claim().get())).findFirst();
      Optional<Snapshot> snapshot = claim.isPresent() ? store.latest(claim.get().sourceId()) : Optional.empty();
      if (claim.isEmpty() || claim.get().quote().isEmpty() || snapshot.isEmpty()) {
        continue;
      }
      fixes.add(fix(alert, claim.get(), new QuoteLocator(snapshot.get().text()),
          anchors.get(Evaluator.anchorKey(program, claim.get()))));
    }
    return fixes;
  }

  /** @param anchor where the claim's quote stood when it last held; null when it never has */
  private static Fix fix(Alert alert, Claim claim, QuoteLocator locator, Anchor anchor) {
    String quote = claim.quote().orElseThrow();
    Optional<QuoteMatch> match = locator.find(quote);
    if (match.isPresent() && match.get().tier() != Tier.APPROXIMATE) {
      List<QuoteMatch.FigurePair> changed = match.get().changedFigures();
      if (changed.isEmpty()) {
        return new Fix(alert, claim, Optional.empty(), Optional.empty(), "the quote holds on the latest capture");
      }
      String now = quote;
      for (QuoteMatch.FigurePair pair : changed) {
        now = now.replace(pair.quotedAs(), pair.onPageAs());
      }
      Optional<String> figure = claim.figure()
          .flatMap(f -> changed.stream().filter(p -> p.quoted().equals(f)).findFirst())
          .map(p -> FigureReader.readOne(p.onPageAs()).isPresent() ? p.onPageAs() : p.onPage().toString());
      return new Fix(alert, claim, Optional.of(now), figure, "the official page now states "
          + String.join(", ", changed.stream().map(p -> p.onPage().toString()).toList()));
    }
    Optional<String> passage = match.map(QuoteMatch::passage)
        .or(() -> alert.kind() == AlertKind.CLAIM_NOT_FOUND || anchor == null ? Optional.empty()
            : locator.between(anchor))
        .filter(p -> !p.isBlank() && alert.kind() != AlertKind.CLAIM_NOT_FOUND)
        .map(p -> p.replace(" | ", " "));
    if (passage.isEmpty()) {
      return new Fix(alert, claim, Optional.empty(), Optional.empty(), alert.kind() == AlertKind.CLAIM_NOT_FOUND
          ? "the quote never stood on the page: copy the official wording from the page by hand"
          : "the clause is no longer on the page: find where it went, or remove the claim");
    }
    Optional<String> figure = claim.figure().flatMap(f -> {
      List<Figure> stated = FigureReader.find(passage.get()).stream().map(FigureSpan::figure).toList();
      List<FigureSpan> sameKind = FigureReader.find(passage.get()).stream().filter(s -> s.figure().sameKindAs(f))
          .toList();
      return stated.contains(f) || sameKind.size() != 1 ? Optional.empty() : Optional.of(sameKind.get(0).written());
    });
    return new Fix(alert, claim, passage, figure, "the official page now reads differently");
  }

  private static boolean isClaimOf(Program program, String claimId) {
    return program.claims().stream().map(Claim::id).anyMatch(claimId::equals);
  }
}
