package org.citewatch.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;
import org.citewatch.model.Settings;
import org.citewatch.model.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects (issue 17): to another port is "moved" like another host; from a public address to
 * this machine or a private network is refused and reported, and nothing is fetched there.
 */
class RedirectPolicyTest {

  @RegisterExtension
  static WireMockExtension official = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension inside = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PAGE = "<html><body><main><p>Taksa për leje qëndrimi është 50 €.</p></main></body></html>";

  static Source source(String url) {
    return new Source("xk", URI.create(url), "sq", Optional.of("main"), List.of(), Optional.empty(), false);
  }

  /** official.example stands on loopback for the connection, and on a public address for the judgement. */
  static Fetcher fetcher() {
    Dns dns = host -> host.equals("official.example") ? List.of(InetAddress.getLoopbackAddress()) : Dns.SYSTEM.lookup(host);
    Addresses.Resolver resolver = host -> host.equals("official.example")
        ? List.of(InetAddress.getByAddress("official.example", new byte[] {(byte) 203, 0, 113, 7}))
        : Addresses.SYSTEM.lookup(host);
    return new Fetcher(Settings.defaults(), Clock.systemUTC(), dns, resolver);
  }

  @Test
  void aRedirectToAnotherPortOfTheSameHostIsMoved() {
    inside.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(PAGE)));
    official.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(301)
        .withHeader("Location", "http://127.0.0.1:" + inside.getPort() + "/xk")));

    try (Fetcher fetcher = new Fetcher(Settings.defaults(), Clock.systemUTC())) {
      FetchResult result = fetcher.fetch(source("http://127.0.0.1:" + official.getPort() + "/xk"), Validators.none());
      assertThat(result.moved()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("redirected to another port: http://127.0.0.1:" + inside.getPort() + "/xk"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:{inside}/admin", "http://localhost:{inside}/admin",
      "http://10.20.30.40/intranet", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
      "http://[::1]:{inside}/admin", "http://[fd12:3456::1]/"})
  void aPublicPageThatRedirectsInsideIsRefusedAndNothingIsFetchedThere(String target) {
    String location = target.replace("{inside}", String.valueOf(inside.getPort()));
    inside.stubFor(get(anyUrl()).willReturn(aResponse().withBody("root:x:0:0")));
    official.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(302).withHeader("Location", location)));

    try (Fetcher fetcher = fetcher()) {
      FetchResult result = fetcher.fetch(source("http://official.example:" + official.getPort() + "/xk"),
          Validators.none());

      assertThat(result.failure()).hasValueSatisfying(f -> {
        assertThat(f.kind()).isEqualTo(Failure.Kind.REDIRECT);
        assertThat(f.message()).contains("redirected from a public address to " + location)
            .contains("citewatch does not follow such a redirect");
      });
      assertThat(result.exchange()).isEmpty();
    }
    inside.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aSourceOnThisMachineMayRedirectWithinIt() {
    official.stubFor(get(urlEqualTo("/old")).willReturn(aResponse().withStatus(301).withHeader("Location", "/xk")));
    official.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(PAGE)));

    try (Fetcher fetcher = fetcher()) {
      FetchResult result = fetcher.fetch(source(official.baseUrl() + "/old"), Validators.none());
      assertThat(result.failure()).isEmpty();
      assertThat(result.exchange()).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(200));
    }
  }
}
