package org.citewatch.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citewatch.model.Figure;

/**
 * Reads figures out of running text in English, Albanian and Serbian (both scripts): {@code €50},
 * {@code 50 EUR}, {@code EUR 50.00}, {@code 11.670,00 dinara}, {@code 1 million dinars}, {@code
 * pesë (5) vite}, {@code three months}, {@code twenty-four hours}, adjectival durations ({@code 3
 * vjeçare}, {@code petogodišnja}, {@code тромесечни}, {@code five-year}), and bare numbers as counts.
 *
 * <p>A figure's span covers every word that changes with its number: in "një (1) vit" the number
 * word, the digits and the inflected unit, so that "dy (2) vite" in its place is the same clause
 * with another figure.
 */
public final class FigureReader {

  // A number not glued to other digits or to a decimal/thousands tail: "28.06.2021" is no figure.
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\d.,])(\\d{1,3}(?:[.,\\u00A0\\u202F ]\\d{3})+(?:[.,]\\d{1,2})?"
              + "|\\d+(?:[.,]\\d{1,2})?)(?![\\d]|[.,]\\d)");
  private static final Pattern WORD = Pattern.compile("\\p{L}+\\.?");
  private static final Pattern LETTERS = Pattern.compile("\\p{L}+");

  private static final Map<String, String> CURRENCY_AFTER = Map.ofEntries(
      Map.entry("€", "EUR"), Map.entry("eur", "EUR"), Map.entry("euro", "EUR"), Map.entry("euros", "EUR"),
      Map.entry("eura", "EUR"), Map.entry("evra", "EUR"), Map.entry("evro", "EUR"), Map.entry("евра", "EUR"),
      Map.entry("евро", "EUR"), Map.entry("rsd", "RSD"), Map.entry("din.", "RSD"), Map.entry("din", "RSD"),
      Map.entry("dinar", "RSD"), Map.entry("dinara", "RSD"), Map.entry("dinars", "RSD"), Map.entry("dinari", "RSD"),
      Map.entry("динар", "RSD"), Map.entry("динара", "RSD"), Map.entry("дин.", "RSD"));
  private static final Map<String, String> CURRENCY_BEFORE = Map.of(
      "€", "EUR", "eur", "EUR", "rsd", "RSD", "din.", "RSD");
  private static final Map<String, BigDecimal> MULTIPLIER = Map.of(
      "million", BigDecimal.valueOf(1_000_000), "milion", BigDecimal.valueOf(1_000_000),
      "miliona", BigDecimal.valueOf(1_000_000), "milioni", BigDecimal.valueOf(1_000_000),
      "милион", BigDecimal.valueOf(1_000_000), "милиона", BigDecimal.valueOf(1_000_000),
      "thousand", BigDecimal.valueOf(1_000), "hiljada", BigDecimal.valueOf(1_000),
      "хиљада", BigDecimal.valueOf(1_000), "mijë", BigDecimal.valueOf(1_000));

  /** Duration units as their folded words (Latin, no diacritics), in every form they take after a number. */
  private static final Map<String, String> DURATION_UNIT = durationUnits();

  /**
   * Adjectives of duration, folded: Albanian "3 vjeçare", "tremujor"; Serbian "petogodišnja",
   * "tromesečni" (every case ending, Cyrillic folded to Latin).
   */
  private static final Pattern ADJECTIVE_UNIT = Pattern.compile(
      "(vjecar|mujor|ditor|javor|godisnj|mesecn|dnevn|nedeljn|casovn)\\p{L}*");
  private static final Map<String, String> ADJECTIVE_STEM = Map.of(
      "vjecar", "YEAR", "mujor", "MONTH", "ditor", "DAY", "javor", "WEEK",
      "godisnj", "YEAR", "mesecn", "MONTH", "dnevn", "DAY", "nedeljn", "WEEK", "casovn", "HOUR");
  /** Serbian compounds put the number first with a linking -o-: "dvo-", "tro-", "peto-", "deseto-". */
  private static final Map<String, Integer> SERBIAN_PREFIX = serbianPrefixes();

  private FigureReader() {}

  /** Every figure in the text, in order, never overlapping. */
  public static List<FigureSpan> find(String text) {
    List<WordToken> words = tokens(text);
    List<FigureSpan> spans = new ArrayList<>();
    Matcher number = NUMBER.matcher(text);
    while (number.find()) {
      spans.add(figureAround(text, words, number.start(), number.end(), parseNumber(number.group())));
    }
    addNumberWordDurations(text, words, spans);
    spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
    List<FigureSpan> apart = new ArrayList<>();
    for (FigureSpan span : spans) {
      if (apart.isEmpty() || apart.get(apart.size() - 1).end() <= span.start()) {
        apart.add(span);
      }
    }
    return List.copyOf(apart);
  }

  /** The figure a whole text states, if the text is exactly one figure ("€50", "6 months"). */
  public static Optional<Figure> readOne(String text) {
    String trimmed = text.strip();
    List<FigureSpan> spans = find(trimmed);
    if (spans.size() == 1 && spans.get(0).start() == 0 && spans.get(0).end() == trimmed.length()) {
      return Optional.of(spans.get(0).figure());
    }
    return Optional.empty();
  }

  private static FigureSpan figureAround(String text, List<WordToken> words, int numStart, int numEnd,
      BigDecimal amount) {
    int start = spelledOutBefore(text, words, numStart).orElse(numStart);
    boolean parenthesised = start < numStart;
    int end = numEnd;
    BigDecimal value = amount;
    Optional<Word> next = wordAfter(text, end, true);
    if (next.isPresent() && MULTIPLIER.containsKey(next.get().lower())) {
      value = value.multiply(MULTIPLIER.get(next.get().lower()));
      end = next.get().end();
      next = wordAfter(text, end, true);
    }
    if (next.isPresent()) {
      Word word = next.get();
      String currency = CURRENCY_AFTER.get(word.lower());
      if (currency != null) {
        return new FigureSpan(start, word.end(), text.substring(start, word.end()), Figure.money(value, currency));
      }
      Optional<String> unit = unitOf(word, text.charAt(word.start() - 1) == '-' || word.start() == end);
      if (unit.isPresent()) {
        return new FigureSpan(start, word.end(), text.substring(start, word.end()), Figure.duration(value, unit.get()));
      }
    }
    Optional<Word> before = currencyBefore(text, start);
    if (before.isPresent()) {
      int from = before.get().start();
      String currency = CURRENCY_BEFORE.get(before.get().lower());
      return new FigureSpan(from, end, text.substring(from, end), Figure.money(value, currency));
    }
    if (parenthesised) {
      end = closingParen(text, end).orElse(end);
    }
    return new FigureSpan(start, end, text.substring(start, end), Figure.count(value));
  }

  /** A duration unit, or where the word is glued by a hyphen or is Albanian, a duration adjective. */
  private static Optional<String> unitOf(Word word, boolean hyphenated) {
    String folded = fold(word.lower());
    String unit = DURATION_UNIT.get(folded);
    if (unit != null) {
      return Optional.of(unit);
    }
    Matcher adjective = ADJECTIVE_UNIT.matcher(folded);
    if (adjective.matches()) {
      String stem = adjective.group(1);
      boolean albanian = stem.equals("vjecar") || stem.equals("mujor") || stem.equals("ditor") || stem.equals("javor");
      // "godišnji prihod" after a count is "annual revenue", not a duration: only "5-godišnji" is
      if (albanian || hyphenated) {
        return Optional.of(ADJECTIVE_STEM.get(stem));
      }
    }
    return Optional.empty();
  }

  /**
   * Where the number is given in parentheses after its words, "pesë (5)" or "nëntë dhjetë (90)",
   * the start of those words: they change with the number.
   */
  private static Optional<Integer> spelledOutBefore(String text, List<WordToken> words, int numStart) {
    int i = numStart;
    while (i > 0 && Normalizer.isSpace(text.charAt(i - 1))) {
      i--;
    }
    if (i == 0 || text.charAt(i - 1) != '(') {
      return Optional.empty();
    }
    int paren = i - 1;
    int last = -1;
    for (int k = 0; k < words.size() && words.get(k).end() <= paren; k++) {
      last = k;
    }
    if (last < 0 || !text.substring(words.get(last).end(), paren).isBlank()) {
      return Optional.empty();
    }
    int first = last;
    while (first >= 0 && (NumberWords.isNumberToken(words.get(first).folded())
        || first < last && NumberWords.isConnector(words.get(first).folded()))) {
      first--;
    }
    first++;
    while (first <= last && NumberWords.isConnector(words.get(first).folded())) {
      first++;
    }
    return first <= last ? Optional.of(words.get(first).start()) : Optional.empty();
  }

  private static Optional<Integer> closingParen(String text, int from) {
    int i = skipSpaces(text, from);
    return i < text.length() && text.charAt(i) == ')' ? Optional.of(i + 1) : Optional.empty();
  }

  private record Word(int start, int end, String lower) {}

  private static List<WordToken> tokens(String text) {
    List<WordToken> tokens = new ArrayList<>();
    Matcher m = LETTERS.matcher(text);
    while (m.find()) {
      tokens.add(new WordToken(m.start(), m.end(), fold(m.group().toLowerCase(Locale.ROOT))));
    }
    return tokens;
  }

  static String fold(String lower) {
    StringBuilder out = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      out.append(Fold.fold(lower.charAt(i)));
    }
    return out.toString();
  }

  /** The word after {@code from}, skipping spaces, a hyphen and, where a number stood in parentheses, a ")". */
  private static Optional<Word> wordAfter(String text, int from, boolean allowParen) {
    int i = skipSpaces(text, from);
    if (allowParen && i < text.length() && text.charAt(i) == ')') {
      i = skipSpaces(text, i + 1);
    }
    if (i == from && i < text.length() && text.charAt(i) == '-' && i + 1 < text.length()
        && Character.isLetter(text.charAt(i + 1))) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '€') {
      return Optional.of(new Word(i, i + 1, "€"));
    }
    Matcher word = WORD.matcher(text).region(i, text.length());
    if (!word.lookingAt()) {
      return Optional.empty();
    }
    String lower = word.group().toLowerCase(Locale.ROOT);
    int end = word.end();
    if (lower.endsWith(".") && !lower.equals("din.") && !lower.equals("дин.")) {
      lower = lower.substring(0, lower.length() - 1);
      end--;
    }
    return Optional.of(new Word(i, end, lower));
  }

  private static Optional<Word> currencyBefore(String text, int numStart) {
    int i = numStart;
    while (i > 0 && Normalizer.isSpace(text.charAt(i - 1)) && numStart - i < 2) {
      i--;
    }
    for (String symbol : CURRENCY_BEFORE.keySet()) {
      int start = i - symbol.length();
      if (start >= 0 && text.substring(start, i).toLowerCase(Locale.ROOT).equals(symbol)
          && (symbol.equals("€") || start == 0 || !Character.isLetter(text.charAt(start - 1)))) {
        return Optional.of(new Word(start, i, symbol));
      }
    }
    return Optional.empty();
  }

  /**
   * Durations written in words: "three months", "twenty-four hours", "njëzet e një ditë", "pet
   * godina", "five-year", and single compounds "pesëvjeçare", "petogodišnji", "тромесечни".
   */
  private static void addNumberWordDurations(String text, List<WordToken> words, List<FigureSpan> spans) {
    for (int i = 0; i < words.size(); i++) {
      WordToken word = words.get(i);
      Optional<FigureSpan> compound = compound(text, word);
      if (compound.isPresent()) {
        spans.add(compound.get());
        continue;
      }
      Optional<NumberWords.Parsed> parsed = NumberWords.parse(words, i, text);
      if (parsed.isEmpty()) {
        continue;
      }
      WordToken last = words.get(parsed.get().lastToken());
      Optional<Word> unitWord = wordAfter(text, last.end(), false);
      if (unitWord.isEmpty() || unitWord.get().start() == last.end()) {
        continue;
      }
      boolean hyphenated = text.charAt(unitWord.get().start() - 1) == '-';
      Optional<String> unit = unitOf(unitWord.get(), hyphenated);
      if (unit.isPresent()) {
        int end = unitWord.get().end();
        spans.add(new FigureSpan(word.start(), end, text.substring(word.start(), end),
            Figure.duration(BigDecimal.valueOf(parsed.get().value()), unit.get())));
        i = parsed.get().lastToken();
      }
    }
  }

  /** One word that is a number and a duration adjective together: "trevjeçare", "dvogodišnji". */
  private static Optional<FigureSpan> compound(String text, WordToken word) {
    Matcher adjective = ADJECTIVE_UNIT.matcher(word.folded());
    if (word.folded().length() < 7 || !adjective.find() || adjective.start() < 2
        || adjective.end() != word.folded().length()) {
      return Optional.empty();
    }
    String prefix = word.folded().substring(0, adjective.start());
    Optional<Integer> value = Optional.ofNullable(SERBIAN_PREFIX.get(prefix)).or(() -> NumberWords.value(prefix));
    return value.map(v -> new FigureSpan(word.start(), word.end(), text.substring(word.start(), word.end()),
        Figure.duration(BigDecimal.valueOf(v), ADJECTIVE_STEM.get(adjective.group(1)))));
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && Normalizer.isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * European and English separators both occur on the same sites: the last separator is decimal
   * when both kinds appear or when it is followed by one or two digits; otherwise it groups
   * thousands ("50.000", "1,000,000").
   */
  static BigDecimal parseNumber(String written) {
    String digits = written.replaceAll("[\\u00A0\\u202F ]", "");
    int lastDot = digits.lastIndexOf('.');
    int lastComma = digits.lastIndexOf(',');
    int last = Math.max(lastDot, lastComma);
    if (last < 0) {
      return new BigDecimal(digits);
    }
    char sep = digits.charAt(last);
    boolean bothKinds = lastDot >= 0 && lastComma >= 0;
    boolean decimal = bothKinds || digits.length() - last - 1 != 3;
    if (decimal) {
      String integer = digits.substring(0, last).replaceAll("[.,]", "");
      return new BigDecimal(integer + "." + digits.substring(last + 1));
    }
    return new BigDecimal(digits.replace(String.valueOf(sep), ""));
  }

  private static Map<String, String> durationUnits() {
    Map<String, String> units = new HashMap<>();
    put(units, "HOUR", "hour", "hours", "hrs", "ore", "oreve", "oresh", "oret", "sat", "sata", "sati", "satu",
        "satima", "cas", "casa", "casova", "casovi");
    put(units, "DAY", "day", "days", "dite", "diteve", "ditesh", "ditet", "diten", "dites", "dan", "dana", "dani",
        "danima");
    put(units, "WEEK", "week", "weeks", "jave", "javeve", "javesh", "javet", "nedelja", "nedelje", "nedelju",
        "nedelji", "nedeljama", "sedmica", "sedmice", "sedmicu");
    put(units, "MONTH", "month", "months", "muaj", "muajve", "muajsh", "muajt", "muajin", "muaji", "muajit", "mesec",
        "meseca", "meseci",
        "mesecu", "mesecima");
    put(units, "YEAR", "year", "years", "vit", "vite", "vjet", "vjete", "viteve", "vitesh", "vitet", "vitin", "viti",
        "vitit", "vjec",
        "godina", "godine", "godinu", "godini", "godinama");
    return Map.copyOf(units);
  }

  private static void put(Map<String, String> map, String value, String... keys) {
    for (String key : keys) {
      map.put(key, value);
    }
  }

  private static Map<String, Integer> serbianPrefixes() {
    Map<String, Integer> prefixes = new HashMap<>();
    String[] ones = {"", "jedno", "dvo", "tro", "cetvoro", "peto", "sesto", "sedmo", "osmo", "deveto", "deseto"};
    for (int n = 1; n < ones.length; n++) {
      prefixes.put(ones[n], n);
    }
    prefixes.put("dvanaesto", 12);
    prefixes.put("petnaesto", 15);
    prefixes.put("osamnaesto", 18);
    prefixes.put("dvadeseto", 20);
    prefixes.put("trideseto", 30);
    prefixes.put("cetrdeseto", 40);
    prefixes.put("sezdeseto", 60);
    prefixes.put("devedeseto", 90);
    prefixes.put("sto", 100);
    return Map.copyOf(prefixes);
  }
}
