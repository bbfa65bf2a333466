package org.citewatch.evaluate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Claim;
import org.citewatch.model.Evidence;
import org.citewatch.model.Figure;
import org.citewatch.model.Finding;
import org.citewatch.model.Program;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;
import org.citewatch.text.NormalisedText;
import org.citewatch.text.PageDates;

/**
 * Does the site's page for a program still show what the official sources say? Its figures are
 * matched by value with the program's claims, the official clauses it quotes with the claims'
 * quotes, and the verification date it shows with citewatch's own record.
 */
public final class PageCheck {

  /**
   * What the official source of one claim says now that the claim does not.
   *
   * @param was the figure the claim states, if its figure changed
   * @param now the figure the official page states instead
   * @param wording the official page's wording now
   */
  public record OfficialChange(String claimId, Optional<Figure> was, Optional<Figure> now, Optional<String> wording) {}

  /**
   * What the page is checked against.
   *
   * @param changes by claim id: claims whose official source now says something else
   * @param formerFigures by claim id: the figure a claim stated before a maintainer accepted the official one
   * @param recorded the latest verification citewatch knows of (sources.yaml or {@code citewatch verify})
   * @param timeElements dates the page gives in {@code <time datetime>} next to a "verified" or "updated" label
   */
  public record Context(Program program, Map<String, OfficialChange> changes, Map<String, Figure> formerFigures,
      LocalDate recorded, List<PageDates.Stated> timeElements) {
    public Context {
      changes = Map.copyOf(changes);
      formerFigures = Map.copyOf(formerFigures);
      timeElements = List.copyOf(timeElements);
    }
  }

  /** A quoted clause on the page: “…”, „…“, «…» or "…", of three words or more. */
  private static final Pattern QUOTED = Pattern.compile(
      "\u201C([^\u201C\u201D\n]{8,}?)\u201D|\u201E([^\u201C\u201D\u201E\n]{8,}?)[\u201C\u201D]"
          + "|\u00AB([^\u00AB\u00BB\n]{8,}?)\u00BB|\"([^\"\n]{8,}?)\"");
  private static final int MIN_QUOTED_WORDS = 3;

  private PageCheck() {}

  /** An official clause the page quotes, and where its quotation marks stand. */
  public record QuotedClause(String text, int start, int end) {}

  /** A money or duration figure the page shows outside its quotes, with the line it stands in. */
  public record ShownFigure(FigureSpan span, String passage) {}

  public static List<Finding> check(String pageText, Context context) {
    List<Finding> findings = new ArrayList<>();
    List<QuotedClause> quoted = quotedClauses(pageText);
    quoted.forEach(q -> quote(q.text(), context).ifPresent(findings::add));
    shownFigures(pageText, quoted).forEach(f -> figure(f.span(), f.passage(), context).ifPresent(findings::add));
    date(pageText, context).ifPresent(findings::add);
    return findings;
  }

  public static List<QuotedClause> quotedClauses(String pageText) {
    List<QuotedClause> quoted = new ArrayList<>();
    Matcher m = QUOTED.matcher(pageText);
    while (m.find()) {
      int group = m.group(1) != null ? 1 : m.group(2) != null ? 2 : m.group(3) != null ? 3 : 4;
      String clause = m.group(group).strip();
      if (clause.split("\\s+").length >= MIN_QUOTED_WORDS) {
        quoted.add(new QuotedClause(clause, m.start(), m.end()));
      }
    }
    return quoted;
  }

  /** The page's typed figures (money and durations, not its dates and counts) outside the clauses it quotes. */
  public static List<ShownFigure> shownFigures(String pageText, List<QuotedClause> quoted) {
    List<ShownFigure> shown = new ArrayList<>();
    for (FigureSpan span : FigureReader.find(pageText)) {
      Figure.Dimension dimension = span.figure().dimension();
      boolean typed = dimension == Figure.Dimension.MONEY || dimension == Figure.Dimension.DURATION;
      if (typed && quoted.stream().noneMatch(q -> q.start() <= span.start() && span.end() <= q.end())) {
        shown.add(new ShownFigure(span, passage(pageText, span.start(), span.end())));
      }
    }
    return shown;
  }

  private static Optional<Finding> figure(FigureSpan span, String passage, Context context) {
    Figure shown = span.figure();
    Program program = context.program();
    for (OfficialChange change : context.changes().values()) {
      if (change.was().filter(shown::equals).isPresent() && change.now().filter(n -> !n.equals(shown)).isPresent()) {
        return Optional.of(finding(AlertKind.PAGE_OUTDATED, program, String.format(Locale.ROOT,
            "the site's page shows %s (\u201C%s\u201D) where the official source now states %s (claim %s)",
            span.written(), passage, change.now().get(), change.claimId()), Evidence.of(passage, null), shown)
            .withClaim(change.claimId()));
      }
    }
    boolean stated = program.claims().stream().anyMatch(c -> statedBy(c).contains(shown))
        || context.changes().values().stream().anyMatch(c -> c.now().filter(shown::equals).isPresent());
    if (stated) {
      return Optional.empty();
    }
    for (Map.Entry<String, Figure> former : context.formerFigures().entrySet()) {
      Optional<Claim> claim = program.claims().stream().filter(c -> c.id().equals(former.getKey())).findFirst();
      if (former.getValue().equals(shown) && claim.flatMap(Claim::figure).isPresent()) {
        return Optional.of(finding(AlertKind.PAGE_OUTDATED, program, String.format(Locale.ROOT,
            "the site's page still shows %s (\u201C%s\u201D); claim %s states %s now, as the official source does",
            span.written(), passage, former.getKey(), claim.get().figure().get()), Evidence.of(passage, null), shown)
            .withClaim(former.getKey()));
      }
    }
    return Optional.of(finding(AlertKind.PAGE_FIGURE_UNSOURCED, program, String.format(Locale.ROOT,
        "the site's page shows %s (\u201C%s\u201D), which no claim of %s states; add a claim with the official wording "
            + "that gives it, or take it off the page", span.written(), passage, program.id()),
        Evidence.of(passage, null), shown));
  }

