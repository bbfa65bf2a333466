package org.citewatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The demo's bundled pages served as the demo serves them, with the demo's sources.yaml written beside. */
final class DemoPages {

  private final WireMockServer server;

  private DemoPages(WireMockServer server) {
    this.server = server;
  }

  static DemoPages serve(Path config) throws IOException {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    server.start();
    String base = server.baseUrl();
    String verified = LocalDate.now(ZoneOffset.UTC).minusDays(30).toString();
    stub(server, DemoCommand.KOSOVO_PATH, resource("xk-temporary-residence.html"));
    stub(server, DemoCommand.SERBIA_PATH, resource("rs-address-registration.html").replace("{{visits}}", "48214"));
    stub(server, DemoCommand.SITE_PATH, resource("site-xk-general-residence.html").replace("{{base}}", base)
        .replace("{{verified}}", verified).replace("{{fee}}", "€50"));
    Files.createDirectories(config.getParent());
    Files.writeString(config, resource("sources.yaml").replace("{{base}}", base).replace("{{verified}}", verified),
        StandardCharsets.UTF_8);
    return new DemoPages(server);
  }

  String site() {
    return server.baseUrl() + DemoCommand.SITE_PATH;
  }

  void stop() {
    server.stop();
  }

  private static void stub(WireMockServer server, String path, String html) {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(html)));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
