package org.citewatch.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Source;

/** Chooses the extractor for a response by its media type, sniffing when the server sent none. */
public final class Extractor {

  private final HtmlExtractor html = new HtmlExtractor();
  private final PdfExtractor pdf = new PdfExtractor();

  public Extraction extract(Source source, Exchange exchange) throws UnreadableContent {
    byte[] body = exchange.decodedBody();
    String type = exchange.mediaType().orElseGet(() -> sniff(body));
    refuse(ContentCheck.contradiction(type, body));
    if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
      Charset charset = Charsets.resolve(body, exchange.charset(), source.lang());
      refuse(ContentCheck.notText(body, charset));
      return html.extract(source, body, charset, exchange.url().toString());
    }
    if (type.equals("application/pdf")) {
      return pdf.extract(body);
    }
    if (type.equals("text/plain")) {
      Charset charset = Charsets.resolve(body, exchange.charset(), source.lang());
      refuse(ContentCheck.notText(body, charset));
      return new Extraction(TextExtractor.paragraphs(new String(body, charset)), true, "text");
    }
    throw new UnreadableContent("the server sent " + type + ", which citewatch cannot read (HTML, PDF and plain text only)");
  }

  private static void refuse(Optional<String> why) throws UnreadableContent {
    if (why.isPresent()) {
      throw new UnreadableContent(why.get());
    }
  }

  private static String sniff(byte[] body) {
    String start = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).strip()
        .toLowerCase(Locale.ROOT);
    if (start.startsWith("%pdf")) {
      return "application/pdf";
    }
    if (start.startsWith("<!doctype html") || start.contains("<html") || start.contains("<body")) {
      return "text/html";
    }
    return "application/octet-stream";
  }
}