  private static Optional<Finding> quote(String clause, Context context) {
    Program program = context.program();
    for (Claim claim : program.claims()) {
      if (claim.quote().isEmpty()) {
        continue;
      }
      String official = claim.quote().get();
      Optional<QuoteMatch> match = new QuoteLocator(clause).find(official)
          .or(() -> new QuoteLocator(official).find(clause));
      if (match.isEmpty()) {
        continue;
      }
      boolean same = match.get().tier() != Tier.APPROXIMATE && match.get().changedFigures().isEmpty();
      OfficialChange change = context.changes().get(claim.id());
      if (change != null && change.wording().map(w -> holds(w, clause)).orElse(false)) {
        // the page already quotes what the official source says now; the claim is what lags
        return Optional.empty();
      }
      if (same && change != null && change.wording().isPresent()) {
        return Optional.of(finding(AlertKind.PAGE_OUTDATED, program, String.format(Locale.ROOT,
            "the site's page quotes \u201C%s\u201D (claim %s), but the official source now reads \u201C%s\u201D",
            clause, claim.id(), change.wording().get()), Evidence.of(clause, change.wording().get()), null)
            .withClaim(claim.id()));
      }
      if (!same) {
        return Optional.of(finding(AlertKind.PAGE_OUTDATED, program, String.format(Locale.ROOT,
            "the site's page quotes \u201C%s\u201D, but claim %s quotes the official source as \u201C%s\u201D",
            clause, claim.id(), official), Evidence.of(clause, official), null).withClaim(claim.id()));
      }
      return Optional.empty();
    }
    return Optional.of(Finding.forSitePage(AlertKind.PAGE_QUOTE_UNTRACKED, program.id(), String.format(Locale.ROOT,
            "the site's page quotes \u201C%s\u201D, which no claim of %s tracks; add it as a claim to have it checked",
            clause, program.id()), Evidence.of(clause, null)).withDiscriminator(discriminator(clause)));
  }

  private static Optional<Finding> date(String pageText, Context context) {
    List<PageDates.Stated> stated = new ArrayList<>(PageDates.find(pageText));
    stated.addAll(context.timeElements());
    Comparator<PageDates.Stated> latest = Comparator.comparing(PageDates.Stated::date);
    Optional<PageDates.Stated> verified = stated.stream().filter(s -> s.kind() == PageDates.Kind.VERIFIED).max(latest)
        .or(() -> stated.stream().max(latest));
    if (verified.isEmpty() || !verified.get().date().isAfter(context.recorded())) {
      return Optional.empty();
    }
    Program program = context.program();
    LocalDate date = verified.get().date();
    return Optional.of(Finding.forSitePage(AlertKind.PAGE_DATE_MISMATCH, program.id(), String.format(Locale.ROOT,
            "the site's page says \u201C%s\u201D (%s), but the last verification citewatch has recorded is %s; "
                + "if someone did verify it then, record it: citewatch verify %s --date %s; otherwise correct the page",
            verified.get().written(), date, context.recorded(), program.id(), date),
        Evidence.none()).withDiscriminator(date.toString()));
  }

  private static boolean holds(String text, String clause) {
    return new QuoteLocator(text).find(clause).filter(m -> m.tier() != Tier.APPROXIMATE && m.changedFigures().isEmpty())
        .isPresent();
  }

  /** The figures a claim states: its figure, and every figure of its quote. */
  private static List<Figure> statedBy(Claim claim) {
    List<Figure> figures = new ArrayList<>();
    claim.figure().ifPresent(figures::add);
    claim.quote().ifPresent(q -> FigureReader.find(q).forEach(s -> figures.add(s.figure())));
    return figures;
  }

  /** The line of the page text (a block) around a figure: what a maintainer looks for on the page. */
  private static String passage(String text, int start, int end) {
    int from = text.lastIndexOf('\n', start - 1) + 1;
    int to = text.indexOf('\n', end);
    return text.substring(from, to < 0 ? text.length() : to).replace(" | ", " ").strip();
  }

  /** A finding about the site's page; {@code .withClaim} names the claim it is about, when it is about one. */
  private static Finding finding(AlertKind kind, Program program, String message, Evidence evidence,
      Figure figure) {
    String identity = (figure == null ? "" : figure.toString()) + "@"
        + evidence.before().map(PageCheck::discriminator).orElse("");
    return Finding.forSitePage(kind, program.id(), message, evidence).withDiscriminator(identity);
  }

  private static String discriminator(String text) {
    return NormalisedText.of(text).text();
  }
}
