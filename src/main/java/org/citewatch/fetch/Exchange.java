package org.citewatch.fetch;

import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.citewatch.model.Digests;

/**
 * One HTTP request and the response to it, as they crossed the wire: the request head that was
 * sent, the response head and the body bytes received (still content-encoded, so that the WARC
 * record holds what the server sent), and the body decoded for reading.
 *
 * @param responseHead status line and headers; {@code Transfer-Encoding} is left out because the
 *     HTTP client has already removed the chunking from {@code body}
 * @param payloadSha256 the SHA-256 of {@code body}, computed once: the store, the revisit decision
 *     and the WARC records all need it
 */
public record Exchange(
    URI url,
    byte[] requestHead,
    int status,
    String reason,
    List<Header> headers,
    byte[] responseHead,
    byte[] body,
    byte[] decodedBody,
    byte[] payloadSha256) {

  public Exchange(URI url, byte[] requestHead, int status, String reason, List<Header> headers, byte[] responseHead,
      byte[] body, byte[] decodedBody) {
    this(url, requestHead, status, reason, headers, responseHead, body, decodedBody, Digests.sha256().digest(body));
  }

  /** {@code sha256:<hex>} of the body as received. */
  public String payloadDigest() {
    return "sha256:" + HexFormat.of().formatHex(payloadSha256);
  }

  public record Header(String name, String value) {}

  public Optional<String> header(String name) {
    return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
  }

  /** The media type without parameters, lower case; empty when the server sent none. */
  public Optional<String> mediaType() {
    return header("Content-Type").map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty());
  }

  /** The charset parameter of Content-Type, if any. */
  public Optional<String> charset() {
    return header("Content-Type").flatMap(v -> {
      for (String param : v.split(";")) {
        String[] kv = param.strip().split("=", 2);
        if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
          return Optional.of(kv[1].strip().replace("\"", ""));
        }
      }
      return Optional.empty();
    });
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
