package org.citewatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * A clean UTF-8 page is judged "text or not" on its bytes without being decoded: the verdict must
 * be the one the decoded text gives, for every body, well-formed or not.
 */
class ContentCheckTest {

  private static final String PAGE = "<main><p>Leja e qëndrimit për bashkim familjar: taksa 50 €, çertifikata "
      + "e gjendjes së lirë.</p><p>Захтев за продужење привременог боравка; Đorđe iz Čačka.</p></main>";

  // the sequences a broken or hostile server sends: cut, overlong, surrogates, beyond U+10FFFF, U+FFFD itself
  private static final int[][] DEFECTS = {
      {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, {0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80},
      {0xED, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xFF}, {0x80}, {0xBF},
      {0xEF, 0xBF, 0xBD}, {0xEF, 0xBB, 0xBF}, {0xEF, 0xBF, 0xBE}, {0xF0, 0x9F, 0x98, 0x80}, {0x01}, {0x00},
      {0xE0, 0x9F, 0xBF}, {0xF0, 0x8F, 0xBF, 0xBF}, {0xF4, 0x8F, 0xBF, 0xBF}, {0xED, 0x9F, 0xBF}, {0xC1, 0xBF},
      {0xC2, 0x80}, {0xDF, 0xBF}, {0xE0, 0xA0, 0x80}, {0xEE, 0x80, 0x80}, {0xF0, 0x90, 0x80, 0x80}, {0x1B}, {0x7F},
      {0xE2, 0x82, 0xAC, 0x80}, {0xC3, 0xAB, 0xBF},
  };

  @Test
  void aBodyIsLeftUndecodedExactlyWhenItsTextHoldsNoReplacementCharacter() {
    int[] undecoded = {0};
    forEachBody(19, (n, body) -> {
      boolean clean = new String(body, StandardCharsets.UTF_8).indexOf('\uFFFD') < 0;

      Optional<String> decoded = ContentCheck.judged(body, StandardCharsets.UTF_8).decoded();

      assertThat(decoded.isEmpty()).as("body %d", n).isEqualTo(clean);
      undecoded[0] += decoded.isEmpty() ? 1 : 0;
    });
    assertThat(undecoded[0]).isBetween(2_000, 18_000);
  }

  @Test
  void theVerdictOnAnUndecodedBodyIsTheDecodedBodysVerdict() {
    int[] refused = {0};
    forEachBody(23, (n, body) -> {
      Optional<String> asBefore = decodedVerdict(body);

      Optional<String> now = ContentCheck.judged(body, StandardCharsets.UTF_8).notText();

      assertThat(now).as("body %d", n).isEqualTo(asBefore);
      refused[0] += now.isPresent() ? 1 : 0;
    });
    assertThat(refused[0]).isPositive();
  }

  /** 20,000 bodies made by {@link #mutated} from one seed, each with its number. */
  private static void forEachBody(long seed, BiConsumer<Integer, byte[]> check) {
    Random random = new Random(seed);
    for (int n = 0; n < 20_000; n++) {
      check.accept(n, mutated(random));
    }
  }

  @Test
  void aPageWritingTheReplacementCharacterItselfIsStillCounted() {
    byte[] body = ("<p>" + "\uFFFD".repeat(40) + "</p>").getBytes(StandardCharsets.UTF_8);

    assertThat(ContentCheck.judged(body, StandardCharsets.UTF_8).notText()).hasValueSatisfying(why -> assertThat(why).startsWith("the body is not text: 40 of"));
  }

  @Test
  void onlyTheFirst64KibAreJudged() {
    String page = PAGE.repeat(400);
    byte[] binaryTail = (page + "\u0001".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
    byte[] binaryHead = ("\u0001".repeat(5_000) + page).getBytes(StandardCharsets.UTF_8);

    assertThat(ContentCheck.judged(binaryTail, StandardCharsets.UTF_8).notText()).isEmpty()
        .isEqualTo(decodedVerdict(binaryTail));
    assertThat(ContentCheck.judged(binaryHead, StandardCharsets.UTF_8).notText()).isPresent()
        .isEqualTo(decodedVerdict(binaryHead));
  }

  @Test
  void otherCharsetsAreDecoded() {
    byte[] body = "<p>Čačak</p>".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(ContentCheck.judged(body, StandardCharsets.ISO_8859_1).decoded()).isPresent();
    assertThat(ContentCheck.judged("<p>ok</p>".getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE)
        .decoded()).isPresent();
  }

  /**
   * The verdict as citewatch gave it before clean UTF-8 went undecoded: control bytes in the first
   * 64 KiB, and U+FFFD in the first 64 Ki characters of the decoded text, more than 1% (at least 4).
   */
  private static Optional<String> decodedVerdict(byte[] body) {
    int length = Math.min(body.length, 64 * 1024);
    String text = new String(body, StandardCharsets.UTF_8);
    long bad = 0;
    for (int i = 0; i < length; i++) {
      bad += body[i] >= 0 && body[i] < 0x20 && body[i] != '\t' && body[i] != '\n' && body[i] != '\r'
          && body[i] != '\f' ? 1 : 0;
    }
    for (int i = 0; i < Math.min(text.length(), 64 * 1024); i++) {
      bad += text.charAt(i) == '\uFFFD' ? 1 : 0;
    }
    return bad > Math.max(4, Math.round(length * 0.01))
        ? Optional.of("the body is not text: " + bad + " of the first " + length + " bytes are control characters or "
            + "invalid UTF-8, whatever its Content-Type says; it is not the page")
        : Optional.empty();
  }

  /** The page with up to 50 defects, a few of them sometimes: from clean to not text at all. */
  private static byte[] mutated(Random random) {
    byte[] page = PAGE.repeat(1 + random.nextInt(3)).getBytes(StandardCharsets.UTF_8);
    int defects = random.nextInt(4) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 3 : 50);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int from = 0;
    int[] cuts = random.ints(defects, 0, page.length + 1).sorted().toArray();
    for (int cut : cuts) {
      out.write(page, from, cut - from);
      for (int b : DEFECTS[random.nextInt(DEFECTS.length)]) {
        out.write(b);
      }
      from = cut;
    }
    out.write(page, from, page.length - from);
    return out.toByteArray();
  }
}
