package org.citewatch.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BotChallengeTest {

  @Test
  void aServedChallengeIsFoundInAnyCaseAnywhereInTheFirst64Kb() {
    assertThat(BotChallenge.detectServed(page("<html><head><TITLE>Just a Moment...</TITLE></head>"), 5000))
        .contains("Cloudflare");
    assertThat(BotChallenge.detectServed(page(filler(40_000) + "<div id=\"Sec-If-Cpt-Container\">"), 5000))
        .contains("Akamai");
    assertThat(BotChallenge.detectServed(page("<p>Incapsula incident ID: 1234</p>"), 5000)).contains("Imperva");
    assertThat(BotChallenge.detectServed(page("<p>Taksa për aplikim është 50 €.</p>"), 5000)).isEmpty();
  }

  @Test
  void theFirstMarkerOfTheListNamesTheVendorWhereverEachLies() {
    // DDoS-Guard's marker comes first in the page, Cloudflare's first in the list
    assertThat(BotChallenge.detectServed(page("ddos-guard " + filler(1000) + " cf-chl-widget"), 5000))
        .contains("Cloudflare");
  }

  @Test
  void aMarkerIsFoundOnlyWhollyInsideTheFirst64Kb() {
    String marker = "/cdn-cgi/challenge-platform/";
    assertThat(BotChallenge.detectServed(page(filler(64 * 1024 - marker.length()) + marker), 5000))
        .contains("Cloudflare");
    assertThat(BotChallenge.detectServed(page(filler(64 * 1024 - marker.length() + 1) + marker), 5000)).isEmpty();
  }

  @Test
  void aMarkerRestartsInsideAnotherThatBrokeOff() {
    assertThat(BotChallenge.detectServed(page("cf-ch cf-ccf-chl-x"), 5000)).contains("Cloudflare");
    assertThat(BotChallenge.detectServed(page("cf-chl"), 5000)).as("cut short at the end").isEmpty();
  }

  @Test
  void aLetterOutsideAsciiIsNoneOfTheMarkersLetters() {
    // Ç lowers to ç, not to c: the page says no "cf-chl-"
    assertThat(BotChallenge.detectServed(page("ÇF-CHL-"), 5000)).isEmpty();
    assertThat(BotChallenge.detectServed(page("<p>Ddos-Güard</p>"), 5000)).isEmpty();
  }

  @Test
  void aCaptchaWallIsOnlyAPageWithLittleElseOnIt() {
    String wall = "<div class=\"g-recaptcha\" data-sitekey=\"x\"></div><p>Verify you are human</p>";
    assertThat(BotChallenge.detectServed(page(wall), 200)).contains("reCAPTCHA");
    assertThat(BotChallenge.detectServed(page(wall), 5000)).as("an official page with a contact form").isEmpty();
  }

  @Test
  void aRefusalWithAChallengeBodyNamesItsVendor() {
    assertThat(BotChallenge.detect(answer(403, "<title>Attention Required! | Cloudflare</title>"))).contains("Cloudflare");
    assertThat(BotChallenge.detect(answer(503, "<p>Please complete the CAPTCHA</p>"))).contains("CAPTCHA");
    assertThat(BotChallenge.detect(answer(200, "<p>Please complete the CAPTCHA</p>"))).as("not a refusal").isEmpty();
  }

  private static Exchange page(String body) {
    return answer(200, body);
  }

  private static Exchange answer(int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new Exchange(URI.create("https://mpb.rks-gov.net/"), new byte[0], status, "",
        List.of(new Exchange.Header("Content-Type", "text/html; charset=utf-8")), new byte[0], bytes, bytes);
  }

  private static String filler(int length) {
    return "a".repeat(length);
  }
}
