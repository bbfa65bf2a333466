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

/**
 * report.html: one self-contained file for a maintainer: a summary, then the alerts grouped by
 * program, critical first, each with its evidence as a highlighted word diff, its source, when it
 * was first and last seen, and the exact command to acknowledge it or verify the program.
 *
 * <p>Page text is data. Everything is escaped, links are only the configured http(s) source URLs,
 * and a Content-Security-Policy forbids scripts and every network request, so a hostile page quoted
 * in the evidence can neither run nor call home.
 */
final class HtmlReport {

  private static final String STYLE = """
      body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:64rem;
        padding:0 1rem;color:#1f2328}
      h1{font-size:1.6rem;margin:0 0 .2rem}
      h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
      .meta{color:#59636e;font-size:.9rem}.summary{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}
      .box{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .9rem;min-width:7rem}
      .box b{display:block;font-size:1.4rem}
      .critical b{color:#b42318}.warning b{color:#9a6700}.info b{color:#0969da}
      article{border:1px solid #d0d7de;border-left:6px solid #8c959f;border-radius:6px;padding:.7rem 1rem;
        margin:.8rem 0}
      article.critical{border-left-color:#d1242f}article.warning{border-left-color:#d4a72c}
      article.info{border-left-color:#218bff}
      .kind{font-weight:600}
      .badge{font-size:.75rem;border-radius:1rem;padding:.05rem .5rem;margin-left:.4rem;background:#eaeef2}
      .new{background:#ffebe9;color:#b42318}.acknowledged{background:#ddf4ff;color:#0969da}
      .diff{background:#f6f8fa;border-radius:6px;padding:.5rem .7rem;white-space:pre-wrap;word-break:break-word}
      del{background:#ffebe9;color:#82071e;text-decoration:line-through}
      ins{background:#dafbe1;color:#116329;text-decoration:none}
      code{background:#f6f8fa;border-radius:4px;padding:.1rem .3rem;font-size:.85rem;user-select:all}
      dl{display:grid;grid-template-columns:max-content auto;gap:.1rem .8rem;margin:.5rem 0;font-size:.9rem}
      dt{color:#59636e}dd{margin:0}
      """;

  private final Config config;
  private final Map<String, Source> sources;

  private final String options;

  /** @param options what the commands it prints add to work as shown ({@code --config}, {@code --store}) */
  HtmlReport(Config config, String options) {
    this.sources = config.sourcesById();
    this.config = config;
    this.options = options;
  }

  String render(RunSummary run, List<Alert> active, Set<String> newIds) {
    StringBuilder html = new StringBuilder(16 * 1024);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
            + "'unsafe-inline'; ")
        .append("base-uri 'none'; form-action 'none'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
        .append("<title>citewatch report</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    html.append("<h1>citewatch report</h1>\n<p class=\"meta\">Run <code>").append(esc(run.id())).append("</code>, ")
        .append(esc(Reports.when(run.started()))).append(" to ").append(esc(Reports.when(run.finished())))
        .append(", exit code ").append(run.exitCode()).append("</p>\n");
    summary(html, run, active, newIds);
    Map<String, List<Alert>> groups = AlertView.byProgram(active);
    if (groups.isEmpty()) {
      html.append("<p>Nothing to review: every claim holds.</p>\n");
    }
    groups.forEach((program, alerts) -> {
      html.append("<h2>").append(esc(programTitle(program))).append("</h2>\n");
      alerts.forEach(alert -> alert(html, alert, newIds.contains(alert.id()), program));
    });
    return html.append("</body>\n</html>\n").toString();
  }

  private static void summary(StringBuilder html, RunSummary run, List<Alert> active, Set<String> newIds) {
    Map<AlertKind.Severity, Integer> bySeverity = new EnumMap<>(AlertKind.Severity.class);
    active.forEach(a -> bySeverity.merge(a.kind().severity(), 1, Integer::sum));
    html.append("<section class=\"summary\">\n");
    box(html, "", run.checked(), "sources checked");
    box(html, "", run.changed(), "changed");
    box(html, "", run.failed(), "could not be checked");
    for (AlertKind.Severity severity : AlertKind.Severity.values()) {
      String name = severity.name().toLowerCase(Locale.ROOT);
      box(html, name, bySeverity.getOrDefault(severity, 0), name + " alerts");
    }
    box(html, "", newIds.size(), "new in this run");
    html.append("</section>\n");
  }

