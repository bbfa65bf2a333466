package org.citewatch.config;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citewatch.model.Claim;
import org.citewatch.model.Figure;
import org.citewatch.model.Program;
import org.citewatch.model.ProgramPage;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;

/** Reads {@code programs:}: each program, its claims and its site page, against the sources declared. */
final class ProgramSection {

  private static final List<String> KEYS = List.of("id", "name", "last_verified", "stale_after", "claims", "page",
      "page_select", "page_ignore", "page_lang");
  private static final List<String> CLAIM_KEYS = List.of("id", "source", "quote", "figure");
  /** A clause, even a long paragraph of a regulation, is a few hundred characters; a page is not a quote. */
  private static final int MAX_QUOTE = 5_000;

  private final Fields fields;
  private final Set<String> declaredSources;
  private final Map<String, String> paths = new HashMap<>();

  /** @param declaredSources every source id the file declares, valid or not */
  ProgramSection(Fields fields, Set<String> declaredSources) {
    this.fields = fields;
    this.declaredSources = declaredSources;
  }

  Optional<Program> program(Node node, String path) {
    return fields.item(node, path, "must be a mapping with id:, name:, last_verified: and claims:", KEYS)
        .flatMap(m -> program(m, path));
  }

  private Optional<Program> program(Node.Mapping m, String path) {
    Optional<String> id = fields.uniqueId(m, path, paths);
    Optional<String> name = fields.required(m, "name", path, "the program's title as the site shows it");
    Optional<LocalDate> verified = fields.required(m, "last_verified", path,
            "the date a maintainer last checked it, as 2026-06-23")
        .flatMap(d -> fields.date(m.entries().get("last_verified"), path + ".last_verified", d));
    Optional<Duration> staleAfter = fields.duration(m, "stale_after", path, Limits.STALE_AFTER);
    Map<String, String> claimPaths = new HashMap<>();
    List<Claim> claims = fields.list(m, "claims", path, (n, p) -> claim(n, p, claimPaths));
    Optional<ProgramPage> page = page(m, path);
    if (page.isPresent() && id.isPresent() && declaredSources.contains(id.get())) {
      // the page's evidence is kept under the program's id, which must not be a source's too
      fields.problem(m.entries().get("id"), path + ".id", "a source has the id '" + id.get() + "' too; a program "
          + "with page: needs an id of its own, since its page is kept under it");
    }
    if (id.isEmpty() || name.isEmpty() || verified.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Program(id.get(), name.get(), verified.get(), staleAfter, claims, page));
  }

  /** page:, with page_select:, page_ignore: and page_lang: (default en), which mean nothing without it. */
  private Optional<ProgramPage> page(Node.Mapping m, String path) {
    if (!m.entries().containsKey("page")) {
      for (String key : List.of("page_select", "page_ignore", "page_lang")) {
        if (m.entries().containsKey(key)) {
          fields.problem(m.entries().get(key), Fields.join(path, key),
              "means nothing without page: (the site's page for this program)");
        }
      }
      return Optional.empty();
    }
    Optional<URI> url = fields.required(m, "page", path, "the address of the site's page for this program")
        .flatMap(u -> fields.httpUrl(m.entries().get("page"), path + ".page", u));
    Optional<String> select = fields.selector(m, "page_select", path);
    List<String> ignore = fields.selectors(m, "page_ignore", path);
    String lang = fields.string(m, "page_lang", path).orElse("en");
    fields.lang(m.entries().get("page_lang"), path + ".page_lang", lang);
    return url.map(u -> new ProgramPage(u, lang, select, ignore));
  }

  private Optional<Claim> claim(Node node, String path, Map<String, String> siblings) {
    return fields.item(node, path, "must be a mapping with id:, source: and quote: or figure:", CLAIM_KEYS)
        .flatMap(m -> claim(m, path, siblings));
  }

  private Optional<Claim> claim(Node.Mapping m, String path, Map<String, String> siblings) {
    Optional<String> id = fields.uniqueId(m, path, siblings);
    Optional<String> source = fields.required(m, "source", path, "the id of the source this claim rests on");
    source.filter(s -> !declaredSources.contains(s)).ifPresent(s -> fields.problem(m.entries().get("source"),
        path + ".source", "no source '" + s + "' in sources" + sourceHint(s)));
    Optional<String> quote = quote(m, path);
    Optional<Figure> figure = fields.string(m, "figure", path)
        .flatMap(f -> fields.figure(m.entries().get("figure"), path + ".figure", f));
    if (!m.entries().containsKey("quote") && !m.entries().containsKey("figure")) {
      fields.problem(m, path, "a claim needs quote:, figure:, or both");
    }
    if (figure.isPresent() && quote.isPresent()) {
      stated(m, path, quote.get(), figure.get());
    }
    if (id.isEmpty() || source.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Claim(id.get(), source.get(), quote, figure));
  }

  private String sourceHint(String source) {
    return Values.nearest(source, declaredSources).map(s -> "; did you mean '" + s + "'?")
        .orElse(declaredSources.isEmpty() ? "; add it under sources:"
            : "; known sources: " + String.join(", ", declaredSources));
  }

  private Optional<String> quote(Node.Mapping m, String path) {
    Optional<String> quote = fields.string(m, "quote", path).filter(q -> !q.isBlank());
    if (quote.isPresent() && quote.get().length() > MAX_QUOTE) {
      fields.problem(m.entries().get("quote"), path + ".quote", String.format(Locale.ROOT, "is %,d characters; a "
          + "quote is the clause a claim rests on, at most %,d: copy the sentence, not the page",
          quote.get().length(), MAX_QUOTE));
      return Optional.empty();
    }
    return quote;
  }

  /** A claim's figure must be one its quote states. */
  private void stated(Node.Mapping m, String path, String quote, Figure figure) {
    List<Figure> quoted = FigureReader.find(quote).stream().map(FigureSpan::figure).toList();
    if (!quoted.contains(figure)) {
      fields.problem(m.entries().get("figure"), path + ".figure", "the quote does not state " + figure
          + (quoted.isEmpty() ? " (it states no figure)" : " (it states " + join(quoted) + ")")
          + "; quote the passage that gives the figure");
    }
  }

  private static String join(List<Figure> figures) {
    return String.join(", ", figures.stream().map(Figure::toString).toList());
  }
}
