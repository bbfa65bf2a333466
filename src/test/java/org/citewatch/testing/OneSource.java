package org.citewatch.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The shape most end-to-end tests share: one Kosovo page served at {@code /xk} and one program
 * verified today whose claims rest on it.
 */
public final class OneSource {

  private OneSource() {}

  public static void serve(WireMockExtension server, String html) {
    serve(server, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
  }

  public static void serve(WireMockExtension server, byte[] body, String contentType) {
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType)
        .withBody(body)));
  }

  /**
   * @param settings the flow mapping's entries after {@code per_host_delay: 0s}, or ""
   * @param claims YAML list items, one per line, at no indentation
   */
  public static String config(WireMockExtension server, String settings, String claims) {
    return """
        settings: {per_host_delay: 0s%s}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, select: main}
        programs:
          - id: xk-general-residence
            name: Kosovo
            last_verified: %s
            claims:
        %s""".formatted(settings.isEmpty() ? "" : ", " + settings, server.baseUrl(), LocalDate.now(ZoneOffset.UTC),
        claims.indent(6));
  }
}
