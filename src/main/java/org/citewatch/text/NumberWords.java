package org.citewatch.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Numbers written in words, up to a million, in English, Albanian and Serbian (folded: Latin, no
 * diacritics, so Cyrillic reads the same): "twenty-four", "njëzet e pesë", "dvadeset i pet",
 * "one hundred and twenty", "pesëqind", "dve hiljade".
 */
final class NumberWords {

  private enum Kind {
    /** 1–99: added to what is being built. */
    UNIT,
    /** 100–900 written as one word ("dyqind", "dvesta"). */
    HUNDREDS,
    /** "hundred", "qind": multiplies what stands before it. */
    HUNDRED,
    THOUSAND,
    MILLION
  }

  private record Entry(Kind kind, int value) {}

  /** "and", Albanian "e" and Serbian "i" join tens to units: "njëzet e një", "dvadeset i jedan". */
  private static final Set<String> CONNECTORS = Set.of("and", "e", "i");
  private static final Map<String, Entry> WORDS = words();

  /** What {@link #parse} read: the number and the index of its last token. */
  record Parsed(long value, int lastToken) {}

  private NumberWords() {}

  static boolean isNumberToken(String folded) {
    return WORDS.containsKey(folded);
  }

  static boolean isConnector(String folded) {
    return CONNECTORS.contains(folded);
  }

  /** The value of a single number word below a thousand ("pese", "dyqind"), for compounds. */
  static Optional<Integer> value(String folded) {
    Entry entry = WORDS.get(folded);
    return entry != null && (entry.kind() == Kind.UNIT || entry.kind() == Kind.HUNDREDS)
        ? Optional.of(entry.value()) : Optional.empty();
  }

  /**
   * The longest number spelt out from token {@code first} on, its tokens apart only by spaces or a
   * hyphen; a units word follows a tens word ("twenty-four"), not another unit ("five six").
   */
  static Optional<Parsed> parse(List<WordToken> tokens, int first, String text) {
    Sum sum = new Sum();
    int last = -1;
    for (int i = first; i < tokens.size(); i++) {
      String word = tokens.get(i).folded();
      if (i > first && !joined(text, tokens.get(i - 1).end(), tokens.get(i).start())) {
        break;
      }
      if (i > first && CONNECTORS.contains(word)) {
        if (sum.current % 10 != 0 || i + 1 >= tokens.size() || !WORDS.containsKey(tokens.get(i + 1).folded())) {
          break;
        }
        continue;
      }
      Entry entry = WORDS.get(word);
      if (entry == null || !sum.fits(entry, i == first)) {
        break;
      }
      sum.add(entry);
      last = i;
    }
    long value = sum.value();
    return last < 0 || value <= 0 || value > 1_000_000 ? Optional.empty() : Optional.of(new Parsed(value, last));
  }

  /** A number being read word by word: the thousands and millions so far, and the group under a thousand. */
  private static final class Sum {
    long total;
    long current;

    /** Whether the word can come next: a unit after a tens word, "hundred" after a unit, and so on. */
    boolean fits(Entry entry, boolean firstWord) {
      return switch (entry.kind()) {
        case UNIT -> current == 0 || (current % 10 == 0 && entry.value() < 10 && current % 100 != 0)
            || (current % 100 == 0 && entry.value() < 100);
        case HUNDREDS -> current == 0;
        case HUNDRED -> current > 0 && current < 10 || current == 0 && firstWord;
        case THOUSAND, MILLION -> true;
      };
    }

    void add(Entry entry) {
      switch (entry.kind()) {
        case UNIT, HUNDREDS -> current += entry.value();
        case HUNDRED -> current = Math.max(current, 1) * 100;
        case THOUSAND, MILLION -> {
          total += Math.max(current, 1) * entry.value();
          current = 0;
        }
      }
    }

    long value() {
      return total + current;
    }
  }

  private static boolean joined(String text, int from, int to) {
    String between = text.substring(from, to);
    return between.equals("-") || (!between.isEmpty() && between.isBlank());
  }

  private static Map<String, Entry> words() {
    Map<String, Entry> words = new HashMap<>();
    units(words, 1, "one", "nje", "jedan", "jedna", "jedno", "jednu", "jedne", "jednog", "jednom");
    units(words, 2, "two", "dy", "dva", "dve", "dvije", "dvoje");
    units(words, 3, "three", "tre", "tri", "troje");
    units(words, 4, "four", "kater", "cetiri");
    units(words, 5, "five", "pese", "pet");
    units(words, 6, "six", "gjashte", "sest");
    units(words, 7, "seven", "shtate", "sedam");
    units(words, 8, "eight", "tete", "osam");
    units(words, 9, "nine", "nente", "devet");
    units(words, 10, "ten", "dhjete", "deset");
    units(words, 11, "eleven", "njembedhjete", "jedanaest");
    units(words, 12, "twelve", "dymbedhjete", "dvanaest");
    units(words, 13, "thirteen", "trembedhjete", "trinaest");
    units(words, 14, "fourteen", "katermbedhjete", "cetrnaest");
    units(words, 15, "fifteen", "pesembedhjete", "petnaest");
    units(words, 16, "sixteen", "gjashtembedhjete", "sesnaest");
    units(words, 17, "seventeen", "shtatembedhjete", "sedamnaest");
    units(words, 18, "eighteen", "tetembedhjete", "osamnaest");
    units(words, 19, "nineteen", "nentembedhjete", "devetnaest");
    units(words, 20, "twenty", "njezet", "dvadeset");
    units(words, 30, "thirty", "tridhjete", "trideset");
    units(words, 40, "forty", "dyzet", "cetrdeset");
    units(words, 50, "fifty", "pesedhjete", "pedeset");
    units(words, 60, "sixty", "gjashtedhjete", "sezdeset");
    units(words, 70, "seventy", "shtatedhjete", "sedamdeset");
    units(words, 80, "eighty", "tetedhjete", "osamdeset");
    units(words, 90, "ninety", "nentedhjete", "devedeset");
    multipliers(words);
    return Map.copyOf(words);
  }

  /** The hundreds written as one word ("dyqind", "dvesta"), and the words that multiply what comes before. */
  private static void multipliers(Map<String, Entry> words) {
    String[][] hundreds = {
      {},
      {"njeqind", "sto", "stotinu"},
      {"dyqind", "dvesta", "dvesto"},
      {"treqind", "trista", "tristo"},
      {"katerqind", "cetiristo"},
      {"peseqind", "petsto"},
      {"gjashteqind", "seststo"},
      {"shtateqind", "sedamsto"},
      {"teteqind", "osamsto"},
      {"nenteqind", "devetsto"},
    };
    for (int h = 1; h < hundreds.length; h++) {
      for (String w : hundreds[h]) {
        words.put(w, new Entry(Kind.HUNDREDS, h * 100));
      }
    }
    for (String w : List.of("hundred", "qind")) {
      words.put(w, new Entry(Kind.HUNDRED, 100));
    }
    for (String w : List.of("thousand", "mije", "hiljada", "hiljadu", "hiljade", "tisuca")) {
      words.put(w, new Entry(Kind.THOUSAND, 1_000));
    }
    for (String w : List.of("million", "milion", "miliona", "milioni", "milione")) {
      words.put(w, new Entry(Kind.MILLION, 1_000_000));
    }
  }

  private static void units(Map<String, Entry> words, int value, String... forms) {
    for (String form : forms) {
      words.put(form, new Entry(Kind.UNIT, value));
    }
  }
}
