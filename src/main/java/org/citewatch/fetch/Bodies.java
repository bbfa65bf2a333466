package org.citewatch.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.ResponseBody;

/**
 * An answer's bytes as evidence: the body read up to max_body and decoded, the request and
 * response heads as they went over the wire.
 */
final class Bodies {

  private Bodies() {}

  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    /** The bytes read up to the cap, when the body as sent was too large; null when only its decompression was. */
    final transient byte[] partial;

    TooLarge(long cap, byte[] partial) {
      super(String.format(Locale.ROOT,
          "the body is larger than max_body (%d bytes) after decompression; raise settings.max_body if the page "
              + "is really this big", cap));
      this.partial = partial;
    }
  }

  static final class Undecodable extends IOException {
    private static final long serialVersionUID = 1L;
    final transient byte[] body;

    Undecodable(String message, byte[] body) {
      super(message);
      this.body = body;
    }
  }

  static byte[] readCapped(ResponseBody body, long cap) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    try (InputStream in = body.byteStream()) {
      return copyCapped(in, cap, true, body.contentLength());
    }
  }

  /**
   * @param asSent the bytes as the server sent them, whose first {@code cap} are kept when they run over
   * @param expected how many bytes the server said it sends (-1: it did not say), so that the copy
   *     is made once and not grown through every power of two up to a page's size
   */
  static byte[] copyCapped(InputStream in, long cap, boolean asSent, long expected) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        (int) Math.max(32, Math.min(expected, Math.min(cap, 1 << 20)) + 1));
    byte[] buffer = new byte[16 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      if (total + n > cap) {
        out.write(buffer, 0, (int) (cap - total));
        throw new TooLarge(cap, asSent ? out.toByteArray() : null);
      }
      total += n;
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  static byte[] decode(byte[] body, String encoding, long cap) throws IOException {
    String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
    if (body.length == 0 || e.isEmpty() || e.equals("identity")) {
      return body;
    }
    try (InputStream in = switch (e) {
      case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
      case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
      default -> throw new Undecodable("the body uses Content-Encoding '" + encoding
          + "', which citewatch cannot decode", body);
    }) {
      return copyCapped(in, cap, false, -1);
    } catch (TooLarge | Undecodable tooLargeOrUnknown) {
      throw tooLargeOrUnknown;
    } catch (IOException broken) {
      throw new Undecodable("the " + e + " body is corrupt (" + broken.getMessage() + ")", body);
    }
  }

  static byte[] requestHead(Request request) {
    StringBuilder head = new StringBuilder();
    String query = request.url().encodedQuery();
    String target = request.url().encodedPath() + (query == null ? "" : "?" + query);
    head.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(Robots.hostKey(request.url().uri())).append("\r\n");
    appendHeaders(head, request.headers());
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] responseHead(int code, String reason, Headers headers) {
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(code).append(' ').append(reason == null ? "" : reason).append("\r\n");
    appendHeaders(head, headers);
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  static void appendHeaders(StringBuilder head, Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      if (!headers.name(i).equalsIgnoreCase("Transfer-Encoding") && !headers.name(i).equalsIgnoreCase("Host")) {
        head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
      }
    }
  }

  static List<Exchange.Header> headerList(Headers headers) {
    List<Exchange.Header> list = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      list.add(new Exchange.Header(headers.name(i), headers.value(i)));
    }
    return List.copyOf(list);
  }
}
