package org.citewatch.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dates a program page gives for itself: "Last verified 2026-06-23", "Updated 23.06.2026",
 * "Përditësuar më 23 qershor 2026", "Poslednja provera 23. juna 2026.", "Последња провера
 * 23.06.2026.". Read on folded text (Latin, no diacritics, lower case), so both Serbian scripts and
 * Albanian with or without its letters read the same.
 */
public final class PageDates {

  /** What the page says a date is. */
  public enum Kind {
    VERIFIED,
    UPDATED
  }

  /** A date the page states, with what it says the date is and the words it was written in. */
  public record Stated(Kind kind, LocalDate date, String written) {}

  private static final String VERIFIED = "last verified|verified on|verified|last checked|checked on"
      + "|verifikuar me|verifikuar|kontrolluar me|poslednja provera|poslednji put provereno|provereno|verifikovano";
  private static final String UPDATED = "last updated|updated on|updated|last modified|perditesuar me|perditesuar"
      + "|azurirano|poslednje azuriranje|izmenjeno";
  private static final String MONTH_WORD = "[a-z]+\\.?";
  private static final Pattern STATED = Pattern.compile("(?<label>" + VERIFIED + "|" + UPDATED
      + ")\\s*:?\\s*(?:on\\s+|me\\s+|dana\\s+)?"
      + "(?:(?<iso>\\d{4}-\\d{2}-\\d{2})"
      + "|(?<d>\\d{1,2})\\s*[./]\\s*(?<m>\\d{1,2})\\s*[./]\\s*(?<y>\\d{4})\\.?"
      + "|(?<wd>\\d{1,2})\\.?\\s+(?<wm>" + MONTH_WORD + ")\\s+(?<wy>\\d{4})\\.?"
      + "|(?<em>" + MONTH_WORD + ")\\s+(?<ed>\\d{1,2}),?\\s+(?<ey>\\d{4}))");
  private static final Map<String, Integer> MONTHS = months();

  private PageDates() {}

  /** Every dated "verified" or "updated" statement of the text, in order. */
  public static List<Stated> find(String text) {
    // folded character by character, remembering where each folded character came from
    StringBuilder folded = new StringBuilder(text.length());
    int[] origin = new int[text.length() * 2 + 1];
    for (int i = 0; i < text.length(); i++) {
      String f = Fold.fold(Character.toLowerCase(text.charAt(i)));
      for (int k = 0; k < f.length(); k++) {
        if (folded.length() >= origin.length) {
          origin = Arrays.copyOf(origin, origin.length * 2);
        }
        origin[folded.length()] = i;
        folded.append(f.charAt(k));
      }
    }
    List<Stated> found = new ArrayList<>();
    Matcher m = STATED.matcher(folded);
    while (m.find()) {
      Kind kind = m.group("label").matches(VERIFIED) ? Kind.VERIFIED : Kind.UPDATED;
      String written = text.substring(origin[m.start()], origin[m.end() - 1] + 1).strip();
      date(m).ifPresent(d -> found.add(new Stated(kind, d, written)));
    }
    return found;
  }

  /** An ISO date (a {@code <time datetime>} value), if it is one. */
  public static Optional<LocalDate> iso(String value) {
    Matcher m = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2}).*").matcher(value.strip());
    return m.matches() ? of(m.group(1), m.group(2), m.group(3)) : Optional.empty();
  }

  private static Optional<LocalDate> date(Matcher m) {
    if (m.group("iso") != null) {
      return iso(m.group("iso"));
    }
    if (m.group("d") != null) {
      return of(m.group("y"), m.group("m"), m.group("d"));
    }
    if (m.group("wd") != null) {
      return month(m.group("wm")).flatMap(month -> of(m.group("wy"), month, m.group("wd")));
    }
    return month(m.group("em")).flatMap(month -> of(m.group("ey"), month, m.group("ed")));
  }

  private static Optional<String> month(String word) {
    String w = word.endsWith(".") ? word.substring(0, word.length() - 1) : word;
    Integer month = MONTHS.get(w);
    if (month == null && w.length() >= 3) {
      month = MONTHS.get(w.substring(0, 3));
    }
    return Optional.ofNullable(month).map(String::valueOf);
  }

  private static Optional<LocalDate> of(String year, String month, String day) {
    try {
      return Optional.of(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Map<String, Integer> months() {
    Map<String, Integer> months = new HashMap<>();
    String[][] names = {
      {"january", "jan", "janar", "januar", "januara"},
      {"february", "feb", "shkurt", "februar", "februara"},
      {"march", "mar", "mars", "mart", "marta"},
      {"april", "apr", "prill", "aprila"},
      {"may", "maj", "maja"},
      {"june", "jun", "qershor", "juna"},
      {"july", "jul", "korrik", "jula"},
      {"august", "aug", "gusht", "avgust", "avgusta"},
      {"september", "sep", "sept", "shtator", "septembar", "septembra"},
      {"october", "oct", "tetor", "oktobar", "oktobra"},
      {"november", "nov", "nentor", "novembar", "novembra"},
      {"december", "dec", "dhjetor", "decembar", "decembra"},
    };
    for (int m = 0; m < names.length; m++) {
      for (String name : names[m]) {
        months.put(name, m + 1);
      }
    }
    return Map.copyOf(months);
  }
}
