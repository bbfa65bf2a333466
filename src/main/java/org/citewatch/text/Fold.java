package org.citewatch.text;

import java.text.Normalizer.Form;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The "folded" tier's character mapping: Serbian Cyrillic transliterated to Latin (љ → lj, њ → nj,
 * џ → dž, ђ → dj), then Latin diacritics removed (č → c, ë → e), so that a page in either script,
 * or one mixing them inside a word ("državlјanin" with a Cyrillic ј), matches a quote in the other.
 */
final class Fold {

  private static final Map<Character, String> CYRILLIC = Map.ofEntries(
      Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
      Map.entry('ђ', "dj"), Map.entry('е', "e"), Map.entry('ж', "z"), Map.entry('з', "z"), Map.entry('и', "i"),
      Map.entry('ј', "j"), Map.entry('к', "k"), Map.entry('л', "l"), Map.entry('љ', "lj"), Map.entry('м', "m"),
      Map.entry('н', "n"), Map.entry('њ', "nj"), Map.entry('о', "o"), Map.entry('п', "p"), Map.entry('р', "r"),
      Map.entry('с', "s"), Map.entry('т', "t"), Map.entry('ћ', "c"), Map.entry('у', "u"), Map.entry('ф', "f"),
      Map.entry('х', "h"), Map.entry('ц', "c"), Map.entry('ч', "c"), Map.entry('џ', "dz"), Map.entry('ш', "s"),
      // letters of other Cyrillic alphabets that turn up as homoglyphs in Latin text
      Map.entry('і', "i"), Map.entry('ѕ', "s"), Map.entry('ԁ', "d"), Map.entry('ԛ', "q"), Map.entry('ԝ', "w"),
      Map.entry('ү', "y"), Map.entry('һ', "h"), Map.entry('ӏ', "l"), Map.entry('ё', "e"), Map.entry('й', "j"),
      Map.entry('ы', "y"), Map.entry('э', "e"), Map.entry('ю', "ju"), Map.entry('я', "ja"), Map.entry('щ', "sc"),
      Map.entry('ъ', ""), Map.entry('ь', ""), Map.entry('є', "e"), Map.entry('ї', "i"), Map.entry('ґ', "g"));
  private static final Map<Character, String> CACHE = new ConcurrentHashMap<>();

  private Fold() {}

  /** The folded form of one lower-case character: ASCII where one exists. */
  static String fold(char c) {
    if (c < 0x80) {
      return String.valueOf(c);
    }
    return CACHE.computeIfAbsent(c, Fold::compute);
  }

  private static String compute(char c) {
    String cyrillic = CYRILLIC.get(c);
    if (cyrillic != null) {
      return cyrillic;
    }
    if (c == 'đ' || c == 'Đ') {
      return "dj";
    }
    if (c == 'ß') {
      return "ss";
    }
    String decomposed = java.text.Normalizer.normalize(String.valueOf(c), Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char d = decomposed.charAt(i);
      if (Character.getType(d) != Character.NON_SPACING_MARK) {
        out.append(d);
      }
    }
    return out.toString();
  }
}
