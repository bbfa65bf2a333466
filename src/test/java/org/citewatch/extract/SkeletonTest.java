package org.citewatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Source;
import org.junit.jupiter.api.Test;

class SkeletonTest {

  // A government page as the real ones are built: a long menu, a sidebar with the news and a visit
  // counter, a footer stamped at every request, and what is cited inside <main>; and around it the
  // parser's traps: a table with stray text, text in the head, <pre>, a select, entities, unclosed
  // formatting, a comment and a script holding '>' and '<'.
  private static final String PAGE = """
      <!DOCTYPE html><html lang="sq"><head><meta charset="utf-8"><title>Leje-qëndrimi · MPB</title>
      <script>if (a > b && c < d) { x = "</p>"; }</script><style>p > a { color: red }</style>
      </head><body>
      <header><nav><ul><li><a href="/a">Ballina</a></li><li><a href="/b">Shërbimet · Услуге</a></li></ul></nav>
      <form><select name="l"><option>Shqip</option><option>Srpski</option></select></form></header>
      <aside><h2>Lajme</h2><p>Njoftim: orari i punës</p><p>Vizita: 48213</p>
      <table><tr><td>Sot</td><td>Nesër</td></tr>stray 1</table><b>bold <i>both</aside>
      <!-- a comment with > in it --><p>a &lt; b</p><pre>
      kod 7</pre>
      <main id="c"><h1>Leje-qëndrim i përkohshëm</h1><p>Taksa për aplikim është 50 €.</p>
      <ol><li>Pasaportën e vlefshme;</li><li>Sigurimin shëndetësor;</li></ol>
      <table><tr><th>Shërbimi</th><th>Taksa</th></tr><tr><td>Leje</td><td>€50</td></tr></table>
      <p hidden>Teksti i fshehur</p><div class="share">Shpërndaje</div>
      <dl><dt>Afati</dt><dd>8 ditë</dd></dl></main>
      <footer><p>Gjeneruar: 1733097600.123 · 9f2c</p><p>© MPB 2026</p></footer></body></html>
      """;

  private static Source source(Optional<String> select, List<String> ignore) {
    return new Source("xk", URI.create("https://mpb.rks-gov.net/f/45"), "sq", select, ignore, Optional.empty(), true);
  }

  private static final Source MAIN = source(Optional.of("main"), List.of(".share"));

  private static Exchange exchange(byte[] body, String charset) {
    return new Exchange(URI.create("https://mpb.rks-gov.net/f/45"), new byte[0], 200, "OK",
        List.of(new Exchange.Header("Content-Type", "text/html; charset=" + charset)), new byte[0], body, body);
  }

  private static Exchange utf8(String page) {
    return exchange(page.getBytes(StandardCharsets.UTF_8), "utf-8");
  }

  /** Whether the page reads as the one {@code skeleton} was made of, without a parse. */
  private static boolean readsAs(Skeleton skeleton, Source source, Exchange page) {
    try {
      return new Extractor().extractUnless(Optional.of(skeleton), source, page).isEmpty();
    } catch (UnreadableContent notThePage) {
      return false;
    }
  }

  private static Skeleton skeleton(Source source, Exchange page) throws UnreadableContent {
    return new Extractor().extract(source, page).skeleton().orElseThrow();
  }

  @Test
  void aPageWhoseSidebarAndFooterMovedReadsAsBefore() throws Exception {
    Skeleton skeleton = skeleton(MAIN, utf8(PAGE));
    String next = PAGE.replace("Vizita: 48213", "Vizita: 48214 sot")
        .replace("Njoftim: orari i punës", "Lajm i ri: orari i ri i punës (nga 1 dhjetori)")
        .replace("1733097600.123 · 9f2c", "1733184000.517 · a0b1c2d3");

    assertThat(readsAs(skeleton, MAIN, utf8(next))).isTrue();
    assertThat(new Extractor().extract(MAIN, utf8(next)).blocks())
        .isEqualTo(new Extractor().extract(MAIN, utf8(PAGE)).blocks());
  }

  @Test
  void textThatIsNeverReadMayChangeInsideTheSelectionToo() throws Exception {
    Skeleton skeleton = skeleton(MAIN, utf8(PAGE));

    assertThat(readsAs(skeleton, MAIN, utf8(PAGE.replace("Teksti i fshehur", "Tjetër"))))
        .as("a hidden paragraph").isTrue();
    assertThat(readsAs(skeleton, MAIN, utf8(PAGE.replace("Shpërndaje", "Ndaje"))))
        .as("a part the source ignores").isTrue();
  }

