package org.citewatch.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.model.RunSummary;
import org.citewatch.store.Json;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConditionalGetTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  RunSummary run() throws Exception {
    return Runs.run(dir,
        "settings: {per_host_delay: 0s}\nsources:\n  - {id: page, url: \"" + server.baseUrl() + "/page\", lang: sq}\n");
  }

  @Test
  void aSecondRunSendsIfNoneMatchAndRecordsThe304AsUnchanged() throws Exception {
    server.stubFor(get(urlEqualTo("/page")).withHeader("If-None-Match", absent()).willReturn(aResponse().withStatus(200)
        .withHeader("ETag", "\"v1\"").withHeader("Last-Modified", "Wed, 18 Nov 2026 10:00:00 GMT")
        .withHeader("Content-Type", "text/html").withBody("<p>Sigurimin shëndetësor;</p>")));
    server.stubFor(get(urlEqualTo("/page")).withHeader("If-None-Match", equalTo("\"v1\""))
        .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));

    run();
    RunSummary second = run();

    server.verify(getRequestedFor(urlEqualTo("/page")).withHeader("If-None-Match", equalTo("\"v1\""))
        .withHeader("If-Modified-Since", equalTo("Wed, 18 Nov 2026 10:00:00 GMT")));
    assertThat(second.unchanged()).isEqualTo(1);
    assertThat(second.exitCode()).isZero();
    List<JsonNode> checks = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("snapshots/journal.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode node = Json.MAPPER.readTree(line);
      if (node.get("type").asText().equals("check")) {
        checks.add(node);
      }
    }
    assertThat(checks).hasSize(2);
    assertThat(checks.get(1).get("status").asInt()).isEqualTo(304);
    assertThat(checks.get(1).get("outcome").asText()).isEqualTo("UNCHANGED");
    assertThat(checks.get(1).get("snapshot_id").asText()).isEqualTo(checks.get(0).get("snapshot_id").asText());
  }
}
