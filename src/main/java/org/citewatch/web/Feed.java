package org.citewatch.web;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.citewatch.model.Alert;

/** The open alerts as an Atom feed (RFC 4287), newest first, for a maintainer's feed reader. */
final class Feed {

  private Feed() {}

  static String atom(List<Alert> open, Instant now, String self) {
    String base = self.replaceAll("/feed\\.atom$", "");
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>citewatch: open alerts</title>\n")
        .append("<id>").append(xml(base)).append("/feed.atom</id>\n<updated>").append(now).append("</updated>\n");
    open.stream().sorted(Comparator.comparing(Alert::firstSeen).reversed()).forEach(a -> xml.append("<entry>\n")
        .append("<id>urn:citewatch:alert:").append(a.id()).append("</id>\n")
        .append("<title>").append(xml(a.kind() + " " + a.program().or(a::source).orElse("")
            + a.claim().map(c -> " / " + c).orElse(""))).append("</title>\n")
        .append("<updated>").append(a.lastSeen()).append("</updated>\n")
        .append("<link href=\"").append(xml(base + "/alerts/" + a.id())).append("\"/>\n")
        .append("<summary>").append(xml(a.message())).append("</summary>\n</entry>\n"));
    return xml.append("</feed>\n").toString();
  }

  /** XML text: the five predefined entities, and no control character XML 1.0 forbids. */
  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;").replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", " ");
  }
}
