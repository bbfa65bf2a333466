package org.citewatch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Block;
import org.citewatch.model.Source;
import org.junit.jupiter.api.Test;

class ExtractorTest {

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = ExtractorTest.class.getResourceAsStream("/extract/" + name)) {
      return in.readAllBytes();
    }
  }

  private static Exchange exchange(byte[] body, String contentType) {
    List<Exchange.Header> headers = contentType == null ? List.of() : List.of(new Exchange.Header("Content-Type", contentType));
    return new Exchange(URI.create("https://mpb.rks-gov.net/f/45"), new byte[0], 200, "OK", headers, new byte[0], body, body);
  }

  private static Source source(Optional<String> select, List<String> ignore) {
    return new Source("xk", URI.create("https://mpb.rks-gov.net/f/45"), "sq", select, ignore, Optional.empty(), true);
  }

  @Test
  void turnsTheSelectedPartIntoHeadingsParagraphsItemsAndRowsInReadingOrder() throws Exception {
    Extraction extraction = new Extractor().extract(source(Optional.of("#content"), List.of(".share", ".updated")),
        exchange(fixture("kosovo-residence.html"), "text/html; charset=utf-8"));

    assertThat(extraction.selectorMatched()).isTrue();
    assertThat(extraction.blocks()).containsExactly(
        new Block(Block.Kind.HEADING, "Leje-qëndrim i përkohshëm për të huajt"),
        new Block(Block.Kind.PARAGRAPH, "Kërkesa paraqitet personalisht nga i huaji."),
        new Block(Block.Kind.ITEM, "Pasaportën e vlefshme;"),
        new Block(Block.Kind.ITEM, "Sigurimin shëndetësor;"),
        new Block(Block.Kind.ITEM, "për tërë kohëzgjatjen e qëndrimit"),
        new Block(Block.Kind.ROW, "Shërbimi | Taksa"),
        new Block(Block.Kind.ROW, "Leje-qëndrim i përkohshëm | €50"));
  }

  @Test
  void dropsScriptsStylesHiddenInputsAndHiddenElements() throws Exception {
    Extraction extraction = new Extractor().extract(source(Optional.empty(), List.of()),
        exchange(fixture("kosovo-residence.html"), "text/html"));

    String text = String.join("\n", extraction.blocks().stream().map(Block::text).toList());
    assertThat(text).doesNotContain("document.write", "color:red", "a8f3e1", "Teksti i fshehur");
    assertThat(text).contains("Ballina", "© MPB");
  }

  @Test
  void whatAReaderNeverSeesIsDroppedInAnyCaseAndWhereverItIs() throws Exception {
    String page = "<html><head><STYLE>p{color:red}</STYLE></head><body><main>"
        + "<p>Taksa është 50 €.</p><SCRIPT>document.write('x')</SCRIPT><noscript><p>Aktivizoni JavaScript</p></noscript>"
        + "<template><p>Shablloni</p></template><iframe><p>Korniza</p></iframe><object><p>Objekti</p></object>"
        + "<svg><text>Vizatimi</text><style>.a{}</style></svg><math><mi>x</mi></math>"
        + "<form><INPUT TYPE=HIDDEN VALUE=a8f3e1><input type=text value=visible><label>Emri</label></form>"
        + "<div HIDDEN><p>I fshehur</p></div><p data-hidden=\"no\" type=\"note\">Захтев се подноси лично.</p>"
        + "<section hidden=\"\"><p>Edhe i fshehur</p></section></main></body></html>";

    Extraction extraction = new Extractor().extract(source(Optional.of("main"), List.of()),
        exchange(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8"));

    assertThat(extraction.blocks()).extracting(Block::text)
        .containsExactly("Taksa është 50 €.", "x", "Emri", "Захтев се подноси лично.");
  }

  @Test
  void aSelectorThatMatchesNothingIsToldApart() throws Exception {
    Extraction extraction = new Extractor().extract(source(Optional.of("#main-content"), List.of()),
        exchange(fixture("kosovo-residence.html"), "text/html"));

    assertThat(extraction.selectorMatched()).isFalse();
    assertThat(extraction.blocks()).isEmpty();
  }

  @Test
  void readsTheCharsetFromMetaWhenTheHeaderHasNone() throws Exception {
    Extraction extraction = new Extractor().extract(source(Optional.of("main"), List.of()),
        exchange(fixture("serbian-windows-1250.html"), "text/html"));

    assertThat(extraction.blocks()).extracting(Block::text)
        .containsExactly("Zahtev se podnosi isključivo elektronski, u roku od 24 časa.");
  }

  @Test
  void plainTextBecomesOneParagraphPerBlankLineSeparatedRun() throws Exception {
    byte[] body = "Prvi  pasus\nnastavak.\n\n\nDrugi pasus.".getBytes(StandardCharsets.UTF_8);

    Extraction extraction = new Extractor().extract(source(Optional.empty(), List.of()), exchange(body, "text/plain"));

    assertThat(extraction.blocks()).extracting(Block::text).containsExactly("Prvi pasus nastavak.", "Drugi pasus.");
  }

  @Test
  void anUnreadableTypeIsRefusedWithItsName() {
    byte[] zip = {0x50, 0x4b, 0x03, 0x04};

    assertThatThrownBy(() -> new Extractor().extract(source(Optional.empty(), List.of()), exchange(zip, "application/zip")))
        .isInstanceOf(UnreadableContent.class)
        .hasMessage("the server sent application/zip, which citewatch cannot read (HTML, PDF and plain text only)");
  }
}
