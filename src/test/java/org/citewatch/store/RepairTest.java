package org.citewatch.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the store cuts at open after a kill is journaled, raised once as STORE_REPAIRED, and listed by audit (issue 16). */
class RepairTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path config;
  Path store;

  @BeforeEach
  void oneRun() throws IOException {
    config = dir.resolve("sources.yaml");
    store = dir.resolve("snapshots");
    Files.writeString(config, """
        settings: {per_host_delay: 0s}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, respect_robots: false}
        """.formatted(server.baseUrl()), StandardCharsets.UTF_8);
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<p>Taksa është €50.</p>")));
    citewatch("run");
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(config, store, dir.resolve("reports"), args);
  }

  List<String> alerts() throws IOException {
    List<String> kinds = new ArrayList<>();
    JsonNode report = Json.MAPPER.readTree(dir.resolve("reports/report.json").toFile());
    report.get("alerts").forEach(a -> kinds.add(a.get("kind").asText() + ": " + a.get("message").asText()));
    return kinds;
  }

  @Test
  void aTornTailCutAtOpenIsJournaledRaisedOnceEvenUnderQuietAndListedByAudit() throws IOException {
    Path warc;
    try (Stream<Path> files = Files.list(store.resolve(Store.WARC_DIR))) {
      warc = files.findFirst().orElseThrow();
    }
    long end = Files.size(warc);
    Files.write(warc, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0}, StandardOpenOption.APPEND);
    Files.writeString(store.resolve(Store.JOURNAL), "{\"seq\":99,\"prev\":\"torn", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    Cli.Result run = citewatch("run", "--quiet");

    assertThat(run.exit()).as("news for cron, even under --quiet").isEqualTo(1);
    assertThat(alerts()).anySatisfy(a -> assertThat(a).startsWith("STORE_REPAIRED: the store WARC bytes past the last "
        + "journaled record cut").contains("warc/" + warc.getFileName() + "@" + end, "(6 bytes, sha256 "))
        .anySatisfy(a -> assertThat(a).startsWith("STORE_REPAIRED: the store a torn last journal line dropped"));

    Cli.Result again = citewatch("run");

    assertThat(again.exit()).as("told once").isZero();
    Cli.Result audit = citewatch("audit");
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("2 repair(s) on record:", "WARC bytes past the last journaled record cut",
        "a torn last journal line dropped");
  }
}
