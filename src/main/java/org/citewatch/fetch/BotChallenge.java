package org.citewatch.fetch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a bot-protection challenge (Cloudflare, Imperva, a CAPTCHA wall) from a plain 403/503, so
 * that a maintainer knows to ask for access rather than wait for the site to come back.
 */
public final class BotChallenge {

  private record Marker(String vendor, String text) {}

  private static final Markers BODY_MARKERS = new Markers(List.of(
      new Marker("Cloudflare", "cf-chl"),
      new Marker("Cloudflare", "challenge-platform"),
      new Marker("Cloudflare", "attention required! | cloudflare"),
      new Marker("Cloudflare", "just a moment..."),
      new Marker("Imperva", "_incapsula_resource"),
      new Marker("DDoS-Guard", "ddos-guard"),
      new Marker("Sucuri", "sucuri website firewall"),
      new Marker("CAPTCHA", "captcha"),
      new Marker("browser check", "checking your browser")));

  /**
   * Markers that only a challenge interstitial carries, never an official page that merely has a
   * form with a CAPTCHA on it: Cloudflare's managed challenge, Imperva's and Akamai's scripts, and
   * the "verify you are human" walls of reCAPTCHA and hCaptcha on an otherwise empty page.
   */
  private static final Markers SERVED_MARKERS = new Markers(List.of(
      new Marker("Cloudflare", "<title>just a moment...</title>"),
      new Marker("Cloudflare", "/cdn-cgi/challenge-platform/"),
      new Marker("Cloudflare", "cf-chl-"),
      new Marker("Cloudflare", "attention required! | cloudflare"),
      new Marker("Imperva", "_incapsula_resource"),
      new Marker("Imperva", "incapsula incident id"),
      new Marker("Akamai", "/_sec/cp_challenge/"),
      new Marker("Akamai", "sec-if-cpt-container"),
      new Marker("DDoS-Guard", "ddos-guard"),
      new Marker("Sucuri", "sucuri website firewall"),
      new Marker("browser check", "checking your browser before accessing"),
      new Marker("browser check", "checking if the site connection is secure")));
  private static final Markers WALL_MARKERS = new Markers(List.of(
      new Marker("reCAPTCHA", "g-recaptcha"),
      new Marker("reCAPTCHA", "www.google.com/recaptcha/"),
      new Marker("hCaptcha", "h-captcha"),
      new Marker("hCaptcha", "hcaptcha.com/1/api.js"),
      new Marker("CAPTCHA", "verify you are human"),
      new Marker("CAPTCHA", "are you a robot")));
  /** A CAPTCHA wall is a page with little else on it; an official page with a contact form is long. */
  private static final int WALL_MAX_TEXT = 1500;

  private BotChallenge() {}

  /**
   * A challenge served with 200: the vendor, if the body is one. Such a page is not the page, and
   * must never become the baseline that the real page is then compared with.
   */
  public static Optional<String> detectServed(Exchange exchange, int textLength) {
    if (exchange.header("cf-mitigated").map(v -> v.equalsIgnoreCase("challenge")).orElse(false)) {
      return Optional.of("Cloudflare");
    }
    byte[] body = exchange.decodedBody();
    Optional<String> vendor = SERVED_MARKERS.firstIn(body);
    if (vendor.isPresent() || textLength > WALL_MAX_TEXT) {
      return vendor;
    }
    return WALL_MARKERS.firstIn(body);
  }

  /** A challenge served with 403, 503 or 429: the vendor, if the body or headers say so. */
  static Optional<String> detect(Exchange exchange) {
    if (exchange.status() != 403 && exchange.status() != 503 && exchange.status() != 429) {
      return Optional.empty();
    }
    if (exchange.header("cf-mitigated").map(v -> v.equalsIgnoreCase("challenge")).orElse(false)) {
      return Optional.of("Cloudflare");
    }
    return BODY_MARKERS.firstIn(exchange.decodedBody());
  }

  /**
   * Markers looked for in one pass over a body's first 64 KB, ASCII letters in any case: the first
   * marker of the list found anywhere names the vendor. A search of the lowered text for each
   * marker in turn read a page a dozen times, as long as jsoup took to parse it once.
   */
  private static final class Markers {

    private static final int SCANNED = 64 * 1024;

    private final List<Marker> markers;
    // by the two bytes a marker starts with: the markers to try at a position, as indexes into
    // markers; most positions of a page start none, and are passed by one look-up
    private final int[][] startingWith = new int[128 * 128][];

    Markers(List<Marker> markers) {
      this.markers = markers;
      for (int i = 0; i < markers.size(); i++) {
        String text = markers.get(i).text();
        if (text.length() < 2 || !text.equals(text.toLowerCase(Locale.ROOT)) || text.chars().anyMatch(c -> c > 127)) {
          throw new IllegalArgumentException("a marker is two or more ASCII characters, lower-case: " + text);
        }
        int start = text.charAt(0) * 128 + text.charAt(1);
        int[] known = startingWith[start] == null ? new int[0] : startingWith[start];
        int[] grown = Arrays.copyOf(known, known.length + 1);
        grown[known.length] = i;
        startingWith[start] = grown;
      }
    }

    Optional<String> firstIn(byte[] body) {
      int end = Math.min(body.length, SCANNED);
      // the lowest index found so far: a marker found later in the body may still come first in the list
      int found = markers.size();
      for (int at = 0; at + 1 < end && found > 0; at++) {
        byte first = body[at];
        byte second = body[at + 1];
        int[] candidates = first < 0 || second < 0 ? null : startingWith[lower(first) * 128 + lower(second)];
        if (candidates == null) {
          continue;
        }
        for (int candidate : candidates) {
          if (candidate < found && startsAt(body, at, end, markers.get(candidate).text())) {
            found = candidate;
          }
        }
      }
      return found < markers.size() ? Optional.of(markers.get(found).vendor()) : Optional.empty();
    }

    private static boolean startsAt(byte[] body, int at, int end, String marker) {
      if (end - at < marker.length()) {
        return false;
      }
      for (int i = 2; i < marker.length(); i++) {
        if (lower(body[at + i]) != marker.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    // as String.toLowerCase(Locale.ROOT) of the byte read as Latin-1, for the ASCII the markers are made of
    private static int lower(byte b) {
      return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
  }
}
