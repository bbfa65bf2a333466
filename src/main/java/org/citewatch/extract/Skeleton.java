package org.citewatch.extract;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.citewatch.model.Digests;

/**
 * What of an HTML page its extraction depends on, so that a page whose bytes differ from the
 * baseline's only where that cannot matter is known to read as the baseline without a parse.
 *
 * <p>A page is cut into runs, the bytes between a {@code >} and the next {@code <} where there
 * are any, and what lies between them. A run that the baseline's parse (jsoup's, with source
 * positions) showed to be one whole text node in the body, outside every {@code select:} root,
 * outside the title and every element whose text is not markup ({@code script}, {@code textarea},
 * ...), and free of {@code &} and NUL, is a free run: a news line in a sidebar, a visit counter in
 * a footer. The digest keeps
 * every other byte as it is, and of a free run only whether it is blank.
 *
 * <p>Why a page with the same digest reads as the baseline: up to a free run both pages are the
 * same bytes, so jsoup's tokeniser stands in the same state at its start; a run with neither
 * {@code <} nor {@code &} nor NUL is read as character data in every state jsoup has, up to the
 * same {@code <} that follows in both, and so makes one character token in both. jsoup's tree
 * builder asks of a character token only whether it is whitespace or a lone NUL, which the digest
 * keeps. The two trees are then the same but for the text of free runs' nodes, which lie outside
 * the roots, and the selectors ({@link #appliesTo}) ask nothing of text.
 *
 * @param charset the charset the baseline was read in: runs are cut in the bytes, where {@code <}
 *     and {@code >} are those characters only in a charset that keeps ASCII's bytes
 * @param digest SHA-256 over the page with its free runs reduced to blank or not
 * @param kept the runs kept byte for byte, as ranges of run numbers
 * @param title the page's title, which lies in kept runs
 */
public record Skeleton(String charset, String digest, List<Kept> kept, String title) {

  /** Runs {@code first} to {@code last}, both included, kept byte for byte. */
  public record Kept(int first, int last) {}

  public Skeleton {
    kept = List.copyOf(kept);
  }

  // Elements whose text is no markup, or is the title, or is parsed by rules of its own.
  static final Set<String> UNFREE = Set.of("head", "title", "textarea", "script", "style", "xmp", "iframe",
      "noembed", "noframes", "noscript", "plaintext", "template", "svg", "math", "select", "option");

  /**
   * Whether a source's selectors leave text alone: {@code :contains}, {@code :matches} and their
   * kin choose elements by their text, and so by the text of free runs.
   */
  static boolean appliesTo(Optional<String> select, List<String> ignore) {
    List<String> selectors = new ArrayList<>(ignore);
    select.ifPresent(selectors::add);
    return selectors.stream().map(s -> s.toLowerCase(Locale.ROOT))
        .noneMatch(s -> s.contains("contain") || s.contains("match"));
  }

  /** Whether runs can be cut in the bytes of {@code charset}: each of {@code < > &} and NUL is that one byte. */
  static boolean cuttable(Charset charset) {
    String name = charset.name();
    return name.equals("UTF-8") || name.equals("US-ASCII") || name.startsWith("ISO-8859-")
        || name.startsWith("windows-125") || name.startsWith("KOI8-");
  }

  /**
   * The skeleton of a baseline: its bytes, the same bytes as jsoup's input, and the text nodes of
   * its parse by where they started and ended in that input.
   *
   * @param freeNodes by start, the end of each text node that may change: in the body, outside the
   *     roots and {@link #UNFREE} elements, read from the source as it stands (no character reference)
   */
  static Optional<Skeleton> of(byte[] body, Charset charset, String text, Map<Integer, Integer> freeNodes,
      String title) {
    if (!cuttable(charset)) {
      return Optional.empty();
    }
    List<int[]> textRuns = runs(text);
    List<Kept> kept = new ArrayList<>();
    for (int n = 0; n < textRuns.size(); n++) {
      int[] run = textRuns.get(n);
      Integer end = freeNodes.get(run[0]);
      boolean free = end != null && end == run[1] && clean(text, run[0], run[1]);
      if (!free) {
        if (!kept.isEmpty() && kept.get(kept.size() - 1).last() == n - 1) {
          kept.set(kept.size() - 1, new Kept(kept.get(kept.size() - 1).first(), n));
        } else {
          kept.add(new Kept(n, n));
        }
      }
    }
    return digest(body, kept).map(d -> new Skeleton(charset.name(), d, kept, title));
  }

