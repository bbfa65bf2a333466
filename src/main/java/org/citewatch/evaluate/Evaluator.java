package org.citewatch.evaluate;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.citewatch.compare.Change;
import org.citewatch.compare.WordDiff;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Anchor;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Evidence;
import org.citewatch.model.Figure;
import org.citewatch.model.Finding;
import org.citewatch.model.Program;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;

/** Turns snapshots and config into findings: claims that no longer hold, changes, staleness. */
public final class Evaluator {

  private final Clock clock;

  public Evaluator(Clock clock) {
    this.clock = clock;
  }

  /**
   * What checking the claims on one source found: findings, and a fresh anchor for every claim
   * that holds, keyed by {@link #anchorKey}.
   */
  public record ClaimResults(List<Finding> findings, Map<String, Anchor> anchors, Map<String, String> tiers) {
    public ClaimResults {
      findings = List.copyOf(findings);
      anchors = Map.copyOf(anchors);
      tiers = Map.copyOf(tiers);
    }
  }

  /** Whether any claim quotes this source: only then is its text needed at all. */
  public static boolean hasQuotedClaims(Config config, Source source) {
    return config.programs().stream().flatMap(p -> p.claims().stream())
        .anyMatch(c -> c.sourceId().equals(source.id()) && c.quote().isPresent());
  }

  public static String anchorKey(Program program, Claim claim) {
    return program.id() + "/" + claim.id();
  }

  /**
   * Every claim resting on {@code source}, checked against its current snapshot.
   *
   * @param anchors where each claim's quote stood when it last held
   */
  public ClaimResults claims(Config config, Source source, Snapshot snapshot, Map<String, Anchor> anchors) {
    if (!hasQuotedClaims(config, source)) {
      // most official pages of a large config back no quote: preparing them for matching is waste
      return new ClaimResults(List.of(), Map.of(), Map.of());
    }
    QuoteLocator locator = new QuoteLocator(snapshot.text());
    List<Finding> findings = new ArrayList<>();
    Map<String, Anchor> fresh = new HashMap<>();
    Map<String, String> tiers = new HashMap<>();
    for (Program program : config.programs()) {
      for (Claim claim : program.claims()) {
        if (claim.sourceId().equals(source.id()) && claim.quote().isPresent()) {
          String key = anchorKey(program, claim);
          String quote = claim.quote().get();
          Optional<QuoteMatch> match = locator.find(quote);
          match.filter(m -> m.tier() != Tier.APPROXIMATE).ifPresent(m -> fresh.put(key, locator.anchor(quote, m)));
          tiers.put(key, match.map(m -> m.changedFigures().isEmpty() ? m.tier().label() : m.tier().label()
              + ", figure changed")
              .orElse("not found"));
          Optional<Anchor> anchor = Optional.ofNullable(anchors.get(key)).filter(a -> a.quote().equals(quote));
          boolean holds = match.isPresent() && match.get().tier() != Tier.APPROXIMATE;
          if (anchor.isEmpty() && !holds) {
            findings.add(notFound(program, claim, locator));
          } else {
            (match.isPresent() ? found(program, claim, match.get())
                : Optional.of(lost(program, claim, locator, anchor.orElseThrow()))).ifPresent(findings::add);
          }
        }
      }
    }
    return new ClaimResults(findings, fresh, tiers);
  }

  /**
   * A quote no longer found, whose anchor says where it stood: what stands there now, if anything.
   * A close passage is told word by word (by {@link #found}); only when none is close enough does
   * the anchor say what replaced the clause where it stood.
   */
  private Finding lost(Program program, Claim claim, QuoteLocator locator, Anchor anchor) {
    String quote = claim.quote().orElseThrow();
    Optional<String> standsNow = locator.between(anchor);
    if (standsNow.isPresent() && !standsNow.get().isEmpty()) {
      return finding(AlertKind.CLAIM_CHANGED, program, claim,
          "where the quoted clause stood, the source now says \u201C" + standsNow.get() + "\u201D",
          Evidence.of(quote, standsNow.get()));
    }
    String where = standsNow.isPresent() ? " (it was removed from where it stood)" : "";
    return finding(AlertKind.CLAIM_MISSING, program, claim,
        "the quoted clause is no longer on the source: \u201C" + quote + "\u201D" + where, Evidence.of(quote, null));
  }

