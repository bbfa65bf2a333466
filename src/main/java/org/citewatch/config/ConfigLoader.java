package org.citewatch.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Figure;
import org.citewatch.model.Notifier;
import org.citewatch.model.Program;
import org.citewatch.model.ProgramPage;
import org.citewatch.model.Settings;
import org.citewatch.model.Source;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import org.quartz.CronExpression;

/**
 * Loads sources.yaml into a {@link Config}. Every problem found is reported with its file, line,
 * column and path, and all of them at once: a maintainer fixes a file in one pass, not ten.
 */
public final class ConfigLoader {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final List<String> TOP_KEYS = List.of("settings", "sources", "programs");
  private static final List<String> SETTINGS_KEYS = List.of("user_agent", "timeout", "max_body", "per_host_delay",
      "per_host_concurrency", "concurrency", "respect_robots", "stale_after", "schedule", "timezone", "notify", "retries", "retry_backoff",
      "max_retry_after", "robots_cache", "max_crawl_delay", "max_shrink", "jitter", "signing_key",
      "timestamp_authority", "web_url");
  private static final List<String> SOURCE_KEYS =
      List.of("id", "url", "lang", "select", "ignore", "schedule", "respect_robots");
  private static final List<String> PROGRAM_KEYS =
      List.of("id", "name", "last_verified", "stale_after", "claims", "page", "page_select", "page_ignore", "page_lang");
  /** A clause, even a long paragraph of a regulation, is a few hundred characters; a page is not a quote. */
  private static final int MAX_QUOTE = 5_000;
  private static final List<String> CLAIM_KEYS = List.of("id", "source", "quote", "figure");

  private final Map<String, String> env;

  /** Checks {@code ${VAR}} references against the process's environment. */
  public ConfigLoader() {
    this(System.getenv());
  }

