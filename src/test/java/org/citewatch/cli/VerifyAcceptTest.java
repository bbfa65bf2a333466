package org.citewatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.testing.Cli;
import org.citewatch.testing.ReportSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** verify closes the loop: it says what sources.yaml must say now, and --accept writes it (issue 14, point 7). */
class VerifyAcceptTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path config;

  static String page(String fee, String payment) {
    return "<html><head><title>Taksat</title></head><body><main><h1>Taksat për leje-qëndrim</h1><p>" + payment
        + "</p><table><tr><td>Për bashkim familjar</td><td>" + fee + "</td></tr><tr><td>Për punësim</td><td>50 Euro</td>"
        + "</tr></table></main></body></html>";
  }

  static final String PAYMENT = "Taksat paguhen para dorëzimit të kërkesës në Departamentin për Shtetësi, Azil dhe Migrim.";

  void serve(String body) {
    server.stubFor(get(urlEqualTo("/xk")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(body)));
  }

  String yaml() {
    return """
        # citewatch sources for the Kosovo pages
        settings:
          per_host_delay: 0s   # loopback: no need to wait

        sources:
          - id: xk
            url: "%s/xk"   # https://mpb.rks-gov.net/f/45 in production
            lang: sq
            select: main

        programs:
          - id: xk-general-residence
            name: "Kosovo · General Residence"
            last_verified: 2026-06-23
            claims:
              # the fee row of the table
              - id: family-fee
                source: xk
                figure: '100 Euro'
                quote: "Për bashkim familjar 100 Euro"   # copied from the table
              - {id: payment, source: xk, quote: "%s"}
              - {id: work-fee, source: xk, figure: "50 Euro", quote: "Për punësim 50 Euro"}
        """.formatted(server.baseUrl(), PAYMENT);
  }

  @BeforeEach
  void setUp() throws IOException {
    config = dir.resolve("sources.yaml");
    Files.writeString(config, yaml(), StandardCharsets.UTF_8);
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(config, dir.resolve("snapshots"), dir.resolve("reports"), args);
  }

  List<String> alerts() throws IOException {
    List<String> kinds = new ArrayList<>();
    JsonNode report = ReportSchema.read(dir.resolve("reports/report.json"));
    report.get("alerts").forEach(a -> kinds.add(a.get("kind").asText() + " " + a.path("claim").asText()));
    return kinds;
  }

  @Test
  void verifySaysWhatSourcesYamlMustSayForAChangedFee() throws IOException {
    serve(page("100 Euro", PAYMENT));
    citewatch("run");
    serve(page("120 Euro", PAYMENT));
    citewatch("run");
    assertThat(alerts()).containsExactly("FIGURE_CHANGED family-fee");

    Cli.Result verify = citewatch("verify", "xk-general-residence");

    assertThat(verify.exit()).isZero();
    assertThat(verify.out()).contains("still open: ", "FIGURE_CHANGED family-fee")
        .contains("1 claim alert(s) stay open until sources.yaml says what the official page says now:")
        .contains("  claim family-fee (sources.yaml:20): quote: \u201CPër bashkim familjar 120 Euro\u201D; figure: 120 Euro "
            + "(the official page now states 120 EUR)")
        .contains("citewatch verify xk-general-residence --accept --config " + config);
    assertThat(Files.readString(config, StandardCharsets.UTF_8)).isEqualTo(yaml());
  }

  @Test
  void acceptRewritesOnlyTheChangedClaimAndTheNextRunRaisesNothing() throws IOException {
    serve(page("100 Euro", PAYMENT));
    citewatch("run");
    serve(page("120 Euro", PAYMENT.replace("para dorëzimit", "pas dorëzimit")));
    citewatch("run");
    assertThat(alerts()).containsExactlyInAnyOrder("FIGURE_CHANGED family-fee", "CLAIM_CHANGED payment");

    Cli.Result accepted = citewatch("verify", "xk-general-residence", "--accept", "--yes");

    assertThat(accepted.exit()).as(accepted.err()).isZero();
    assertThat(accepted.out()).contains("-        figure: '100 Euro'", "+        figure: '120 Euro'")
        .contains("wrote 3 change(s)").contains("resolved 2 alert(s)");
    String expected = yaml().replace("figure: '100 Euro'", "figure: '120 Euro'")
        .replace("quote: \"Për bashkim familjar 100 Euro\"", "quote: \"Për bashkim familjar 120 Euro\"")
        .replace(PAYMENT, PAYMENT.replace("para dorëzimit", "pas dorëzimit"));
    assertThat(Files.readString(config, StandardCharsets.UTF_8)).as("every other byte kept").isEqualTo(expected);

    Cli.Result next = citewatch("run");

    assertThat(next.exit()).isZero();
    assertThat(alerts()).isEmpty();
  }

  @Test
  void withoutYesItAsksAndANoLeavesTheFileAsItWas() throws IOException {
    serve(page("100 Euro", PAYMENT));
    citewatch("run");
    serve(page("120 Euro", PAYMENT));
    citewatch("run");
    InputStream stdin = System.in;
    Cli.Result declined;
    try {
      System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
      declined = citewatch("verify", "xk-general-residence", "--accept");
    } finally {
      System.setIn(stdin);
    }

    assertThat(declined.out()).contains("write these changes to " + config + "? [y/N]");
    assertThat(declined.exit()).isEqualTo(1);
    assertThat(Files.readString(config, StandardCharsets.UTF_8)).isEqualTo(yaml());
  }

  @Test
  void alertsOfAClaimTakenOutOfSourcesYamlResolveAtVerify() throws IOException {
    serve(page("100 Euro", PAYMENT));
    citewatch("run");
    serve(page("120 Euro", PAYMENT));
    citewatch("run");
    Files.writeString(config, yaml().replace("""
              # the fee row of the table
              - id: family-fee
                source: xk
                figure: '100 Euro'
                quote: "Për bashkim familjar 100 Euro"   # copied from the table
        """, ""), StandardCharsets.UTF_8);

    Cli.Result verify = citewatch("verify", "xk-general-residence");

    assertThat(verify.out()).contains("resolved 1 alert(s)", "resolved: ", "FIGURE_CHANGED family-fee");
  }
}