  /** A quote found again: reworded, with a figure changed, or holding. */
  private Optional<Finding> found(Program program, Claim claim, QuoteMatch match) {
    String quote = claim.quote().orElseThrow();
    if (match.tier() == Tier.APPROXIMATE) {
      return Optional.of(finding(AlertKind.CLAIM_CHANGED, program, claim, reworded(quote, match),
          Evidence.of(quote, match.passage())));
    }
    List<QuoteMatch.FigurePair> changed = match.changedFigures();
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    String what = String.join(", ", changed.stream()
        .map(p -> p.onPage() + " where the program says " + p.quoted()).toList());
    return Optional.of(finding(AlertKind.FIGURE_CHANGED, program, claim,
        "the source now states " + what, Evidence.of(quote, match.passage())));
  }

  /**
   * A quote that never held: nothing has changed, the wording was not copied from this page (or
   * not from this version of it). The closest passage tells the maintainer what to copy.
   */
  private static Finding notFound(Program program, Claim claim, QuoteLocator locator) {
    String quote = claim.quote().orElseThrow();
    Optional<QuoteMatch> closest = locator.closest(quote);
    String hint = "; copy the official wording from the page into sources.yaml (quote:), or check the claim's source:";
    if (closest.isEmpty()) {
      return finding(AlertKind.CLAIM_NOT_FOUND, program, claim,
          "the quote has never stood on the source, and nothing on the page is close to it" + hint,
          Evidence.of(quote, null));
    }
    return finding(AlertKind.CLAIM_NOT_FOUND, program, claim, String.format(Locale.ROOT,
        "the quote has never stood on the source; the closest passage (%d%% alike) is \u201C%s\u201D%s",
        Math.round(closest.get().similarity() * 100), closest.get().passage(), hint),
        Evidence.of(quote, closest.get().passage()));
  }

