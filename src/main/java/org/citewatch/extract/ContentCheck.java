package org.citewatch.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether a body is what its Content-Type says: a PDF or an image labelled text/html, or bytes that
 * are no text in any charset, is not the page, whatever the server claims. Such a body is kept as
 * evidence but never read as the page, so it never becomes a baseline.
 */
final class ContentCheck {

  private record Magic(String type, byte[] start) {}

  private static final List<Magic> MAGIC = List.of(
      new Magic("a PDF", new byte[] {'%', 'P', 'D', 'F', '-'}),
      new Magic("a PNG image", new byte[] {(byte) 0x89, 'P', 'N', 'G'}),
      new Magic("a GIF image", new byte[] {'G', 'I', 'F', '8'}),
      new Magic("a JPEG image", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}),
      new Magic("a ZIP archive (an office document?)", new byte[] {'P', 'K', 3, 4}),
      new Magic("gzip-compressed data", new byte[] {(byte) 0x1F, (byte) 0x8B}));
  /** Only so much is read to judge: the start of a page says what it is. */
  private static final int SAMPLE = 64 * 1024;
  /** Control characters and undecodable bytes beyond this share make a body binary. */
  private static final double MAX_NON_TEXT = 0.01;
  private static final char REPLACEMENT = '\uFFFD';

  private ContentCheck() {}

  /** A text type whose bytes are another format's, or a PDF type whose bytes are not a PDF. */
  static Optional<String> contradiction(String type, byte[] body) {
    boolean textual = type.startsWith("text/") || type.equals("application/xhtml+xml");
    for (Magic magic : MAGIC) {
      if (startsWith(body, magic.start())) {
        if (textual) {
          return Optional.of("the server labelled the body " + type + " but its bytes are " + magic.type()
              + "; it is not the page");
        }
        return Optional.empty();
      }
    }
    if (type.equals("application/pdf") && body.length > 0 && !startsWith(skipWhitespace(body), MAGIC.get(0).start())) {
      return Optional.of(
          "the server labelled the body application/pdf but it is no PDF (it does not start with %PDF-)");
    }
    return Optional.empty();
  }

  /**
   * A body judged "text or not", with its text unless it is clean UTF-8.
   *
   * @param decoded the body as text; empty when it is well-formed UTF-8 holding no U+FFFD, which is
   *     judged on its bytes alone and decoded only if it is parsed
   * @param notText why the body is no page, if it is not text
   */
  record Judged(Optional<String> decoded, Optional<String> notText) {}

  /**
   * A body that decodes with many control characters or replacement characters (the decoder's
   * mark for an invalid sequence) is no page. A page is decoded once, not once to judge and again
   * to parse, and a clean UTF-8 page, which decodes to no replacement character, not at all: one
   * pass over its bytes counts its control bytes and finds it clean.
   */
  static Judged judged(byte[] body, Charset charset) {
    int length = Math.min(body.length, SAMPLE);
    OptionalLong control = charset.equals(StandardCharsets.UTF_8) ? cleanUtf8(body, length) : OptionalLong.empty();
    if (control.isPresent()) {
      return new Judged(Optional.empty(), verdict(control.getAsLong(), length, charset));
    }
    String text = new String(body, charset);
    long bad = asciiCompatible(charset) ? controlBytes(body, length)
        : controlChars(text, Math.min(text.length(), SAMPLE));
    int sampled = Math.min(text.length(), SAMPLE);
    for (int i = text.indexOf(REPLACEMENT); i >= 0 && i < sampled; i = text.indexOf(REPLACEMENT, i + 1)) {
      bad++;
    }
    return new Judged(Optional.of(text), verdict(bad, length, charset));
  }

  private static Optional<String> verdict(long bad, int length, Charset charset) {
    // a body cut at the sample's end may end in half a character
    long allowed = Math.max(4, Math.round(length * MAX_NON_TEXT));
    if (bad > allowed) {
      return Optional.of(String.format(Locale.ROOT, "the body is not text: %d of the first %d bytes are control "
          + "characters or invalid %s, whatever its Content-Type says; it is not the page", bad, length,
              charset.name()));
    }
    return Optional.empty();
  }

  /**
   * The control bytes among the first {@code sample} of a body that is well-formed UTF-8 (Unicode's
   * table 3-7: no overlong form, no surrogate, nothing past U+10FFFF) and holds no U+FFFD; empty for
   * any other body. A control byte is never part of a longer sequence, so one pass does both.
   */
  private static OptionalLong cleanUtf8(byte[] body, int sample) {
    long control = 0;
    int i = 0;
    while (i < body.length) {
      int b = body[i];
      if (b >= 0) {
        if (b < 0x20 && i < sample && isControl((char) b)) {
          control++;
        }
        i++;
        continue;
      }
      int length = sequence(body, i);
      if (length == 0) {
        return OptionalLong.empty();
      }
      i += length;
    }
    return OptionalLong.of(control);
  }

  /** The length of the well-formed sequence but U+FFFD that starts at {@code i}, above ASCII; 0 if none. */
  private static int sequence(byte[] body, int i) {
    int b = body[i] & 0xFF;
    int length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (length == 0 || i + length > body.length) {
      return 0;
    }
    int second = body[i + 1] & 0xFF;
    int low = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
    int high = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
    if (second < low || second > high) {
      return 0;
    }
    for (int k = 2; k < length; k++) {
      if ((body[i + k] & 0xC0) != 0x80) {
        return 0;
      }
    }
    boolean replacement = b == 0xEF && second == 0xBF && (body[i + 2] & 0xFF) == 0xBD;
    return replacement ? 0 : length;
  }

  // In every charset that keeps ASCII's bytes, a byte below 0x20 is that control character.
  private static long controlBytes(byte[] body, int length) {
    long bad = 0;
    for (int i = 0; i < length; i++) {
      byte b = body[i];
      if (b >= 0 && b < 0x20 && isControl((char) b)) {
        bad++;
      }
    }
    return bad;
  }

  private static long controlChars(String text, int length) {
    long bad = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x20 && isControl(c)) {
        bad++;
      }
    }
    return bad;
  }

  // C1 controls are left alone: pages labelled ISO-8859-1 write windows-1252's quotes there
  private static boolean isControl(char c) {
    return c != '\t' && c != '\n' && c != '\r' && c != '\f';
  }

  private static boolean asciiCompatible(Charset charset) {
    String name = charset.name();
    return !name.startsWith("UTF-16") && !name.startsWith("UTF-32") && !name.startsWith("x-UTF-16")
        && !name.startsWith("x-UTF-32");
  }

  private static byte[] skipWhitespace(byte[] body) {
    int i = 0;
    while (i < body.length && i < 1024 && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    byte[] rest = new byte[Math.min(body.length - i, 8)];
    System.arraycopy(body, i, rest, 0, rest.length);
    return rest;
  }

  private static boolean startsWith(byte[] body, byte[] prefix) {
    if (body.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (body[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
