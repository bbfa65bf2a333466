package org.citewatch.fetch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a bot-protection challenge (Cloudflare, Imperva, a CAPTCHA wall) from a plain 403/503, so
 * that a maintainer knows to ask for access rather than wait for the site to come back.
 */
final class BotChallenge {

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

  private BotChallenge() {}

  static Optional<String> detect(Exchange exchange) {
    if (exchange.status() != 403 && exchange.status() != 503 && exchange.status() != 429) {
      return Optional.empty();
    }
    if (exchange.header("cf-mitigated").map(v -> v.equalsIgnoreCase("challenge")).orElse(false)) {
      return Optional.of("Cloudflare");
    }
    int length = Math.min(exchange.decodedBody().length, 64 * 1024);
    String body = new String(exchange.decodedBody(), 0, length, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return BODY_MARKERS.stream().filter(m -> body.contains(m.text())).map(Marker::vendor).findFirst();
  }
}
