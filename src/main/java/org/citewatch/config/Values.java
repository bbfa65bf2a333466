package org.citewatch.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the value syntaxes sources.yaml uses: durations ("30s", "180d") and sizes ("20MB"). */
public final class Values {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)", Pattern.CASE_INSENSITIVE);

  static final String DURATION_HELP = "write a whole number and a unit: 500ms, 30s, 5m, 2h, 180d, 4w";
  static final String SIZE_HELP = "write a whole number and a unit: 512KB, 20MB, 1GB";

  private Values() {}

  /** Longer than any duration a setting allows: what a number too large to hold is read as. */
  static final Duration TOO_LONG = Duration.ofSeconds(Long.MAX_VALUE);

  public static Optional<Duration> duration(String text) {
    Matcher m = DURATION.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      long n = Long.parseLong(m.group(1));
      return Optional.of(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(Math.multiplyExact(7, n));
      });
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.of(TOO_LONG);
    }
  }

  /** A duration as sources.yaml writes it, in its largest whole unit: 600s is 10m. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    return s == 0 ? "0s" : s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h"
        : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** Sizes are binary: 1KB is 1024 bytes. */
  public static Optional<Long> size(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "KB" -> 10;
      case "MB" -> 20;
      case "GB" -> 30;
      default -> 0;
    };
    try {
      long n = Long.parseLong(m.group(1));
      // a shift past the sign bit would turn a huge size into a negative one
      return Optional.of(n > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : n << shift);
    } catch (NumberFormatException e) {
      return Optional.of(Long.MAX_VALUE);
    }
  }

  /** The smallest number of single-character edits between two words, for "did you mean". */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The candidate a mistyped word was probably meant to be, for "did you mean". */
  public static Optional<String> nearest(String word, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = editDistance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    boolean close = best != null && bestDistance <= Math.max(2, best.length() / 3);
    return close ? Optional.of(best) : Optional.empty();
  }
}
