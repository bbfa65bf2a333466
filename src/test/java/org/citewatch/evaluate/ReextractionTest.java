package org.citewatch.evaluate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import org.citewatch.model.RunSummary;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A maintainer narrows a source's select: the old baseline is read again with the new rules. */
class ReextractionTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  RunSummary run(String rules) throws Exception {
    return Runs.run(dir,
        "settings: {per_host_delay: 0s}\nsources:\n  - {id: xk, url: \"" + server.baseUrl() + "/xk\", lang: sq" + rules + "}\n");
  }

  void serve(String updated) {
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html><body><nav>Ballina</nav><div id=\"content\"><h1>Leje-qëndrim</h1><p>Sigurimin shëndetësor;</p>"
            + "<p class=\"updated\">Përditësuar më " + updated + "</p></div><footer>© MPB</footer></body></html>")));
  }

  @Test
  void narrowingSelectAndIgnoreOnAnUnchangedPageRaisesNoChange() throws Exception {
    serve("12.03.2026");
    run("");

    RunSummary narrowed = run(", select: \"#content\", ignore: [\".updated\"]");

    assertThat(narrowed.changed()).isZero();
    assertThat(narrowed.exitCode()).isZero();
  }

  @Test
  void withTheNewRulesAChangeTheyIgnoreIsNoChangeEither() throws Exception {
    serve("12.03.2026");
    run("");
    serve("02.11.2026");

    RunSummary narrowed = run(", select: \"#content\", ignore: [\".updated\"]");

    assertThat(narrowed.changed()).isZero();
    assertThat(narrowed.exitCode()).isZero();
  }

  @Test
  void narrowingSelectOnAPageItsServerAnswers304ForRaisesNoAlert() throws Exception {
    serve("12.03.2026");
    server.stubFor(get(urlEqualTo("/xk")).atPriority(1).withHeader("If-None-Match", equalTo("\"v1\""))
        .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
    server.stubFor(get(urlEqualTo("/xk")).atPriority(2).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withHeader("ETag", "\"v1\"")
        .withBody("<html><body><nav>Ballina</nav><div id=\"content\"><h1>Leje-qëndrim</h1>"
            + "<p>Sigurimin shëndetësor;</p></div><footer>© MPB</footer></body></html>")));
    run("");

    RunSummary narrowed = run(", select: \"#content\"");
    RunSummary next = run(", select: \"#content\"");

    assertThat(narrowed.failed()).isZero();
    assertThat(narrowed.changed()).isZero();
    assertThat(narrowed.exitCode()).isZero();
    // the page came whole after the edit, and the night after it is asked for conditionally again
    server.verify(1, getRequestedFor(urlEqualTo("/xk")).withHeader("If-None-Match", equalTo("\"v1\"")));
    assertThat(next.unchanged()).isEqualTo(1);
    assertThat(next.exitCode()).isZero();
  }
}