  @Test
  void aChangeInsideTheSelectionTheTitleOrTheMarkupIsParsed() throws Exception {
    Skeleton skeleton = skeleton(MAIN, utf8(PAGE));

    for (String next : List.of(PAGE.replace("është 50 €", "është 60 €"), PAGE.replace("· MPB</title>", "</title>"),
        PAGE.replace("Vizita: 48213", "Vizita: <b>48213</b>"), PAGE.replace("Vizita: 48213", "Vizita: 1 &amp; 2"),
        PAGE.replace("<aside>", "<aside class=\"x\">"), PAGE.replace("stray 1", "   "))) {
      assertThat(readsAs(skeleton, MAIN, utf8(next))).as(next).isFalse();
    }
  }

  @Test
  void selectorsThatReadTextAndCharsetsThatAreNotCutInBytesGiveNoSkeleton() throws Exception {
    assertThat(new Extractor().extract(source(Optional.of("main:contains(Taksa)"), List.of()), utf8(PAGE))
        .skeleton()).isEmpty();
    assertThat(new Extractor().extract(source(Optional.of("main"), List.of("p:matchesOwn(\\d+)")), utf8(PAGE))
        .skeleton()).isEmpty();
    assertThat(new Extractor().extract(MAIN, exchange(PAGE.getBytes(StandardCharsets.UTF_16LE), "utf-16le"))
        .skeleton()).isEmpty();
  }

  @Test
  void aSerbianPageInWindows1250IsCutInItsBytesAndReadInItsCharset() throws Exception {
    Charset cp1250 = Charset.forName("windows-1250");
    String latin = PAGE.replace("Shërbimet · Услуге", "Usluge").replace("Vizita: 48213", "Posete: 48213 – juče");
    Skeleton skeleton = skeleton(MAIN, exchange(latin.getBytes(cp1250), "windows-1250"));
    String next = latin.replace("48213 – juče", "48214 – danas, četvrtak");

    assertThat(readsAs(skeleton, MAIN, exchange(next.getBytes(cp1250), "windows-1250"))).isTrue();
    assertThat(readsAs(skeleton, MAIN, exchange(next.getBytes(StandardCharsets.UTF_8), "utf-8")))
        .as("the same text in another charset").isFalse();
  }

  /**
   * The claim the shortcut rests on, tried on thousands of pages: whenever the skeleton describes a
   * page, a full parse of that page reads exactly as the baseline. Each page changes the text
   * between one {@code >} and the next {@code <} of the baseline at a few random places, with
   * characters that make markup, entities, whitespace and text.
   */
  @Test
  void everyPageTheSkeletonDescribesReadsExactlyAsTheBaselineWhenParsed() throws Exception {
    Extractor extractor = new Extractor();
    List<Source> sources = List.of(MAIN, source(Optional.of("aside, footer"), List.of()),
        source(Optional.of("table"), List.of("th")), source(Optional.empty(), List.of("header")));
    Random random = new Random(20261202);
    String[] pieces = {"a", "Ë", "ш", " ", "\n", "\t", "<", ">", "&", "&amp;", "/", "!", "-", "\"", "=", "b>",
        "</aside>", "<p>", "</main>", "<table>", "<tr>", "<!--", "-->", "\u0000", "\r", "\u00a0", "x y", "42"};
    Pattern run = Pattern.compile(">([^<]*)<");
    int described = 0;
    int tried = 0;
    for (Source source : sources) {
      Extraction baseline = extractor.extract(source, utf8(PAGE));
      Skeleton skeleton = baseline.skeleton().orElseThrow();
      List<int[]> runs = new ArrayList<>();
      Matcher m = run.matcher(PAGE);
      for (int from = 0; m.find(from); from = m.end(1)) {
        runs.add(new int[] {m.start(1), m.end(1)});
      }
      for (int i = 0; i < 1500; i++) {
        StringBuilder page = new StringBuilder(PAGE);
        int changes = 1 + random.nextInt(3);
        List<int[]> chosen = new ArrayList<>();
        for (int c = 0; c < changes; c++) {
          chosen.add(runs.get(random.nextInt(runs.size())));
        }
        chosen.sort((x, y) -> Integer.compare(y[0], x[0]));
        int last = Integer.MAX_VALUE;
        for (int[] r : chosen) {
          if (r[1] > last) {
            continue;
          }
          StringBuilder text = new StringBuilder();
          int length = random.nextInt(4);
          for (int k = 0; k < length; k++) {
            text.append(random.nextInt(3) == 0 ? pieces[random.nextInt(pieces.length)] : "t");
          }
          page.replace(r[0], r[1], text.toString());
          last = r[0];
        }
        tried++;
        Exchange next = utf8(page.toString());
        if (readsAs(skeleton, source, next)) {
          described++;
          Extraction parsed = extractor.extract(source, next);
          assertThat(parsed.blocks()).as(page.toString()).isEqualTo(baseline.blocks());
          assertThat(parsed.title()).isEqualTo(baseline.title());
          assertThat(parsed.selectorMatched()).isEqualTo(baseline.selectorMatched());
          assertThat(parsed.skeleton()).isEqualTo(baseline.skeleton());
        }
      }
    }
    assertThat(described).as("pages described, of %d", tried).isGreaterThan(tried / 20);
  }
}
