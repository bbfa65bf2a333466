package org.citewatch.text;

import java.math.BigDecimal;
import java.util.ArrayList;
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
 * pesë (5) vite}, {@code three months}, and bare numbers as counts.
 */
public final class FigureReader {

  // A number not glued to other digits or to a decimal/thousands tail: "28.06.2021" is no figure.
  private static final Pattern NUMBER =
      Pattern.compile(
          "(?<![\\d.,])(\\d{1,3}(?:[.,\\u00A0\\u202F ]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)(?![\\d]|[.,]\\d)");
  private static final Pattern WORD = Pattern.compile("\\p{L}+\\.?");

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
  private static final Map<String, String> DURATION_UNIT = durationUnits();
  private static final Map<String, Integer> NUMBER_WORDS = numberWords();

  private FigureReader() {}

  /** Every figure in the text, in order, never overlapping. */
  public static List<FigureSpan> find(String text) {
    List<FigureSpan> spans = new ArrayList<>();
    Matcher number = NUMBER.matcher(text);
    while (number.find()) {
      spans.add(figureAround(text, number.start(), number.end(), parseNumber(number.group())));
    }
    addNumberWordDurations(text, spans);
    spans.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return List.copyOf(spans);
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

  private static FigureSpan figureAround(String text, int numStart, int numEnd, BigDecimal amount) {
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
        return new FigureSpan(numStart, word.end(), text.substring(numStart, word.end()), Figure.money(value, currency));
      }
      String unit = DURATION_UNIT.get(word.lower());
      if (unit != null) {
        return new FigureSpan(numStart, word.end(), text.substring(numStart, word.end()), Figure.duration(value, unit));
      }
    }
    Optional<Word> before = currencyBefore(text, numStart);
    if (before.isPresent()) {
      int start = before.get().start();
      String currency = CURRENCY_BEFORE.get(before.get().lower());
      return new FigureSpan(start, end, text.substring(start, end), Figure.money(value, currency));
    }
    return new FigureSpan(numStart, end, text.substring(numStart, end), Figure.count(value));
  }

  private record Word(int start, int end, String lower) {}

  /** The word after {@code from}, skipping spaces and, where a number stood in parentheses, a ")". */
  private static Optional<Word> wordAfter(String text, int from, boolean allowParen) {
    int i = skipSpaces(text, from);
    if (allowParen && i < text.length() && text.charAt(i) == ')') {
      i = skipSpaces(text, i + 1);
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

  private static void addNumberWordDurations(String text, List<FigureSpan> spans) {
    Matcher word = WORD.matcher(text);
    while (word.find()) {
      Integer n = NUMBER_WORDS.get(word.group().toLowerCase(Locale.ROOT));
      if (n == null || (word.start() > 0 && Character.isLetter(text.charAt(word.start() - 1)))) {
        continue;
      }
      Optional<Word> unit = wordAfter(text, word.end(), false);
      if (unit.isPresent() && DURATION_UNIT.containsKey(unit.get().lower()) && unit.get().start() > word.end()) {
        int start = word.start();
        int end = unit.get().end();
        if (spans.stream().noneMatch(s -> s.start() < end && start < s.end())) {
          spans.add(new FigureSpan(start, end, text.substring(start, end),
              Figure.duration(BigDecimal.valueOf(n), DURATION_UNIT.get(unit.get().lower()))));
        }
      }
    }
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
    Map<String, String> units = new java.util.HashMap<>();
    for (String w : List.of("hour", "hours", "hrs", "orë", "ore", "orëve", "sat", "sata", "sati", "čas", "časa",
        "časova", "сат", "сата", "сати", "час", "часа", "часова")) {
      units.put(w, "HOUR");
    }
    for (String w : List.of("day", "days", "ditë", "dite", "ditëve", "dan", "dana", "дан", "дана")) {
      units.put(w, "DAY");
    }
    for (String w : List.of("week", "weeks", "javë", "jave", "javëve", "nedelja", "nedelje", "nedelju",
        "недеља", "недеље", "недељу")) {
      units.put(w, "WEEK");
    }
    for (String w : List.of("month", "months", "muaj", "muajve", "muajsh", "mesec", "meseca", "meseci",
        "месец", "месеца", "месеци")) {
      units.put(w, "MONTH");
    }
    for (String w : List.of("year", "years", "vit", "vite", "vjet", "vjetë", "viteve", "godina", "godine",
        "godinu", "година", "године", "годину")) {
      units.put(w, "YEAR");
    }
    return Map.copyOf(units);
  }

  private static Map<String, Integer> numberWords() {
    Map<String, Integer> words = new java.util.HashMap<>();
    String[][] byValue = {
      {},
      {"one", "një", "jedan", "jedna", "jednu", "један", "једна", "једну"},
      {"two", "dy", "dva", "dve", "два", "две"},
      {"three", "tre", "tri", "три"},
      {"four", "katër", "kater", "četiri", "cetiri", "четири"},
      {"five", "pesë", "pese", "pet", "пет"},
      {"six", "gjashtë", "gjashte", "šest", "sest", "шест"},
      {"seven", "shtatë", "shtate", "sedam", "седам"},
      {"eight", "tetë", "tete", "osam", "осам"},
      {"nine", "nëntë", "nente", "devet", "девет"},
      {"ten", "dhjetë", "dhjete", "deset", "десет"},
      {"eleven", "jedanaest", "једанаест"},
      {"twelve", "dymbëdhjetë", "dvanaest", "дванаест"},
    };
    for (int value = 1; value < byValue.length; value++) {
      for (String w : byValue[value]) {
        words.put(w, value);
      }
    }
    return Map.copyOf(words);
  }
}