  /** Whether {@code body}, read in {@code charset}, has this skeleton: it reads as the page this was made of. */
  boolean describes(byte[] body, Charset charset) {
    return charset.name().equals(this.charset) && digest(body, kept).map(digest::equals).orElse(false);
  }

  private static boolean clean(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '&' || c == 0) {
        return false;
      }
    }
    return true;
  }

  /** The runs of a text: from after each {@code >} to the next {@code <} (or the end), where that is not empty. */
  private static List<int[]> runs(String text) {
    List<int[]> runs = new ArrayList<>();
    int from = text.indexOf('>');
    while (from >= 0) {
      int to = text.indexOf('<', from + 1);
      int end = to < 0 ? text.length() : to;
      if (end > from + 1) {
        runs.add(new int[] {from + 1, end});
      }
      from = to < 0 ? -1 : text.indexOf('>', to);
    }
    return runs;
  }

  /**
   * SHA-256 over the page with every run not kept reduced to one byte, blank or not; every part
   * is framed by its length, so that no two pages cut differently give the same bytes. Empty when
   * a run not kept holds what could be read as more than text ({@code &}, NUL).
   */
  private static Optional<String> digest(byte[] body, List<Kept> kept) {
    Framed out = new Framed(body.length);
    int keptAt = 0;
    int run = 0;
    int fixedFrom = 0;
    int from = indexOf(body, (byte) '>', 0);
    while (from >= 0) {
      int start = from + 1;
      int to = indexOf(body, (byte) '<', start);
      int end = to < 0 ? body.length : to;
      from = to < 0 ? -1 : indexOf(body, (byte) '>', to);
      if (end == start) {
        continue;
      }
      out.frame(body, fixedFrom, start);
      while (keptAt < kept.size() && kept.get(keptAt).last() < run) {
        keptAt++;
      }
      if (keptAt < kept.size() && kept.get(keptAt).first() <= run) {
        out.frame(body, start, end);
      } else {
        int blank = blank(body, start, end);
        if (blank < 0) {
          return Optional.empty();
        }
        out.mark(blank == 1 ? 'b' : 't');
      }
      run++;
      fixedFrom = end;
    }
    out.frame(body, fixedFrom, body.length);
    return Optional.of(out.digest());
  }

  /** 1 when a run not kept is blank as jsoup judges it, 0 when it is not, -1 when it may not change. */
  private static int blank(byte[] body, int from, int to) {
    boolean blank = true;
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b == '&' || b == 0) {
        return -1;
      }
      blank &= b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r';
    }
    return blank ? 1 : 0;
  }

  /** The bytes digested: each part framed by its length. One array, grown rarely: a page has a thousand parts. */
  private static final class Framed {
    private byte[] bytes;
    private int size;

    Framed(int expected) {
      bytes = new byte[expected + 256];
    }

    void frame(byte[] from, int start, int end) {
      int length = end - start;
      room(5 + length);
      bytes[size++] = 'k';
      bytes[size++] = (byte) (length >>> 24);
      bytes[size++] = (byte) (length >>> 16);
      bytes[size++] = (byte) (length >>> 8);
      bytes[size++] = (byte) length;
      System.arraycopy(from, start, bytes, size, length);
      size += length;
    }

    void mark(char mark) {
      room(1);
      bytes[size++] = (byte) mark;
    }

    String digest() {
      return Digests.hex(bytes, size);
    }

    private void room(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }

  private static int indexOf(byte[] body, byte b, int from) {
    for (int i = from; i < body.length; i++) {
      if (body[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
