package org.citewatch.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.citewatch.store.Json;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications go through a durable outbox (issue 16): one a notifier did not accept, whether it
 * failed or a kill cut the run short while it answered, is sent again by the next run, with the id
 * a receiver dedupes on; status says what is pending.
 */
class OutboxTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @Test
  void aNotificationTheWebhookDidNotAcceptIsSentAgainByTheNextRunWithItsId() throws Exception {
    Path config = dir.resolve("sources.yaml");
    Files.writeString(config, """
        settings:
          per_host_delay: 0s
          notify:
            - webhook: "%1$s/hook"
        sources:
          - {id: xk, url: "%1$s/xk", lang: sq, respect_robots: false}
        programs:
          - id: xk-general-residence
            name: Kosovo
            last_verified: 2026-11-01
            claims:
              - {id: fee, source: xk, figure: "€50", quote: "Taksa për leje-qëndrim është €50"}
        """.formatted(server.baseUrl()), StandardCharsets.UTF_8);
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody("<p>Taksa për leje-qëndrim është €60.</p>")));
    server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(503)));
    Path store = dir.resolve("snapshots");
    Path reports = dir.resolve("reports");

    Cli.run(config, store, reports, "run");
    Cli.Result status = Cli.run(config, store, reports, "status");

    assertThat(status.out()).contains("notifications pending: 1");
    server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    Cli.run(config, store, reports, "run");

    List<LoggedRequest> posts = server.findAll(postRequestedFor(urlEqualTo("/hook")));
    assertThat(posts).hasSize(2);
    JsonNode first = Json.MAPPER.readTree(posts.get(0).getBodyAsString());
    JsonNode again = Json.MAPPER.readTree(posts.get(1).getBodyAsString());
    assertThat(again.get("notification_id").asText()).as("the same notification, to dedupe on")
        .isEqualTo(first.get("notification_id").asText());
    assertThat(again.get("text").asText()).contains("FIGURE_CHANGED");
    assertThat(Cli.run(config, store, reports, "status").out()).doesNotContain("notifications pending");

    Cli.run(config, store, reports, "run");
    assertThat(server.findAll(postRequestedFor(urlEqualTo("/hook")))).as("sent once it was accepted, not again")
        .hasSize(2);
  }

}