  /** @param env the environment a run will read {@code ${VAR}} from */
  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public Config load(Path file) throws ConfigException, IOException {
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw unreadable(file, "it is a directory; pass --config FILE");
      }
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        // a FIFO would block the read, /dev/zero would never end it
        throw unreadable(file, "it is not a regular file (a FIFO, a device or a socket); pass --config FILE");
      }
      if (Files.exists(file) && Files.size(file) > Limits.MAX_FILE_BYTES) {
        throw unreadable(file, String.format(Locale.ROOT, "it is %,d bytes, more than sources.yaml can be (%,d); "
            + "is it the right file?", Files.size(file), Limits.MAX_FILE_BYTES));
      }
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of(new Problem(file, 1, 1, "",
          "file not found; pass --config FILE or create sources.yaml (see README)")));
    } catch (CharacterCodingException e) {
      throw new ConfigException(List.of(new Problem(file, 1, 1, "", "file is not UTF-8; save it as UTF-8")));
    } catch (AccessDeniedException e) {
      throw unreadable(file, "permission denied");
    }
    return parse(file, new StringReader(text));
  }

  private static ConfigException unreadable(Path file, String why) {
    return new ConfigException(List.of(new Problem(file, 1, 1, "", "cannot read it: " + why)));
  }

  public Config parse(Path file, Reader yaml) throws ConfigException, IOException {
    Node root;
    try {
      root = new YamlReader().read(yaml);
    } catch (YamlReader.SyntaxError e) {
      throw new ConfigException(List.of(new Problem(file, e.line, e.column, "", e.getMessage())));
    } catch (YamlReader.DuplicateKey e) {
      throw new ConfigException(
          List.of(new Problem(file, e.second.line(), e.second.column(), "", e.getMessage())));
    }
    Validation v = new Validation(file, env);
    Config config = v.config(root);
    if (!v.problems.isEmpty()) {
      v.problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      throw new ConfigException(v.problems);
    }
    return config;
  }

  /** One pass over the tree, collecting problems instead of stopping at the first. */
  private static final class Validation {
    private final Path file;
    private final List<Problem> problems = new ArrayList<>();
    // Ids of every source written in the file, valid or not, so that a source rejected for a bad
    // url does not also make each claim citing it report a missing source.
    private final Set<String> declaredSources = new LinkedHashSet<>();
    private final Map<String, String> sourcePaths = new HashMap<>();
    private final Map<String, String> programPaths = new HashMap<>();
    private Map<String, String> claimPaths = new HashMap<>();
    private final Map<String, String> env;
    private final List<String> warnings = new ArrayList<>();

    Validation(Path file, Map<String, String> env) {
      this.file = file;
      this.env = env;
    }

    void problem(Node at, String path, String message) {
      problems.add(new Problem(file, at.line(), at.column(), path, message));
    }

    void warning(Node at, String path, String message) {
      warnings.add(new Problem(file, at.line(), at.column(), path, message).toString());
    }

    /**
     * A value naming {@code ${VAR}} that the environment does not set: a problem where the run
     * cannot do without it, a warning for a notifier (the run goes on; what it could not send waits
     * in the outbox for the next run).
     */
    Optional<String> environment(Node.Mapping m, String key, String path, boolean required) {
      Optional<String> value = string(m, key, path);
      value.ifPresent(v -> {
        List<String> unset = EnvironmentValues.unset(v, env);
        if (!unset.isEmpty()) {
          String names = String.join(", ", unset);
          if (required) {
            problem(m.entries().get(key), join(path, key), "environment variable " + names + " is not set; set it "
                + "where citewatch runs (the crontab, the systemd unit), or write the value");
          } else {
            warning(m.entries().get(key), join(path, key), "environment variable " + names + " is not set: this "
                + "notifier will fail, and what it could not send waits in the outbox until it is set");
          }
        }
      });
      return value;
    }

    Config config(Node root) {
      Optional<Node.Mapping> top = mapping(root, "", "the file must be a mapping with settings, sources and programs");
      if (top.isEmpty()) {
        return null;
      }
      Node.Mapping m = top.get();
      checkKeys(m, "", TOP_KEYS);
      Settings settings = m.entries().containsKey("settings") ? settings(m.entries().get("settings")) : Settings.defaults();
      List<Source> sources = list(m, "sources", "", this::source);
      Node listed = m.entries().get("sources");
      if (listed == null) {
        problem(m, "sources", "missing; list at least one official page under sources:");
      } else if (listed instanceof Node.Sequence seq ? seq.items().isEmpty() : listed instanceof Node.Scalar s && s.isNull()) {
        // a nightly run that checks nothing and exits 0 would pass for a quiet night
        problem(listed, "sources", "empty; list at least one official page under sources:");
      }
      List<Program> programs = list(m, "programs", "", this::program);
      List<Source> fetched = new ArrayList<>(sources);
      for (Program program : programs) {
        program.page().ifPresent(page -> fetched.add(page.asSource(program.id())));
      }
      return new Config(file, settings, fetched, programs, warnings);
    }

    Settings settings(Node node) {
      Optional<Node.Mapping> mapping = mapping(node, "settings", "must be a mapping of setting: value");
      if (mapping.isEmpty()) {
        return Settings.defaults();
      }
      Node.Mapping m = mapping.get();
      checkKeys(m, "settings", SETTINGS_KEYS);
      String at = "settings";
      Settings.Builder settings = Settings.builder();
      headerValue(m, "user_agent", at).ifPresent(settings::userAgent);
      duration(m, "timeout", at, Limits.TIMEOUT).ifPresent(settings::timeout);
      size(m, "max_body", at).ifPresent(settings::maxBodyBytes);
      duration(m, "per_host_delay", at, Limits.PER_HOST_DELAY).ifPresent(settings::perHostDelay);
      positiveInt(m, "per_host_concurrency", at, Limits.PER_HOST_CONCURRENCY).ifPresent(settings::perHostConcurrency);
      positiveInt(m, "concurrency", at, Limits.CONCURRENCY).ifPresent(settings::concurrency);
      bool(m, "respect_robots", at).ifPresent(settings::respectRobots);
      duration(m, "stale_after", at, Limits.STALE_AFTER).ifPresent(settings::staleAfter);
      cron(m, "schedule", at).ifPresent(settings::schedule);
      zone(m, "timezone", at).ifPresent(settings::timezone);
      settings.notifiers(list(m, "notify", at, this::notifier));
      count(m, "retries", at).ifPresent(settings::retries);
      duration(m, "retry_backoff", at, Limits.RETRY_BACKOFF).ifPresent(settings::retryBackoff);
      duration(m, "max_retry_after", at, Limits.MAX_RETRY_AFTER).ifPresent(settings::maxRetryAfter);
      duration(m, "robots_cache", at, Limits.ROBOTS_CACHE).ifPresent(settings::robotsCache);
      duration(m, "max_crawl_delay", at, Limits.MAX_CRAWL_DELAY).ifPresent(settings::maxCrawlDelay);
      typed(m, "max_shrink", at, v -> v.matches("\\d{1,2}%") ? Optional.of(Integer.parseInt(v.substring(0, v.length() - 1)))
          : Optional.empty(), v -> "'" + v + "' is not a share of the page; write a percentage from 0% to 99%, e.g. 50%")
          .ifPresent(settings::maxShrinkPercent);
      duration(m, "jitter", at, Limits.JITTER).ifPresent(settings::jitter);
      environment(m, "signing_key", at, true).filter(k -> !k.isBlank()).ifPresent(settings::signingKey);
      url(m, "timestamp_authority", at).ifPresent(settings::timestampAuthority);
      url(m, "web_url", at).ifPresent(settings::webUrl);
      return settings.build();
    }

    /** An optional http(s) URL setting; blank is the same as absent. */
    Optional<URI> url(Node.Mapping m, String key, String path) {
      return string(m, key, path).filter(u -> !u.isBlank()).flatMap(u -> httpUrl(m.entries().get(key), join(path, key), u));
    }

    Notifier notifier(Node node, String path) {
      Optional<Node.Mapping> mapping = mapping(node, path, "must be {webhook: URL} or {email: {to: ADDRESS, smtp: URL}}");
      if (mapping.isEmpty()) {
        return null;
      }
      Node.Mapping m = mapping.get();
      checkKeys(m, path, List.of("webhook", "email"));
      if (m.entries().containsKey("webhook")) {
        return environment(m, "webhook", path, false).map(Notifier.Webhook::new).orElse(null);
      }
      if (m.entries().containsKey("email")) {
        String emailPath = path + ".email";
        Optional<Node.Mapping> email = mapping(m.entries().get("email"), emailPath, "must be a mapping with to: and smtp:");
        if (email.isEmpty()) {
          return null;
        }
        checkKeys(email.get(), emailPath, List.of("to", "smtp", "from", "plaintext_relay"));
        Optional<String> to = required(email.get(), "to", emailPath, "the address to send alerts to");
        Optional<String> smtp = required(email.get(), "smtp", emailPath, "the SMTP server, e.g. smtp://user:${SMTP_PASSWORD}@host:587");
        Optional<String> from = string(email.get(), "from", emailPath);
        for (String key : List.of("to", "smtp", "from")) {
          if (email.get().entries().get(key) instanceof Node.Scalar) {
            environment(email.get(), key, emailPath, false);
            headerField(email.get(), key, emailPath);
          }
        }
        boolean plaintext = bool(email.get(), "plaintext_relay", emailPath).orElse(false);
        if (plaintext && smtp.isPresent() && !onThisMachine(smtp.get())) {
          problem(email.get().entries().get("plaintext_relay"), emailPath + ".plaintext_relay", "is only for a relay on "
              + "this machine (localhost, 127.0.0.1, ::1): anywhere else the password and the mail would cross the "
              + "network in clear; use smtps:// or a server that offers STARTTLS");
        }
        return to.isPresent() && smtp.isPresent() ? new Notifier.Email(to.get(), smtp.get(), from, plaintext) : null;
      }
      problem(m, path, "needs webhook: or email:");
      return null;
    }

    Source source(Node node, String path) {
      Optional<Node.Mapping> mapping = mapping(node, path, "must be a mapping with id:, url: and lang:");
      if (mapping.isEmpty()) {
        return null;
      }
      Node.Mapping m = mapping.get();
      checkKeys(m, path, SOURCE_KEYS);
      Optional<String> id = unique(id(m, path), m, path, sourcePaths);
      id.ifPresent(declaredSources::add);
      Optional<URI> url = required(m, "url", path, "the official page's http(s) address")
          .flatMap(u -> httpUrl(m.entries().get("url"), path + ".url", u));
      Optional<String> lang = required(m, "lang", path, "the page's language as a BCP 47 tag: sq, sr-Latn, sr-Cyrl, en");
      lang.ifPresent(l -> {
        if (!LANG.matcher(l).matches()) {
          problem(m.entries().get("lang"), path + ".lang", "'" + l + "' is not a BCP 47 language tag; write sq, sr-Latn, sr-Cyrl, en …");
        }
      });
      Optional<String> select = string(m, "select", path).flatMap(css -> css(m.entries().get("select"), path + ".select", css));
      List<String> ignore = list(m, "ignore", path, (n, p) -> scalar(n, p, "must be a CSS selector").flatMap(css -> css(n, p, css)).orElse(null));
      Optional<String> schedule = cron(m, "schedule", path);
      Optional<Boolean> robots = bool(m, "respect_robots", path);
      if (id.isEmpty() || url.isEmpty() || lang.isEmpty()) {
        return null;
      }
      return new Source(id.get(), url.get(), lang.get(), select, ignore, schedule, robots.orElse(true));
    }

    Program program(Node node, String path) {
      Optional<Node.Mapping> mapping = mapping(node, path, "must be a mapping with id:, name:, last_verified: and claims:");
      if (mapping.isEmpty()) {
        return null;
      }
      Node.Mapping m = mapping.get();
      checkKeys(m, path, PROGRAM_KEYS);
      Optional<String> id = unique(id(m, path), m, path, programPaths);
      claimPaths = new HashMap<>();
      Optional<String> name = required(m, "name", path, "the program's title as the site shows it");
      Optional<LocalDate> verified = required(m, "last_verified", path, "the date a maintainer last checked it, as 2026-06-23")
          .flatMap(d -> date(m.entries().get("last_verified"), path + ".last_verified", d));
      Optional<Duration> staleAfter = duration(m, "stale_after", path, Limits.STALE_AFTER);
      List<Claim> claims = list(m, "claims", path, this::claim);
      Optional<ProgramPage> page = page(m, path);
      if (page.isPresent() && id.isPresent() && declaredSources.contains(id.get())) {
        // the page's evidence is kept under the program's id, which must not be a source's too
        problem(m.entries().get("id"), path + ".id", "a source has the id '" + id.get() + "' too; a program with page: "
            + "needs an id of its own, since its page is kept under it");
      }
      if (id.isEmpty() || name.isEmpty() || verified.isEmpty()) {
        return null;
      }
      return new Program(id.get(), name.get(), verified.get(), staleAfter, claims, page);
    }

    /** page:, with page_select:, page_ignore: and page_lang: (default en), which mean nothing without it. */
    Optional<ProgramPage> page(Node.Mapping m, String path) {
      if (!m.entries().containsKey("page")) {
        for (String key : List.of("page_select", "page_ignore", "page_lang")) {
          if (m.entries().containsKey(key)) {
            problem(m.entries().get(key), join(path, key), "means nothing without page: (the site's page for this program)");
          }
        }
        return Optional.empty();
      }
      Optional<URI> url = required(m, "page", path, "the address of the site's page for this program")
          .flatMap(u -> httpUrl(m.entries().get("page"), path + ".page", u));
      Optional<String> select = string(m, "page_select", path)
          .flatMap(css -> css(m.entries().get("page_select"), path + ".page_select", css));
      List<String> ignore = list(m, "page_ignore", path,
          (n, p) -> scalar(n, p, "must be a CSS selector").flatMap(css -> css(n, p, css)).orElse(null));
      String lang = string(m, "page_lang", path).orElse("en");
      if (!LANG.matcher(lang).matches()) {
        problem(m.entries().get("page_lang"), path + ".page_lang", "'" + lang + "' is not a BCP 47 language tag; write sq, sr-Latn, sr-Cyrl, en …");
      }
      return url.map(u -> new ProgramPage(u, lang, select, ignore));
    }

    Claim claim(Node node, String path) {
      Optional<Node.Mapping> mapping = mapping(node, path, "must be a mapping with id:, source: and quote: or figure:");
      if (mapping.isEmpty()) {
        return null;
      }
      Node.Mapping m = mapping.get();
      checkKeys(m, path, CLAIM_KEYS);
      Optional<String> id = unique(id(m, path), m, path, claimPaths);
      Optional<String> source = required(m, "source", path, "the id of the source this claim rests on");
      if (source.isPresent() && !declaredSources.contains(source.get())) {
        String hint = Values.nearest(source.get(), declaredSources).map(s -> "; did you mean '" + s + "'?")
            .orElse(declaredSources.isEmpty() ? "; add it under sources:" : "; known sources: " + String.join(", ", declaredSources));
        problem(m.entries().get("source"), path + ".source", "no source '" + source.get() + "' in sources" + hint);
      }
      Optional<String> quote = string(m, "quote", path).filter(q -> !q.isBlank());
      if (quote.isPresent() && quote.get().length() > MAX_QUOTE) {
        problem(m.entries().get("quote"), path + ".quote", String.format(Locale.ROOT, "is %,d characters; a quote is "
            + "the clause a claim rests on, at most %,d: copy the sentence, not the page", quote.get().length(), MAX_QUOTE));
        quote = Optional.empty();
      }
      Optional<Figure> figure = string(m, "figure", path).flatMap(f -> figure(m.entries().get("figure"), path + ".figure", f));
      if (!m.entries().containsKey("quote") && !m.entries().containsKey("figure")) {
        problem(m, path, "a claim needs quote:, figure:, or both");
      }
      if (figure.isPresent() && quote.isPresent()) {
        List<Figure> quoted = FigureReader.find(quote.get()).stream().map(FigureSpan::figure).toList();
        if (!quoted.contains(figure.get())) {
          problem(m.entries().get("figure"), path + ".figure", "the quote does not state " + figure.get()
              + (quoted.isEmpty() ? " (it states no figure)" : " (it states " + join(quoted) + ")")
              + "; quote the passage that gives the figure");
        }
      }
      if (id.isEmpty() || source.isEmpty()) {
        return null;
      }
      return new Claim(id.get(), source.get(), quote, figure);
    }

    // ---- typed getters: each reports its own problem and returns empty on a bad value ----

    Optional<String> id(Node.Mapping m, String path) {
      Optional<String> id = required(m, "id", path, "an id of lowercase letters, digits and hyphens");
      id.ifPresent(value -> {
        if (!ID.matcher(value).matches()) {
          problem(m.entries().get("id"), path + ".id", "'" + value + "' is not a valid id; use lowercase letters, digits and hyphens, e.g. xk-mpb-temporary-residence");
        }
      });
      return id.filter(value -> ID.matcher(value).matches());
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

    <T> List<T> list(Node.Mapping m, String key, String path, BiFunction<Node, String, T> item) {
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
        T value = item.apply(seq.items().get(i), listPath + "[" + i + "]");
        if (value != null) {
          out.add(value);
        }
      }
      return out;
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

    Optional<Integer> positiveInt(Node.Mapping m, String key, String path, Limits.Range<Integer> range) {
      return typed(m, key, path, v -> v.matches("\\d{1,9}") && range.holds(Integer.parseInt(v))
              ? Optional.of(Integer.parseInt(v)) : Optional.empty(),
          v -> "'" + v + "' is not a whole number from " + range.min() + " to " + range.max() + range.why());
    }

    Optional<Integer> count(Node.Mapping m, String key, String path) {
      return typed(m, key, path, v -> v.matches("\\d{1,9}") && Limits.RETRIES.holds(Integer.parseInt(v))
              ? Optional.of(Integer.parseInt(v)) : Optional.empty(),
          v -> "'" + v + "' is not a whole number from 0 to " + Limits.RETRIES.max() + Limits.RETRIES.why());
    }

    private static boolean onThisMachine(String smtp) {
      try {
        String host = new URI(smtp).getHost();
        return host != null && (host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]"));
      } catch (URISyntaxException e) {
        return false;
      }
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
          v -> "'" + v + "' is not a Quartz cron expression; write seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 3 * * ?\"");
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
      try {
        QueryParser.parse(css);
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
        problem(at, path, "'" + text + "' is not a figure citewatch can read; write an amount and currency (€50, 50 EUR, 1,000,000 RSD), a duration (6 months, 24 hours, 5 years) or a count (3)");
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

    /** Ids are unique among their siblings; the second use is the one reported. */
    Optional<String> unique(Optional<String> id, Node.Mapping m, String path, Map<String, String> seen) {
      if (id.isPresent()) {
        String first = seen.putIfAbsent(id.get(), path);
        if (first != null) {
          problem(m.entries().get("id"), path + ".id", "'" + id.get() + "' is already the id of " + first + "; ids must be unique");
        }
      }
      return id;
    }

    private static String join(String path, String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    private static String join(List<Figure> figures) {
      return String.join(", ", figures.stream().map(Figure::toString).toList());
    }
  }
}
