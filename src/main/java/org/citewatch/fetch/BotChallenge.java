package org.citewatch.fetch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a bot-protection challenge (Cloudflare, Imperva, a CAPTCHA wall) from a plain 403/503, so
 * that a maintainer knows to ask for access rather than wait for the site to come back.
 */
public final class BotChallenge {

  private record Marker(String vendor, String text) {}

  private static final List<Marker> BODY_MARKERS = List.of(
      new Marker("Cloudflare", "cf-chl"),
      new Marker("Cloudflare", "challenge-platform"),
      new Marker("Cloudflare", "attention required! | cloudflare"),
      new Marker("Cloudflare", "just a moment..."),
      new Marker("Imperva", "_incapsula_resource"),
      new Marker("DDoS-Guard", "ddos-guard"),
      new Marker("Sucuri", "sucuri website firewall"),
      new Marker("CAPTCHA", "captcha"),
      new Marker("browser check", "checking your browser"));

  /**
   * Markers that only a challenge interstitial carries, never an official page that merely has a
   * form with a CAPTCHA on it: Cloudflare's managed challenge, Imperva's and Akamai's scripts, and
   * the "verify you are human" walls of reCAPTCHA and hCaptcha on an otherwise empty page.
   */
  private static final List<Marker> SERVED_MARKERS = List.of(
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
      new Marker("browser check", "checking if the site connection is secure"));
  private static final List<Marker> WALL_MARKERS = List.of(
      new Marker("reCAPTCHA", "g-recaptcha"),
      new Marker("reCAPTCHA", "www.google.com/recaptcha/"),
      new Marker("hCaptcha", "h-captcha"),
      new Marker("hCaptcha", "hcaptcha.com/1/api.js"),
      new Marker("CAPTCHA", "verify you are human"),
      new Marker("CAPTCHA", "are you a robot"));
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
    String body = lowerStart(exchange);
    Optional<String> vendor = SERVED_MARKERS.stream().filter(m -> body.contains(m.text())).map(Marker::vendor)
        .findFirst();
    if (vendor.isPresent() || textLength > WALL_MAX_TEXT) {
      return vendor;
    }
    return WALL_MARKERS.stream().filter(m -> body.contains(m.text())).map(Marker::vendor).findFirst();
  }

  private static String lowerStart(Exchange exchange) {
    int length = Math.min(exchange.decodedBody().length, 64 * 1024);
    return new String(exchange.decodedBody(), 0, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
  }

  /** A challenge served with 403, 503 or 429: the vendor, if the body or headers say so. */
  static Optional<String> detect(Exchange exchange) {
    if (exchange.status() != 403 && exchange.status() != 503 && exchange.status() != 429) {
      return Optional.empty();
    }
    if (exchange.header("cf-mitigated").map(v -> v.equalsIgnoreCase("challenge")).orElse(false)) {
      return Optional.of("Cloudflare");
    }
    String body = lowerStart(exchange);
    return BODY_MARKERS.stream().filter(m -> body.contains(m.text())).map(Marker::vendor).findFirst();
  }
}
