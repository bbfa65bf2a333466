package org.citewatch.store;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.citewatch.model.Config;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a check costs on disk: an unchanged page a journal line, a revisit and the request that got
 * it; a changed one its compressed body once.
 */
class StoreGrowthTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()
      .gzipDisabled(true)).build();

  @TempDir Path dir;

  static String page(int version) {
    Random random = new Random(7);
    String[] words = {"leje", "qëndrim", "i", "huaji", "dokument", "taksa", "kërkesa", "departamenti", "shtetësi",
        "dozvola", "boravak", "zahtev", "stranac", "rok", "dana", "meseci"};
    StringBuilder text = new StringBuilder("<html><body><main><h1>Version ").append(version).append("</h1>");
    while (text.length() < 50_000) {
      text.append("<p>");
      for (int w = 0; w < 12; w++) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      text.append("</p>");
    }
    return text.append("</main></body></html>").toString();
  }

  long evidenceBytes() throws Exception {
    long bytes = Files.size(dir.resolve("snapshots/journal.jsonl"));
    try (var files = Files.list(dir.resolve("snapshots/warc"))) {
      for (Path f : files.toList()) {
        bytes += Files.size(f);
      }
    }
    return bytes;
  }

  long checkCost() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("snapshots/journal.jsonl"), StandardCharsets.UTF_8);
    long cost = 0;
    for (int i = lines.size() - 1; i >= 0; i--) {
      JsonNode node = Json.MAPPER.readTree(lines.get(i));
      String type = node.path("type").asText();
      if (type.equals("run-started")) {
        break;
      }
      if (type.equals("check")) {
        cost += lines.get(i).length() + 1 + node.at("/record/end").asLong() - node.at("/record/offset").asLong();
      } else if (type.equals("snapshot")) {
        cost += lines.get(i).length() + 1;
      }
    }
    return cost;
  }

  @Test
  void anUnchangedCheckCostsUnderOneAndAHalfKbAndAChangedPageItsCompressedBodyOnce() throws Exception {
    Config config = Runs.config(dir,
        "settings: {per_host_delay: 0s}\nsources:\n  - {id: page, url: \"" + server.baseUrl() + "/page\", lang: sq}\n");
    server.stubFor(get(urlEqualTo("/page")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(page(1))));
    Runs.run(dir, config);
    long afterFirst = evidenceBytes();
    Runs.run(dir, config);
    long unchangedCheck = checkCost();
    long unchangedRun = evidenceBytes() - afterFirst;
    server.stubFor(get(urlEqualTo("/page")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(page(2))));
    long beforeChange = evidenceBytes();
    Runs.run(dir, config);
    long changedCheck = checkCost();
    long changedRun = evidenceBytes() - beforeChange;

    System.out.printf(Locale.ROOT, "store growth: unchanged check %d B (whole run %d B); changed %,d B page: check %,d B "
        + "(whole run %,d B)%n", unchangedCheck, unchangedRun, page(2).length(), changedCheck, changedRun);
    // 948 B before the request record joined the revisit (WARC 1.1: every fetch's request is evidence)
    assertThat(unchangedCheck).isLessThanOrEqualTo(1536);
    assertThat(changedCheck).as("the body stored once, compressed").isLessThan(page(2).length());
  }
}
