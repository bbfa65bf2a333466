package org.citewatch.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citewatch.compare.WordDiff;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Config;
import org.citewatch.model.RunSummary;
import org.citewatch.model.Source;

/** report.md: the alerts for people, critical first, each with its evidence diffed word by word. */
final class MarkdownReport {

  private final Config config;
  private final Map<String, Source> sources;

  private final String options;

  /** @param options what the commands it prints add to work as shown ({@code --config}, {@code --store}) */
  MarkdownReport(Config config, String options) {
    this.sources = config.sourcesById();
    this.config = config;
    this.options = options;
  }

  String render(RunSummary run, List<Alert> active, Set<String> newIds, Map<String, String> tiers) {
    StringBuilder md = new StringBuilder();
    md.append("# citewatch report\n\n");
    md.append(String.format(Locale.ROOT, "Run `%s`, %s to %s, exit code %d.%n%n", run.id(), Reports.when(run.started()),
        Reports.when(run.finished()), run.exitCode()));
    md.append(String.format(Locale.ROOT, "Sources: %d checked, %d changed, %d unchanged, %d failed.%n%n",
        run.checked(), run.changed(), run.unchanged(), run.failed()));
    Map<AlertKind.Severity, Integer> bySeverity = new EnumMap<>(AlertKind.Severity.class);
    active.forEach(a -> bySeverity.merge(a.kind().severity(), 1, Integer::sum));
    md.append(String.format(Locale.ROOT, "Open alerts: %d critical, %d warning, %d info (%d new in this run).%n%n",
        bySeverity.getOrDefault(AlertKind.Severity.CRITICAL, 0), bySeverity.getOrDefault(AlertKind.Severity.WARNING, 0),
        bySeverity.getOrDefault(AlertKind.Severity.INFO, 0), newIds.size()));
    if (active.isEmpty()) {
      md.append("Nothing to review: every claim holds.\n\n");
    }
    active.stream().sorted(AlertView.ORDER).forEach(alert -> alert(md, alert, newIds.contains(alert.id())));
    claims(md, tiers);
    return md.toString();
  }

  /** How each quote was found: exact, normalised, folded, approximate, or not at all. */
  private static void claims(StringBuilder md, Map<String, String> tiers) {
    if (tiers.isEmpty()) {
      return;
    }
    md.append("## Claims checked in this run\n\n| program / claim | quote found |\n|---|---|\n");
    tiers.forEach((claim, tier) -> md.append("| `").append(claim).append("` | ").append(tier).append(" |\n"));
    md.append('\n');
  }

  private void alert(StringBuilder md, Alert alert, boolean isNew) {
    md.append("## ").append(isNew ? "NEW " : "").append(alert.kind()).append(" (")
        .append(alert.kind().severity().name().toLowerCase(Locale.ROOT)).append(")");
    alert.program().ifPresent(p -> md.append(" · ").append(programName(p)));
    md.append("\n\n");
    md.append(escape(alert.message())).append("\n\n");
    alert.claim().ifPresent(c -> md.append("- claim: `").append(c).append("`\n"));
    alert.source().ifPresent(s -> md.append("- source: `").append(s).append("`")
        .append(Optional.ofNullable(sources.get(s)).map(Source::url).map(u -> " <" + u + ">").orElse("")).append('\n'));
    if (!alert.programs().isEmpty()) {
      md.append("- programs: ").append(String.join(", ", alert.programs())).append('\n');
    }
    md.append("- first seen ").append(Reports.when(alert.firstSeen())).append(", last seen ")
        .append(Reports.when(alert.lastSeen())).append(", ").append(alert.state().name().toLowerCase(Locale.ROOT))
        .append('\n');
    alert.acknowledgement().ifPresent(ack -> md.append("- acknowledged by ").append(escape(ack.by())).append(", ")
        .append(Reports.when(ack.at())).append(ack.note().map(n -> ": " + escape(n)).orElse("")).append('\n'));
    config.settings().alertUrl(alert.id()).ifPresent(url -> md.append("- review: <").append(url).append(">\n"));
    md.append("- id `").append(alert.id()).append("`: `citewatch ack ").append(alert.id()).append(options)
        .append(" --note \"…\"`\n");
    alert.program().or(() -> alert.programs().stream().findFirst()).ifPresent(p ->
        md.append("- after fixing the program: `citewatch verify ").append(p).append(options)
            .append(" --note \"…\"`\n"));
    md.append('\n');
    evidence(md, alert);
  }

  private static void evidence(StringBuilder md, Alert alert) {
    String before = alert.evidence().before().orElse("");
    String after = alert.evidence().after().orElse("");
    if (before.isEmpty() && after.isEmpty()) {
      return;
    }
    md.append("> ");
    for (WordDiff.Segment segment : WordDiff.between(before, after)) {
      String text = escape(segment.text()).replace("\n", " ");
      switch (segment.kind()) {
        case SAME -> md.append(text).append(' ');
        case REMOVED -> md.append("~~").append(text).append("~~ ");
        case ADDED -> md.append("**").append(text).append("** ");
      }
    }
    md.append("\n\n");
  }

  private String programName(String id) {
    return config.program(id).map(p -> escape(p.name()) + " (`" + id + "`)").orElse("`" + id + "`");
  }

  /**
   * Page text and sources.yaml's names are data: Markdown and HTML in them must show as written,
   * not be interpreted. Every character that Markdown or HTML reads is backslash-escaped (CommonMark
   * allows it before any ASCII punctuation), a line break becomes a space so that no field starts a
   * heading or a list of its own, and a leading list marker or numbered-list dot is escaped too.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || (Character.isISOControl(c) && c != '\t')) {
        out.append(' ');
        continue;
      }
      boolean leadingMarker = (c == '-' || c == '+') && out.toString().isBlank();
      boolean numberedDot = (c == '.' || c == ')') && !out.isEmpty() && out.chars().allMatch(Character::isDigit);
      if ("\\`*_{}[]<>()#!|~&=".indexOf(c) >= 0 || leadingMarker || numberedDot) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
