package org.citewatch.extract;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citewatch.fetch.Exchange;

/**
 * Which charset a body is in: its byte-order mark, else the Content-Type header, else its {@code
 * <meta charset>}, else detection. Official Serbian pages still come in windows-1250,
 * windows-1251 and ISO-8859-2, often with no header at all; the source's language narrows the
 * detector's guess to the charsets that language is written in.
 */
final class Charsets {

  private static final Pattern META = Pattern.compile(
      "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
  private static final List<String> WESTERN = List.of("ISO-8859-1", "windows-1252", "US-ASCII");
  private static final Map<String, List<String>> BY_LANGUAGE = Map.of(
      "sr-cyrl", List.of("windows-1251", "ISO-8859-5", "KOI8-R"),
      "sr-latn", List.of("windows-1250", "ISO-8859-2"),
      "sr", List.of("windows-1250", "windows-1251", "ISO-8859-2", "ISO-8859-5"),
      "sq", List.of("windows-1252", "ISO-8859-1", "windows-1250", "ISO-8859-2"),
      "en", List.of("windows-1252", "ISO-8859-1"));

  private Charsets() {}

  /**
   * The charset of {@code body}: its byte-order mark, the one {@code answer}'s Content-Type
   * declares, the page's own.
   */
  static Charset resolve(byte[] body, Exchange answer, String lang) {
    Optional<String> declared = answer.charset();
    Optional<Charset> bom = bom(body);
    if (bom.isPresent()) {
      return bom.get();
    }
    Optional<Charset> header = declared.flatMap(Charsets::named);
    if (header.isPresent()) {
      // A server that says Latin-1 but sends UTF-8 is the commonest lie; valid multi-byte UTF-8
      // in a Western single-byte page is vanishingly rare, so the bytes win.
      boolean western = WESTERN.stream().anyMatch(w -> Charset.forName(w).equals(header.get()));
      return western && isUtf8WithNonAscii(body) ? StandardCharsets.UTF_8 : header.get();
    }
    Optional<Charset> meta = meta(body);
    if (meta.isPresent()) {
      return meta.get();
    }
    return detect(body, lang);
  }

  static Charset detect(byte[] body, String lang) {
    if (isUtf8(body)) {
      return StandardCharsets.UTF_8;
    }
    List<String> expected = expected(lang);
    CharsetDetector detector = new CharsetDetector();
    detector.setText(body);
    for (CharsetMatch match : detector.detectAll()) {
      for (String name : expected) {
        if (name.equalsIgnoreCase(match.getName())) {
          return Charset.forName(name);
        }
      }
    }
    return expected.isEmpty() ? StandardCharsets.ISO_8859_1 : Charset.forName(expected.get(0));
  }

  private static List<String> expected(String lang) {
    String tag = lang.toLowerCase(Locale.ROOT);
    for (String prefix : List.of(tag, tag.split("-")[0])) {
      if (BY_LANGUAGE.containsKey(prefix)) {
        return BY_LANGUAGE.get(prefix);
      }
    }
    return List.of("windows-1252");
  }

  private static Optional<Charset> bom(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      return Optional.of(StandardCharsets.UTF_8);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    return Optional.empty();
  }

  private static Optional<Charset> meta(byte[] body) {
    String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
    Matcher m = META.matcher(head);
    return m.find() ? named(m.group(1)) : Optional.empty();
  }

  static Optional<Charset> named(String name) {
    try {
      return Optional.of(Charset.forName(name.strip()));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  private static boolean isUtf8(byte[] body) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean isUtf8WithNonAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        return isUtf8(body);
      }
    }
    return false;
  }
}