  private static void box(StringBuilder html, String css, int n, String label) {
    html.append("<div class=\"box ").append(css).append("\"><b>").append(n).append("</b>").append(esc(label))
        .append("</div>\n");
  }

  private String programTitle(String program) {
    if (program.isEmpty()) {
      return "Sources no program cites";
    }
    return config.program(program).map(p -> p.name() + " (" + program + ")").orElse(program);
  }

  private void alert(StringBuilder html, Alert alert, boolean isNew, String group) {
    String severity = alert.kind().severity().name().toLowerCase(Locale.ROOT);
    String state = alert.state().name().toLowerCase(Locale.ROOT);
    html.append("<article class=\"").append(severity).append("\" id=\"alert-").append(esc(alert.id())).append("\">\n")
        .append("<div><span class=\"kind\">").append(alert.kind()).append("</span>")
        .append("<span class=\"badge\">").append(severity).append("</span>")
        .append(isNew ? "<span class=\"badge new\">new</span>" : "")
        .append("<span class=\"badge ").append(state).append("\">").append(state).append("</span></div>\n")
        .append("<p>").append(esc(alert.message())).append("</p>\n");
    evidence(html, alert);
    html.append("<dl>\n");
    alert.claim().ifPresent(c -> html.append("<dt>claim</dt><dd>").append(esc(c)).append("</dd>\n"));
    alert.source().ifPresent(s -> {
      html.append("<dt>source</dt><dd>").append(esc(s));
      Optional.ofNullable(sources.get(s)).map(src -> src.url().toString()).filter(HtmlReport::isHttp).ifPresent(url ->
          html.append(" · <a href=\"").append(esc(url)).append("\" rel=\"noopener noreferrer\">").append(esc(url))
              .append("</a>"));
      html.append("</dd>\n");
    });
    if (alert.programs().size() > 1 || (!alert.programs().isEmpty() && !alert.programs().get(0).equals(group))) {
      html.append("<dt>programs</dt><dd>").append(esc(String.join(", ", alert.programs()))).append("</dd>\n");
    }
    html.append("<dt>first seen</dt><dd>").append(esc(Reports.when(alert.firstSeen()))).append("</dd>\n")
        .append("<dt>last seen</dt><dd>").append(esc(Reports.when(alert.lastSeen()))).append("</dd>\n");
    alert.acknowledgement().ifPresent(ack -> html.append("<dt>acknowledged</dt><dd>by ").append(esc(ack.by()))
        .append(", ").append(esc(Reports.when(ack.at()))).append(ack.note().map(n -> ": " + esc(n)).orElse(""))
        .append("</dd>\n"));
    config.settings().alertUrl(alert.id()).ifPresent(url -> html.append("<dt>review</dt><dd><a href=\"")
        .append(esc(url)).append("\">").append(esc(url)).append("</a></dd>\n"));
    html
        .append("<dt>acknowledge</dt><dd><code>citewatch ack ").append(esc(alert.id())).append(esc(options))
        .append(" --note \"…\"</code></dd>\n");
    if (!group.isEmpty()) {
      html.append("<dt>after fixing the program</dt><dd><code>citewatch verify ").append(esc(group))
          .append(esc(options)).append(" --note \"…\"</code></dd>\n");
    }
    html.append("</dl>\n</article>\n");
  }

  private static void evidence(StringBuilder html, Alert alert) {
    String before = alert.evidence().before().orElse("");
    String after = alert.evidence().after().orElse("");
    if (before.isEmpty() && after.isEmpty()) {
      return;
    }
    html.append("<div class=\"diff\">");
    for (WordDiff.Segment segment : WordDiff.between(before, after)) {
      switch (segment.kind()) {
        case SAME -> html.append(esc(segment.text())).append(' ');
        case REMOVED -> html.append("<del>").append(esc(segment.text())).append("</del> ");
        case ADDED -> html.append("<ins>").append(esc(segment.text())).append("</ins> ");
      }
    }
    html.append("</div>\n");
  }

  private static boolean isHttp(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
