package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.evaluate.PageCheck;
import org.citewatch.extract.Extraction;
import org.citewatch.extract.Extractor;
import org.citewatch.extract.UnreadableContent;
import org.citewatch.fetch.Exchange;
import org.citewatch.fetch.FetchResult;
import org.citewatch.fetch.Fetcher;
import org.citewatch.fetch.Validators;
import org.citewatch.model.Block;
import org.citewatch.model.Config;
import org.citewatch.model.ExitCodes;
import org.citewatch.model.Settings;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.citewatch.text.FigureReader;
import org.citewatch.text.NormalisedText;
import org.citewatch.text.PageDates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "program", description = "Works with the information site's program pages.",
    subcommands = ProgramCommand.Draft.class)
final class ProgramCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  @Command(name = "draft", description = {"Prints a draft programs: entry read from a program page.",
      "Its figures, the official clauses it quotes and the official links it cites, for a maintainer to check and",
      "paste into sources.yaml; links to pages sources.yaml already has are given as their source ids."})
  static final class Draft implements Callable<Integer> {

    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "the site's page for the program")
    URI url;

    @Option(names = "--id", paramLabel = "ID", required = true, description = "the program's id to give it")
    String id;

    @Option(names = "--lang", paramLabel = "LANG", description = "the page's language (default: ${DEFAULT-VALUE})")
    String lang = "en";

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!id.matches("[a-z0-9][a-z0-9-]*")) {
        err.println("citewatch program draft: '" + id
            + "' is not a valid id; use lowercase letters, digits and hyphens");
        return ExitCodes.USAGE;
      }
      Optional<Config> config = existingConfig();
      Settings settings = config.map(Config::settings).orElse(Settings.defaults());
      Source page = new Source(id, url, lang, Optional.empty(), List.of(), Optional.empty(), true);
      Exchange exchange;
      Extraction extraction;
      try (Fetcher fetcher = new Fetcher(settings, clock)) {
        FetchResult result = fetcher.fetch(page, Validators.none());
        if (!result.ok() || result.exchange().isEmpty() || result.notModified()) {
          err.println("citewatch program draft: " + url + ": "
              + result.failure().map(f -> f.message()).orElse("no page"));
          return ExitCodes.FAILURE;
        }
        exchange = result.exchange().get();
        extraction = new Extractor().extract(page, exchange);
      } catch (UnreadableContent e) {
        err.println("citewatch program draft: " + url + ": " + e.getMessage());
        return ExitCodes.FAILURE;
      }
      out.print(draft(config.map(Config::sources).orElse(List.of()), extraction.blocks(),
          new Extractor().links(page, exchange)));
      out.flush();
      return ExitCodes.OK;
    }

    /** sources.yaml, when there is one to name the official links by; none is no error here. */
    private Optional<Config> existingConfig() throws IOException {
      try {
        return Files.isRegularFile(common.config) ? Optional.of(new ConfigLoader().load(common.config))
            : Optional.empty();
      } catch (ConfigException e) {
        return Optional.empty();
      }
    }

    /**
     * The draft: the official pages the site's page links to that sources.yaml lacks, and the
     * program with a claim for each clause the page quotes and each figure it shows.
     */
    private String draft(List<Source> declared, List<Block> blocks, List<String> links) {
      String text = new Snapshot("", id, clock.instant(), url.toString(), 200, "", "", "", 0, 0, "", true, blocks,
          "", 0).text();
      Map<String, String> sources = new LinkedHashMap<>();
      List<String> unknown = new ArrayList<>();
      for (String link : links) {
        Optional<Source> known = declared.stream().filter(s -> sameUrl(s.url().toString(), link)).findFirst();
        if (known.isPresent()) {
          sources.putIfAbsent(link, known.get().id());
        } else if (!sameHost(link)) {
          // a link to another site is an official page to cite; one to this site is its navigation
          unknown.add(link);
        }
      }
      StringBuilder yaml = new StringBuilder();
      if (!unknown.isEmpty() || sources.isEmpty()) {
        yaml.append("# add under sources: (each official page the site's page links to; set lang:)\n");
        int n = 0;
        for (String link : unknown) {
          String sourceId = id + "-source-" + (++n);
          sources.put(link, sourceId);
          yaml.append("  - id: ").append(sourceId).append("\n    url: ").append(quoted(link))
              .append("\n    lang: en\n");
        }
        yaml.append("\n# add under programs:\n");
      }
      program(yaml, blocks, text);
      claims(yaml, text, sources.isEmpty() ? id + "-source-1" : sources.values().iterator().next());
      return yaml.toString();
    }

    /** The program's own lines: its name from the first heading, the date the page says it was checked. */
    private void program(StringBuilder yaml, List<Block> blocks, String text) {
      Optional<PageDates.Stated> stated = PageDates.find(text).stream()
          .max(Comparator.comparing((PageDates.Stated s) -> s.kind() == PageDates.Kind.VERIFIED ? 1 : 0)
              .thenComparing(PageDates.Stated::date));
      String title = blocks.stream().filter(b -> b.kind() == Block.Kind.HEADING).map(Block::text).findFirst()
          .orElse(id);
      LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
      yaml.append("  # drafted from ").append(url).append(" on ").append(today)
          .append(": check every claim against its official page before keeping it\n");
      yaml.append("  - id: ").append(id).append('\n');
      yaml.append("    name: ").append(quoted(title)).append('\n');
      yaml.append("    last_verified: ").append(stated.map(s -> s.date().toString()).orElse(today.toString()));
      yaml.append(stated.map(s -> "   # the page says \u201C" + s.written() + "\u201D; confirm it")
          .orElse("   # today; confirm it")).append('\n');
      yaml.append("    page: ").append(quoted(url.toString())).append('\n');
      yaml.append("    page_lang: ").append(lang).append('\n');
    }

    /** A claim for each clause the page quotes, and for each figure it shows outside a quote. */
    private void claims(StringBuilder yaml, String text, String source) {
      yaml.append("    claims:\n");
      List<PageCheck.QuotedClause> quotes = PageCheck.quotedClauses(text);
      List<String> ids = new ArrayList<>();
      for (PageCheck.QuotedClause quote : quotes) {
        String claimId = unique(ids, slug(quote.text()));
        yaml.append("      - id: ").append(claimId).append("\n        source: ").append(source)
            .append("\n        quote: ").append(quoted(quote.text())).append('\n');
        FigureReader.find(quote.text()).stream().findFirst().ifPresent(f ->
            yaml.append("        figure: ").append(quoted(f.written())).append('\n'));
      }
      for (PageCheck.ShownFigure figure : PageCheck.shownFigures(text, quotes)) {
        String label = figure.passage().replace(figure.span().written(), " ");
        String claimId = unique(ids, slug(label + " " + figure.span().figure()));
        yaml.append("      - id: ").append(claimId).append("   # the page: \u201C").append(figure.passage())
            .append("\u201D\n        source: ").append(source)
            .append("\n        figure: ").append(quoted(figure.span().written()))
            .append("   # add quote: with the official wording that gives it\n");
      }
    }

    private boolean sameHost(String link) {
      String host = URI.create(link).getHost();
      return host != null && host.equalsIgnoreCase(url.getHost());
    }

    private static boolean sameUrl(String a, String b) {
      return strip(a).equals(strip(b));
    }

    private static String strip(String u) {
      return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private static String unique(List<String> ids, String wanted) {
      String candidate = wanted.isEmpty() ? "claim" : wanted;
      int n = 2;
      String base = candidate;
      while (ids.contains(candidate)) {
        candidate = base + "-" + n++;
      }
      ids.add(candidate);
      return candidate;
    }

    /** A claim id from words: "Application / consular fee 50 EUR" → "application-consular-fee-50-eur". */
    static String slug(String words) {
      String folded = NormalisedText.of(words, List.of(), true).text();
      String slug = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
      if (slug.length() > 40) {
        slug = slug.substring(0, 40).replaceAll("-[^-]*$", "");
      }
      return slug;
    }

    private static String quoted(String value) {
      return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }
}
