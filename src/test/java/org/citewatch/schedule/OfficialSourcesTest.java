package org.citewatch.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Program;
import org.citewatch.testing.ReportSchema;
import org.citewatch.testing.Runs;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's own sources.yaml against copies of the official pages it names (their text from
 * stored crawls, in src/test/resources/official): every quote holds, and a figure is unsourced only
 * where its page really does not state it.
 */
class OfficialSourcesTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static final Pattern SOURCE_URL = Pattern.compile("(- id: (\\S+)\\n\\s+url: )\\S+");

  /** sources.yaml with each source's URL pointing at its copy, and no politeness delay on loopback. */
  String localYaml() throws Exception {
    String yaml = Files.readString(Path.of("sources.yaml"), StandardCharsets.UTF_8).replace("per_host_delay: 2s",
        "per_host_delay: 0s");
    Matcher m = SOURCE_URL.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + server.baseUrl() + "/" + m.group(2)));
    }
    m.appendTail(out);
    return out.toString();
  }

  Map<String, String> servePages(Config config) throws Exception {
    Map<String, String> texts = new TreeMap<>();
    for (var source : config.sources()) {
      byte[] body;
      try (InputStream in = getClass().getResourceAsStream("/official/" + source.id() + ".html")) {
        assertThat(in).as("a copy of %s in src/test/resources/official", source.id()).isNotNull();
        body = in.readAllBytes();
      }
      String charset = source.id().equals("rs-mup-address-registration") ? "windows-1250" : "utf-8";
      server.stubFor(get(urlEqualTo("/" + source.id())).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "text/html; charset=" + charset).withBody(body)));
      texts.put(source.id(), Jsoup.parse(new String(body, charset)).text());
    }
    return texts;
  }

  @Test
  void everyQuoteOfTheRealSourcesFileHoldsOnItsOfficialPage() throws Exception {
    Config config = Runs.config(dir, localYaml());
    Map<String, String> pages = servePages(config);

    Runs.run(dir, config);

    JsonNode report = ReportSchema.read(dir.resolve("reports/report.json"));
    List<String> claimAlerts = new ArrayList<>();
    List<String> unsourced = new ArrayList<>();
    report.get("alerts").forEach(a -> {
      String kind = a.get("kind").asText();
      String what = kind + " " + a.path("program").asText() + "/" + a.path("claim").asText() + ": " + a.get("message").asText();
      if (kind.startsWith("CLAIM_") || kind.equals("FIGURE_CHANGED") || kind.startsWith("SOURCE_")) {
        claimAlerts.add(what);
      } else if (kind.equals("UNSOURCED_FIGURE")) {
        unsourced.add(a.path("program").asText() + "/" + a.path("claim").asText());
      }
    });
    assertThat(claimAlerts).as("every quote holds and every page is read").isEmpty();

    List<String> stated = new ArrayList<>();
    for (Program program : config.programs()) {
      for (Claim claim : program.claims()) {
        if (claim.figure().isPresent() && claim.quote().isEmpty()) {
          boolean onPage = FigureReader.find(pages.get(claim.sourceId())).stream().map(FigureSpan::figure)
              .anyMatch(claim.figure().get()::equals);
          if (onPage) {
            stated.add(program.id() + "/" + claim.id());
          }
        }
      }
    }
    assertThat(stated).as("figures their page states, which must be quoted").isEmpty();
    assertThat(unsourced).containsExactlyInAnyOrder("xk-general-residence/application-fee",
        "rs-temporary-residence/permanent-residence-after-5-years", "rs-innovative-startup/renewal-gross-revenue",
        "rs-investment/renewal-paid-contribution");
  }
}
