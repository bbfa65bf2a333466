package org.citewatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Block;
import org.citewatch.model.Source;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharsetTest {

  static final String CYRILLIC = "Захтев за продужење привременог боравка подноси се најраније три месеца, "
      + "а најкасније до истека одобреног привременог боравка. Странац је дужан да пријави боравиште у року од 24 часа.";
  static final String LATIN = "Zahtev za produženje privremenog boravka podnosi se najranije tri meseca, a najkasnije "
      + "do isteka odobrenog privremenog boravka. Đorđe iz Čačka, Šapca i Žablja prijavljuje boravište u roku od 24 časa.";

  static String text(String which) {
    return which.equals("cyrillic") ? CYRILLIC : LATIN;
  }

  @ParameterizedTest(name = "{0} {1} page, charset declared {2}")
  @CsvSource({
      "cyrillic, windows-1251, in the header, sr-Cyrl",
      "cyrillic, windows-1251, in meta,       sr-Cyrl",
      "cyrillic, windows-1251, nowhere,       sr-Cyrl",
      "cyrillic, ISO-8859-5,   nowhere,       sr-Cyrl",
      "cyrillic, UTF-8,        nowhere,       sr-Cyrl",
      "latin,    windows-1250, in the header, sr-Latn",
      "latin,    windows-1250, in meta,       sr-Latn",
      "latin,    windows-1250, nowhere,       sr-Latn",
      "latin,    ISO-8859-2,   nowhere,       sr-Latn",
      "latin,    UTF-8,        nowhere,       sr-Latn",
  })
  void aSerbianPageRoundTripsToItsText(String script, String charset, String declared, String lang) throws Exception {
    String meta = declared.equals("in meta") ? "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + charset + "\">" : "";
    String html = "<html><head>" + meta + "<title>Boravak</title></head><body><main><p>" + text(script) + "</p></main></body></html>";
    byte[] body = html.getBytes(Charset.forName(charset));
    String contentType = declared.equals("in the header") ? "text/html; charset=" + charset : "text/html";
    Exchange exchange = new Exchange(URI.create("http://www.mup.gov.rs/boravak"), new byte[0], 200, "OK",
        List.of(new Exchange.Header("Content-Type", contentType)), new byte[0], body, body);
    Source source = new Source("rs", URI.create("http://www.mup.gov.rs/boravak"), lang, Optional.of("main"), List.of(),
        Optional.empty(), true);

    Extraction extraction = new Extractor().extract(source, exchange);

    assertThat(extraction.blocks()).extracting(Block::text).containsExactly(text(script));
  }
}
