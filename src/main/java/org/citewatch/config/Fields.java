package org.citewatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.citewatch.model.Figure;
import org.citewatch.text.FigureReader;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import org.quartz.CronExpression;

/**
 * Reads typed values out of sources.yaml's tree and collects a {@link Problem} for each bad one,
 * instead of stopping at the first. Every getter gives empty on a bad or absent value, never null;
 * the problem it found is already collected.
 */
final class Fields {

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

  private final Path file;
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  // the selectors parsed so far: a thousand sources that all select main parse it once
  private final Set<String> selectors = new HashSet<>();

  Fields(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  void problem(Node at, String path, String message) {
    problems.add(new Problem(file, at.line(), at.column(), path, message));
  }

  void warning(Node at, String path, String message) {
    warnings.add(new Problem(file, at.line(), at.column(), path, message).toString());
  }

  /** The problems found, in the file's order. */
  List<Problem> problems() {
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return sorted;
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  Optional<String> id(Node.Mapping m, String path) {
    Optional<String> id = required(m, "id", path, "an id of lowercase letters, digits and hyphens");
    id.ifPresent(value -> {
      if (!ID.matcher(value).matches()) {
        problem(m.entries().get("id"), path + ".id", "'" + value + "' is not a valid id; use lowercase letters, "
            + "digits and hyphens, e.g. xk-mpb-temporary-residence");
      }
    });
    return id.filter(value -> ID.matcher(value).matches());
  }

  /** An id, unique among its siblings in {@code seen}: the second use is the one reported, and kept. */
  Optional<String> uniqueId(Node.Mapping m, String path, Map<String, String> seen) {
    Optional<String> id = id(m, path);
    id.ifPresent(value -> {
      String first = seen.putIfAbsent(value, path);
      if (first != null) {
        problem(m.entries().get("id"), path + ".id", "'" + value + "' is already the id of " + first
            + "; ids must be unique");
      }
    });
    return id;
  }

  Optional<String> required(Node.Mapping m, String key, String path, String what) {
    if (!m.entries().containsKey(key)) {
      problem(m, join(path, key), "missing; give " + what);
      return Optional.empty();
    }
    Optional<String> value = string(m, key, path);
    if (value.isPresent() && value.get().isBlank()) {
      problem(m.entries().get(key), join(path, key), "is empty; give " + what);
      return Optional.empty();
    }
    return value;
  }

  Optional<String> string(Node.Mapping m, String key, String path) {
    Node node = m.entries().get(key);
    if (node == null) {
      return Optional.empty();
    }
    return scalar(node, join(path, key), "must be a single value, not " + Node.describe(node));
  }

  Optional<String> scalar(Node node, String path, String message) {
    if (node instanceof Node.Scalar s) {
      return s.isNull() ? Optional.of("") : Optional.of(s.value());
    }
    problem(node, path, message);
    return Optional.empty();
  }

  Optional<Node.Mapping> mapping(Node node, String path, String message) {
    if (node instanceof Node.Mapping m) {
      return Optional.of(m);
    }
    problem(node, path, message + ", not " + Node.describe(node));
    return Optional.empty();
  }

  /** A list item that must be a mapping of the {@code allowed} keys; empty, the problem collected, if it is not. */
  Optional<Node.Mapping> item(Node node, String path, String message, List<String> allowed) {
    Optional<Node.Mapping> mapping = mapping(node, path, message);
    mapping.ifPresent(m -> checkKeys(m, path, allowed));
    return mapping;
  }

  /** A list of items, each read by {@code item}; an item it gives empty for is left out (its problem collected). */
  <T> List<T> list(Node.Mapping m, String key, String path, BiFunction<Node, String, Optional<T>> item) {
    Node node = m.entries().get(key);
    String listPath = join(path, key);
    if (node == null || (node instanceof Node.Scalar s && s.isNull())) {
      return List.of();
    }
    if (!(node instanceof Node.Sequence seq)) {
      problem(node, listPath, "must be a list (items starting with '- '), not " + Node.describe(node));
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      item.apply(seq.items().get(i), listPath + "[" + i + "]").ifPresent(out::add);
    }
    return out;
  }

  /** A language tag: sq, sr-Latn, en … */
  void lang(Node at, String path, String tag) {
    if (!LANG.matcher(tag).matches()) {
      problem(at, path, "'" + tag + "' is not a BCP 47 language tag; write sq, sr-Latn, sr-Cyrl, en …");
    }
  }

  /** A list of CSS selectors. */
  List<String> selectors(Node.Mapping m, String key, String path) {
    return list(m, key, path, (n, p) -> scalar(n, p, "must be a CSS selector").flatMap(css -> css(n, p, css)));
  }

  /** A CSS selector, when the key is there. */
  Optional<String> selector(Node.Mapping m, String key, String path) {
    return string(m, key, path).flatMap(css -> css(m.entries().get(key), join(path, key), css));
  }

  /** A duration within its setting's range; one outside it is a problem that says the range. */
  Optional<Duration> duration(Node.Mapping m, String key, String path, Limits.Range<Duration> range) {
    Optional<Duration> value = typed(m, key, path, Values::duration,
        v -> "'" + v + "' is not a duration; " + Values.DURATION_HELP);
    if (value.isPresent() && !range.holds(value.get())) {
      problem(m.entries().get(key), join(path, key), "'" + string(m, key, path).orElse("") + "' is out of range: "
          + key + " is from " + Values.format(range.min()) + " to " + Values.format(range.max()) + range.why());
      return Optional.empty();
    }
    return value;
  }

  Optional<Long> size(Node.Mapping m, String key, String path) {
    Optional<Long> value = typed(m, key, path, Values::size, v -> "'" + v + "' is not a size; " + Values.SIZE_HELP);
    if (value.isPresent() && !Limits.MAX_BODY.holds(value.get())) {
      problem(m.entries().get(key), join(path, key), "'" + string(m, key, path).orElse("") + "' is out of range: "
          + key + " is from 1KB to 1GB" + Limits.MAX_BODY.why());
      return Optional.empty();
    }
    return value;
  }

  /** A whole number within {@code range}. */
  Optional<Integer> whole(Node.Mapping m, String key, String path, Limits.Range<Integer> range) {
    return typed(m, key, path, v -> v.matches("\\d{1,9}") && range.holds(Integer.parseInt(v))
            ? Optional.of(Integer.parseInt(v)) : Optional.empty(),
        v -> "'" + v + "' is not a whole number from " + range.min() + " to " + range.max() + range.why());
  }

  /** A share of the page, 0% to 99%. */
  Optional<Integer> percent(Node.Mapping m, String key, String path) {
    return typed(m, key, path,
        v -> v.matches("\\d{1,2}%") ? Optional.of(Integer.parseInt(v.substring(0, v.length() - 1))) : Optional.empty(),
        v -> "'" + v + "' is not a share of the page; write a percentage from 0% to 99%, e.g. 50%");
  }

  /** An address that goes into a mail header: a line break in it would add headers of its own. */
  void headerField(Node.Mapping m, String key, String path) {
    string(m, key, path).filter(v -> v.chars().anyMatch(c -> c < 0x20 || c == 0x7F))
        .ifPresent(v -> problem(m.entries().get(key), join(path, key), "must be one line without control "
            + "characters (it goes into a mail header)"));
  }

  /** A value sent in an HTTP header: a line break in it would end the header, or make every request fail. */
  Optional<String> headerValue(Node.Mapping m, String key, String path) {
    return typed(m, key, path, v -> v.length() <= 512 && v.chars().noneMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)
            && !v.isBlank() ? Optional.of(v.strip()) : Optional.empty(),
        v -> "must be one line of at most 512 characters without control characters (it is sent as an HTTP header)");
  }

  Optional<Boolean> bool(Node.Mapping m, String key, String path) {
    return typed(m, key, path,
        v -> v.equals("true") ? Optional.of(true) : v.equals("false") ? Optional.of(false) : Optional.empty(),
        v -> "'" + v + "' is not true or false");
  }

  Optional<String> cron(Node.Mapping m, String key, String path) {
    return typed(m, key, path, v -> CronExpression.isValidExpression(v) ? Optional.of(v) : Optional.empty(),
        v -> "'" + v + "' is not a Quartz cron expression; write seconds minutes hours day-of-month month "
            + "day-of-week, e.g. \"0 0 3 * * ?\"");
  }

  Optional<ZoneId> zone(Node.Mapping m, String key, String path) {
    return typed(m, key, path, v -> {
      try {
        return Optional.of(ZoneId.of(v));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }, v -> "'" + v + "' is not a time zone; write UTC or a region such as Europe/Belgrade");
  }

  <T> Optional<T> typed(Node.Mapping m, String key, String path, Function<String, Optional<T>> parse,
      Function<String, String> error) {
    Optional<String> raw = string(m, key, path);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Optional<T> value = parse.apply(raw.get());
    if (value.isEmpty()) {
      problem(m.entries().get(key), join(path, key), error.apply(raw.get()));
    }
    return value;
  }

  /** An http(s) URL under {@code key}, when the key is there. */
  Optional<URI> httpUrl(Node.Mapping m, String key, String path) {
    return string(m, key, path).flatMap(u -> httpUrl(m.entries().get(key), join(path, key), u));
  }

  Optional<URI> httpUrl(Node at, String path, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, with the same advice as a wrong scheme
    }
    problem(at, path, "'" + text + "' is not an http(s) URL");
    return Optional.empty();
  }

  Optional<String> css(Node at, String path, String css) {
    if (selectors.contains(css)) {
      return Optional.of(css);
    }
    try {
      QueryParser.parse(css);
      selectors.add(css);
      return Optional.of(css);
    } catch (Selector.SelectorParseException | IllegalArgumentException e) {
      problem(at, path, "'" + css + "' is not a CSS selector jsoup can use: " + e.getMessage());
      return Optional.empty();
    }
  }

  Optional<LocalDate> date(Node at, String path, String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeException e) {
      problem(at, path, "'" + text + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-06-23");
      return Optional.empty();
    }
  }

  Optional<Figure> figure(Node at, String path, String text) {
    Optional<Figure> figure = FigureReader.readOne(text);
    if (figure.isEmpty()) {
      problem(at, path, "'" + text + "' is not a figure citewatch can read; write an amount and currency (€50, "
          + "50 EUR, 1,000,000 RSD), a duration (6 months, 24 hours, 5 years) or a count (3)");
    }
    return figure;
  }

  void checkKeys(Node.Mapping m, String path, List<String> allowed) {
    for (Map.Entry<String, Node.Scalar> key : m.keys().entrySet()) {
      if (!allowed.contains(key.getKey())) {
        String hint = Values.nearest(key.getKey(), allowed).map(k -> "; did you mean '" + k + "'?")
            .orElse("; allowed here: " + String.join(", ", allowed));
        problem(key.getValue(), join(path, key.getKey()), "unknown key '" + key.getKey() + "'" + hint);
      }
    }
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