  /** "the quoted clause now reads differently (85% alike): added «…»; removed «…»". */
  static String reworded(String quote, QuoteMatch match) {
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (WordDiff.Segment segment : WordDiff.between(quote, match.passage())) {
      String words = WordDiff.bare(segment.text());
      if (words.isEmpty()) {
        continue;
      }
      if (segment.kind() == WordDiff.Kind.ADDED) {
        added.add("\u00AB" + words + "\u00BB");
      } else if (segment.kind() == WordDiff.Kind.REMOVED) {
        removed.add("\u00AB" + words + "\u00BB");
      }
    }
    StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
        "the quoted clause now reads differently on the source (%d%% alike)", Math.round(match.similarity() * 100)));
    if (!added.isEmpty()) {
      message.append("; added ").append(String.join(", ", added));
    }
    if (!removed.isEmpty()) {
      message.append("; removed ").append(String.join(", ", removed));
    }
    return message.toString();
  }

  private static Finding finding(AlertKind kind, Program program, Claim claim, String message, Evidence evidence) {
    return Finding.forClaim(kind, program.id(), claim.id(), claim.sourceId(), message, evidence);
  }

  /**
   * SOURCE_CHANGED for a source whose content changed, told even when claim alerts were raised on
   * it: only the blocks those alerts already show are left out, so a deleted fee row beside a
   * changed clause is not hidden behind it. A claim that states a figure with no quote is named,
   * with the figures of its kind that the changed blocks stated and state now.
   */
  public Optional<Finding> sourceChanged(Config config, Source source, Snapshot current, List<Change> changes,
      List<Finding> claimFindings) {
    List<String> removed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (Change change : changes) {
      List<Boolean> shown = new ArrayList<>();
      for (String block : change.before()) {
        shown.add(shownBy(block, claimFindings, false));
        if (!shown.get(shown.size() - 1)) {
          removed.add(block);
        }
      }
      // a block rewritten in place of one a claim alert shows is that alert's to tell
      for (int k = 0; k < change.after().size(); k++) {
        String block = change.after().get(k);
        boolean rewritten = change.type() == Change.Type.CHANGED && k < shown.size() && shown.get(k);
        if (!rewritten && !shownBy(block, claimFindings, true)) {
          added.add(block);
        }
      }
    }
    if (removed.isEmpty() && added.isEmpty()) {
      return Optional.empty();
    }
    String message = String.format(Locale.ROOT, claimFindings.isEmpty()
        ? "the page changed (%d block(s) removed or rewritten, %d added or rewritten) while every claim on it still "
            + "holds; re-read it"
        : "the page also changed outside the claim alerts on it (%d block(s) removed or rewritten, %d added or "
            + "rewritten); re-read it",
        removed.size(), added.size()) + unquotedFigures(config, source, removed, added);
    return Optional.of(Finding.forSource(AlertKind.SOURCE_CHANGED, source.id(), config.programsCiting(source.id()),
        message, Evidence.of(String.join("\n", removed), String.join("\n", added)))
        .withDiscriminator(current.contentDigest()));
  }

  /** Whether a claim alert already shows this block: its quote stood in it, or its passage stands in it now. */
  private static boolean shownBy(String block, List<Finding> claimFindings, boolean after) {
    for (Finding finding : claimFindings) {
      if (finding.claim().isEmpty()) {
        continue;
      }
      if (after) {
        Optional<String> passage = finding.evidence().after().filter(p -> !p.isEmpty());
        if (passage.isPresent() && (block.contains(passage.get()) || passage.get().contains(block))) {
          return true;
        }
      } else {
        Optional<String> quote = finding.evidence().before().filter(q -> !q.isEmpty());
        if (quote.isPresent() && new QuoteLocator(block).find(quote.get()).isPresent()) {
          return true;
        }
      }
    }
    return false;
  }

  /** "; it backs xk/fee (€30) with no quote: the changed blocks stated 30 EUR and now state 35 EUR". */
  private static String unquotedFigures(Config config, Source source, List<String> removed, List<String> added) {
    List<String> parts = new ArrayList<>();
    for (Program program : config.programs()) {
      for (Claim claim : program.claims()) {
        if (!claim.sourceId().equals(source.id()) || claim.quote().isPresent() || claim.figure().isEmpty()) {
          continue;
        }
        Figure figure = claim.figure().get();
        List<String> before = sameKind(figure, removed);
        List<String> now = sameKind(figure, added);
        String part = program.id() + "/" + claim.id() + " states " + figure + " with no quote to check it against";
        if (!before.isEmpty() || !now.isEmpty()) {
          part += ": the changed blocks stated " + (before.isEmpty() ? "none" : String.join(", ", before))
              + " and now state " + (now.isEmpty() ? "none" : String.join(", ", now));
        }
        parts.add(part);
      }
    }
    return parts.isEmpty() ? "" : "; " + String.join("; ", parts);
  }

  private static List<String> sameKind(Figure figure, List<String> blocks) {
    return blocks.stream().flatMap(b -> FigureReader.find(b).stream()).map(FigureSpan::figure)
        .filter(figure::sameKindAs).distinct().map(Figure::toString).toList();
  }

  /**
   * STALE_VERIFICATION and UNSOURCED_FIGURE: conditions of the programs themselves, told without
   * fetching anything.
   *
   * @param verifiedOn the latest recorded re-verification of each program, where newer than its config date
   */
  public List<Finding> programs(Config config, Map<String, LocalDate> verifiedOn) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Finding> findings = new ArrayList<>();
    for (Program program : config.programs()) {
      LocalDate verified = verifiedOn.getOrDefault(program.id(), program.lastVerified());
      if (verified.isBefore(program.lastVerified())) {
        verified = program.lastVerified();
      }
      Duration staleAfter = program.staleAfter().orElse(config.settings().staleAfter());
      long age = ChronoUnit.DAYS.between(verified, today);
      if (age > staleAfter.toDays()) {
        findings.add(Finding.forProgram(AlertKind.STALE_VERIFICATION, program.id(),
            String.format(Locale.ROOT,
                "last verified %s, %d days ago; programs go stale after %d days. Re-check it against "
                + "its sources, then record it: citewatch verify %s (or update last_verified in sources.yaml)",
                verified, age, staleAfter.toDays(), program.id())));
      }
      for (Claim claim : program.claims()) {
        if (claim.figure().isPresent() && claim.quote().isEmpty()) {
          findings.add(Finding.forClaim(AlertKind.UNSOURCED_FIGURE, program.id(), claim.id(), claim.sourceId(),
              "the program states " + claim.figure().get() + " with no quote from the source to check it against; "
                  + "add the official wording as quote:", Evidence.none()));
        }
      }
    }
    return findings;
  }
}
