package org.citewatch.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.citewatch.model.Digests;
import org.citewatch.model.Settings;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;

/**
 * An export as a WACZ 1.1.1 package, which ReplayWeb.page and other replay tools open: the records
 * in archive/data.warc.gz (as {@code export --warc} writes them), indexes/index.cdxj, one page per
 * source in pages/pages.jsonl, datapackage.json with each file's SHA-256, and its digest.
 */
public final class Wacz {

  private static final DateTimeFormatter CDX_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private final Path store;

  public Wacz(Path store) {
    this.store = store;
  }

  public Exporter.Exported write(Path target, Exporter.Selection selection) throws IOException {
    Path work = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".wacz-");
    try {
      Path warc = work.resolve("data.warc.gz");
      Exporter.Exported exported = new Exporter(store).export(warc, selection);
      List<String> cdx = new ArrayList<>();
      Map<String, String[]> pages = new LinkedHashMap<>();
      index(warc, cdx, pages);
      cdx.sort(Comparator.naturalOrder());
      byte[] index = (String.join("\n", cdx) + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] pagesJsonl = pagesJsonl(pages);
      byte[] datapackageJson = datapackage(pages, Files.readAllBytes(warc), index, pagesJsonl);
      byte[] digest = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(Json.MAPPER.createObjectNode()
          .put("path", "datapackage.json").put("hash", "sha256:" + Digests.hex(datapackageJson)));
      Path tmp = work.resolve("out.wacz");
      try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
        // the WARC is stored, not deflated again: replay tools read it by range
        stored(zip, "archive/data.warc.gz", Files.readAllBytes(warc));
        deflated(zip, "indexes/index.cdxj", index);
        deflated(zip, "pages/pages.jsonl", pagesJsonl);
        deflated(zip, "datapackage.json", datapackageJson);
        deflated(zip, "datapackage-digest.json", digest);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      return exported;
    } finally {
      try (var files = Files.walk(work)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** pages.jsonl: the latest capture of each URL, as replay tools list them. */
  private static byte[] pagesJsonl(Map<String, String[]> pages) throws IOException {
    StringBuilder lines = new StringBuilder(
        "{\"format\":\"json-pages-1.0\",\"id\":\"pages\",\"title\":\"All Pages\"}\n");
    for (Map.Entry<String, String[]> page : pages.entrySet()) {
      ObjectNode line = Json.MAPPER.createObjectNode()
          .put("id", Digests.hex(page.getKey().getBytes(StandardCharsets.UTF_8)).substring(0, 16))
          .put("url", page.getKey()).put("ts", page.getValue()[0]).put("title", page.getKey());
      lines.append(Json.MAPPER.writeValueAsString(line)).append('\n');
    }
    return lines.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** datapackage.json: what the package holds, each part with its digest. */
  private static byte[] datapackage(Map<String, String[]> pages, byte[] warc, byte[] index, byte[] pagesJsonl)
      throws IOException {
    ObjectNode datapackage = Json.MAPPER.createObjectNode().put("profile", "data-package")
        .put("wacz_version", "1.1.1").put("title", "citewatch export").put("created", Instant.now().toString())
        .put("software", "citewatch/" + Settings.VERSION)
        .put("mainPageURL", pages.keySet().stream().findFirst().orElse(""));
    ArrayNode resources = datapackage.putArray("resources");
    resource(resources, "data.warc.gz", "archive/data.warc.gz", warc);
    resource(resources, "index.cdxj", "indexes/index.cdxj", index);
    resource(resources, "pages.jsonl", "pages/pages.jsonl", pagesJsonl);
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(datapackage);
  }

  /** CDXJ lines for every response and revisit, and the latest capture of each URL as a page. */
  private static void index(Path warc, List<String> cdx, Map<String, String[]> pages) throws IOException {
    List<Long> starts = new ArrayList<>();
    List<ObjectNode> entries = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    long size;
    try (FileChannel channel = FileChannel.open(warc, StandardOpenOption.READ);
        WarcReader reader = new WarcReader(channel)) {
      size = channel.size();
      for (Optional<WarcRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
        WarcRecord record = next.get();
        // jwarc's position is the start of the record just read
        long offset = reader.position();
        starts.add(offset);
        if (!(record instanceof WarcResponse) && !(record instanceof WarcRevisit)) {
          record.body().consume();
          entries.add(null);
          keys.add(null);
          continue;
        }
        String url = record.headers().first("WARC-Target-URI").orElse("");
        int status = record instanceof WarcResponse r ? r.http().status() : ((WarcRevisit) record).http().status();
        entries.add(entry(record, url, status, offset));
        keys.add(surt(url) + " " + CDX_TIME.format(record.date()));
        if (record instanceof WarcResponse && status == 200) {
          pages.put(url, new String[] {record.date().toString()});
        }
      }
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) != null) {
        long end = i + 1 < starts.size() ? starts.get(i + 1) : size;
        entries.get(i).put("length", String.valueOf(end - starts.get(i)));
        cdx.add(keys.get(i) + " " + Json.MAPPER.writeValueAsString(entries.get(i)));
      }
    }
  }

  /** A CDXJ line's JSON for a response or revisit record, its body read past; its length is added later. */
  private static ObjectNode entry(WarcRecord record, String url, int status, long offset) throws IOException {
    String mime = record instanceof WarcResponse r ? r.http().contentType().base().toString() : "warc/revisit";
    String digest = record.headers().first("WARC-Payload-Digest").orElse("");
    record.body().consume();
    return Json.MAPPER.createObjectNode().put("url", url).put("mime", mime).put("status", String.valueOf(status))
        .put("digest", digest).put("offset", String.valueOf(offset)).put("filename", "data.warc.gz");
  }

  /** The sort-friendly form of a URL replay indexes use: host labels reversed, "https://www.a.b/x" → "b,a)/x". */
  static String surt(String url) {
    URI uri = URI.create(url);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
    List<String> labels = new ArrayList<>(List.of(host.split("\\.")));
    Collections.reverse(labels);
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return String.join(",", labels) + port + ")" + path.toLowerCase(Locale.ROOT) + query;
  }

  private static void resource(ArrayNode resources, String name, String path, byte[] bytes) {
    resources.addObject().put("name", name).put("path", path).put("hash", "sha256:" + Digests.hex(bytes))
        .put("bytes", bytes.length);
  }

  private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static void deflated(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }
}
