package org.citewatch.config;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citewatch.model.Source;

/** Reads {@code sources:}, and remembers every id it saw for the claims that cite them. */
final class SourceSection {

  private static final List<String> KEYS = List.of("id", "url", "lang", "select", "ignore", "schedule",
      "respect_robots");

  private final Fields fields;
  // Ids of every source written in the file, valid or not, so that a source rejected for a bad
  // url does not also make each claim citing it report a missing source.
  private final Set<String> declared = new LinkedHashSet<>();
  private final Map<String, String> paths = new HashMap<>();

  SourceSection(Fields fields) {
    this.fields = fields;
  }

  /** The ids of every source read so far, valid or not, in the file's order. */
  Set<String> declared() {
    return declared;
  }

  Optional<Source> source(Node node, String path) {
    return fields.item(node, path, "must be a mapping with id:, url: and lang:", KEYS).flatMap(m -> source(m, path));
  }

  private Optional<Source> source(Node.Mapping m, String path) {
    Optional<String> id = fields.uniqueId(m, path, paths);
    id.ifPresent(declared::add);
    Optional<URI> url = fields.required(m, "url", path, "the official page's http(s) address")
        .flatMap(u -> fields.httpUrl(m.entries().get("url"), path + ".url", u));
    Optional<String> lang = fields.required(m, "lang", path,
        "the page's language as a BCP 47 tag: sq, sr-Latn, sr-Cyrl, en");
    lang.ifPresent(l -> fields.lang(m.entries().get("lang"), path + ".lang", l));
    Optional<String> select = fields.selector(m, "select", path);
    List<String> ignore = fields.selectors(m, "ignore", path);
    Optional<String> schedule = fields.cron(m, "schedule", path);
    Optional<Boolean> robots = fields.bool(m, "respect_robots", path);
    if (id.isEmpty() || url.isEmpty() || lang.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Source(id.get(), url.get(), lang.get(), select, ignore, schedule, robots.orElse(true)));
  }
}
