package org.citewatch.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.citewatch.model.Config;
import org.junit.jupiter.api.BeforeEach;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PolitenessTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @BeforeEach
  void pages() {
    server.stubFor(get(urlMatching("/page-\\d+")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody("<html><body><p>Sigurimin shëndetësor;</p></body></html>")
        .withFixedDelay(300)));
  }

  long run(String settings, List<String> urls) throws Exception {
    StringBuilder yaml = new StringBuilder("settings: {" + settings + "}\nsources:\n");
    for (int i = 0; i < urls.size(); i++) {
      yaml.append("  - {id: s").append(i).append(", url: \"").append(urls.get(i)).append("\", lang: sq}\n");
    }
    Config config = Runs.config(dir, yaml.toString());
    long start = System.nanoTime();
    Runs.run(dir, config);
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  @Test
  void tenSourcesOnOneHostAreFetchedOneAtATimeWithTheDelayBetweenThem() throws Exception {
    List<String> urls = IntStream.range(0, 10).mapToObj(i -> server.baseUrl() + "/page-" + i).toList();

    // robots.txt off: the first source's work also fetches it, which delays that source's page
    // request (15 ms on a loaded machine) and shortens the first gap measured at the server
    long millis = run("per_host_delay: 400ms, concurrency: 8, respect_robots: false", urls);

    assertThat(millis).as("at least 9 × per_host_delay").isGreaterThanOrEqualTo(9 * 400);
    List<LoggedRequest> requests = server.findAll(getRequestedFor(urlMatching("/page-\\d+")));
    List<Long> starts = requests.stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
    for (int i = 1; i < starts.size(); i++) {
      assertThat(starts.get(i) - starts.get(i - 1)).as("gap before request %d", i).isGreaterThanOrEqualTo(390);
    }
  }

  @Test
  void tenHostsAreFetchedAtTheSameTime() throws Exception {
    int port = server.getPort();
    List<String> urls = IntStream.rangeClosed(1, 10).mapToObj(i -> "http://127.0.0." + i + ":" + port + "/page-" + i).toList();

    long millis = run("per_host_delay: 2s, concurrency: 10", urls);

    assertThat(millis).as("ten 300 ms pages on ten hosts, in parallel").isLessThan(10 * 300);
    List<Long> starts = server.findAll(getRequestedFor(urlMatching("/page-\\d+"))).stream()
        .map(r -> r.getLoggedDate().getTime()).sorted(Comparator.naturalOrder()).collect(Collectors.toList());
    assertThat(starts).hasSize(10);
    assertThat(starts.get(9) - starts.get(0)).as("all ten started within one page's time").isLessThan(300);
  }

  @Test
  void robotsCrawlDelayLengthensTheWaitUpToItsCap() throws Exception {
    server.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(200)
        .withBody("User-agent: *\nCrawl-delay: 60\n")));
    List<String> urls = IntStream.range(0, 3).mapToObj(i -> server.baseUrl() + "/page-" + i).toList();

    long millis = run("per_host_delay: 0s, max_crawl_delay: 700ms", urls);

    assertThat(millis).as("2 × the capped Crawl-delay").isGreaterThanOrEqualTo(2 * 700).isLessThan(10_000);
  }
}
