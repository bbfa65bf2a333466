package org.citewatch.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citewatch.fetch.Exchange;
import org.citewatch.model.Source;
import org.citewatch.text.PageDates;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Chooses the extractor for a response by its media type, sniffing when the server sent none. */
public final class Extractor {

  private final HtmlExtractor html = new HtmlExtractor();
  private final PdfExtractor pdf = new PdfExtractor();

  public Extraction extract(Source source, Exchange exchange) throws UnreadableContent {
    return extractUnless(Optional.empty(), source, exchange).orElseThrow();
  }

  /**
   * The answer's extraction, or empty when it reads as the page {@code asBefore} was made of,
   * without a parse: an HTML page that passes every check of a body, read in the same charset, whose
   * bytes differ from that page's only in free runs ({@link Skeleton}). Either way the body is
   * checked, and its charset found, once, and it is decoded at most once.
   */
  public Optional<Extraction> extractUnless(Optional<Skeleton> asBefore, Source source, Exchange exchange)
      throws UnreadableContent {
    byte[] body = exchange.decodedBody();
    String type = type(exchange, body);
    if (isHtml(type)) {
      Charset charset = Charsets.resolve(body, exchange, source.lang());
      // The charset is already known (Charsets.resolve): one bulk decode is several times faster
      // than jsoup's streaming decoder, and the same text serves the check and the parse. Clean
      // UTF-8 is judged on its bytes, and decoded only to be parsed.
      ContentCheck.Judged judged = refusedUnlessText(body, charset);
      if (asBefore.isPresent() && asBefore.get().describes(body, charset)) {
        return Optional.empty();
      }
      String text = judged.decoded().orElseGet(() -> new String(body, charset));
      return Optional.of(html.extract(source, text, exchange.url().toString(),
          Optional.of(new HtmlExtractor.Bytes(body, charset))));
    }
    if (type.equals("application/pdf")) {
      return Optional.of(pdf.extract(body));
    }
    if (type.equals("text/plain")) {
      Charset charset = Charsets.resolve(body, exchange, source.lang());
      String text = refusedUnlessText(body, charset).decoded().orElseGet(() -> new String(body, charset));
      return Optional.of(new Extraction(TextExtractor.paragraphs(text), true, "text"));
    }
    throw new UnreadableContent("the server sent " + type
        + ", which citewatch cannot read (HTML, PDF and plain text only)");
  }

  /** The body's media type, as sent or sniffed; refused when the bytes contradict it. */
  private static String type(Exchange exchange, byte[] body) throws UnreadableContent {
    String type = exchange.mediaType().orElseGet(() -> sniff(body));
    Optional<String> contradiction = ContentCheck.contradiction(type, body);
    if (contradiction.isPresent()) {
      throw new UnreadableContent(contradiction.get());
    }
    return type;
  }

  private static boolean isHtml(String type) {
    return type.equals("text/html") || type.equals("application/xhtml+xml");
  }

  /**
   * The dates an HTML page gives in {@code <time datetime>} beside a "verified" or "updated" label,
   * read as if the machine-readable value stood in place of the words ("Last verified yesterday").
   */
  public List<PageDates.Stated> statedDates(Source source, Exchange exchange) {
    byte[] body = exchange.decodedBody();
    if (!isHtml(exchange.mediaType().orElseGet(() -> sniff(body)))) {
      return List.of();
    }
    Document document = Jsoup.parse(new String(body, Charsets.resolve(body, exchange, source.lang())));
    List<PageDates.Stated> stated = new ArrayList<>();
    for (Element time : document.select("time[datetime]")) {
      Element around = time.parent() == null ? time : time.parent();
      if (PageDates.iso(time.attr("datetime")).isPresent()) {
        String text = around.text().replace(time.text(), time.attr("datetime").substring(0, 10));
        stated.addAll(PageDates.find(text));
      }
    }
    return stated;
  }

  /** The absolute http(s) links of an HTML page, in order, each once: the official pages a site page cites. */
  public List<String> links(Source source, Exchange exchange) {
    byte[] body = exchange.decodedBody();
    Document document = Jsoup.parse(new String(body, Charsets.resolve(body, exchange, source.lang())),
        exchange.url().toString());
    return document.select("a[href]").stream().map(a -> a.absUrl("href"))
        .filter(href -> href.startsWith("http://") || href.startsWith("https://")).distinct().toList();
  }

  /** Refuses a body that, read as {@code charset}, is not text. */
  private static ContentCheck.Judged refusedUnlessText(byte[] body, Charset charset) throws UnreadableContent {
    ContentCheck.Judged judged = ContentCheck.judged(body, charset);
    if (judged.notText().isPresent()) {
      throw new UnreadableContent(judged.notText().get());
    }
    return judged;
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
