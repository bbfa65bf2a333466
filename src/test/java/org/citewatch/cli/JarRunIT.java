package org.citewatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.citewatch.testing.Jdks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run as a cron job would run it, in its own JVM. */
class JarRunIT {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  record Result(int exit, String out, String err) {}

  Result jar(String... args) throws IOException, InterruptedException {
    return jarOn(Path.of(System.getProperty("java.home"), "bin", "java"), args);
  }

  Result jarOn(Path java, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java.toString(),
        "-jar", System.getProperty("citewatch.jar", "target/citewatch.jar")));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("citewatch finished").isTrue();
    return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  static void serve(String path, int status, String body) {
    server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "text/html; charset=utf-8").withBody(body)));
  }

  static String page(String main) {
    return "<html><body><nav>Ballina</nav><main>" + main + "</main></body></html>";
  }

  @Test
  void exitCodesTellACronJobWhatHappened() throws Exception {
    Files.writeString(dir.resolve("sources.yaml"), """
        settings: {per_host_delay: 0s, retries: 1, retry_backoff: 10ms}
        sources:
          - {id: fee, url: "%1$s/fee", lang: sq, select: main}
          - {id: clause, url: "%1$s/clause", lang: sq, select: main}
          - {id: down, url: "%1$s/down", lang: sq, select: main}
          - {id: same, url: "%1$s/same", lang: sq, select: main}
        programs:
          - id: xk
            name: Kosovo
            last_verified: %2$s
            claims:
              - {id: fee, source: fee, figure: "€50", quote: "Taksa: €50"}
              - {id: record, source: clause, quote: "e lëshuar nga shteti"}
              - {id: insurance, source: down, quote: "Sigurimin shëndetësor;"}
              - {id: same, source: same, quote: "Pasaportën e vlefshme;"}
        """.formatted(server.baseUrl(), LocalDate.now(ZoneOffset.UTC)), StandardCharsets.UTF_8);
    serve("/fee", 200, page("<p>Taksa: €50</p>"));
    serve("/clause", 200, page("<p>Dëshminë e lëshuar nga shteti.</p>"));
    serve("/down", 200, page("<p>Sigurimin shëndetësor;</p>"));
    serve("/same", 200, page("<p>Pasaportën e vlefshme;</p>"));

    Result first = jar("run", "--quiet");
    serve("/fee", 200, page("<p>Taksa: €60</p>"));
    serve("/clause", 200, page("<p>Vërtetimi i banimit në Kosovë.</p>"));
    serve("/down", 503, "<html><body>Service Unavailable</body></html>");
    Result second = jar("run");
    Result third = jar("run");

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).isEmpty();
    assertThat(second.exit()).as(second.err()).isEqualTo(5);
    assertThat(second.out()).startsWith("checked 4 sources: 2 changed, 1 unchanged, 1 failed; exit 5");
    assertThat(Files.readString(dir.resolve("reports/report.json"), StandardCharsets.UTF_8))
        .contains("\"kind\" : \"FIGURE_CHANGED\"", "\"kind\" : \"CLAIM_MISSING\"", "\"kind\" : \"SOURCE_UNREACHABLE\"");
    assertThat(third.exit()).as(third.err()).isEqualTo(4);
    assertThat(jar("check-config", "--config", "missing.yaml").exit()).isEqualTo(2);
  }

  /**
   * From JDK 24 on, the JVM warns on standard error when a library calls sun.misc.Unsafe's memory
   * access, and a cron job mails every line of it.
   */
  @Test
  void aQuietRunOnTheNewestJdkWritesNothingToStandardError() throws Exception {
    Path newestJava = Jdks.newestHome().resolve("bin/java");
    Files.writeString(dir.resolve("sources.yaml"), """
        settings: {per_host_delay: 0s, retries: 0}
        sources:
          - {id: fee, url: "%s/fee", lang: sq, select: main}
        """.formatted(server.baseUrl()), StandardCharsets.UTF_8);
    serve("/fee", 200, page("<p>Taksa: €50</p>"));
    Result first = jarOn(newestJava, "run", "--quiet");
    serve("/fee", 200, page("<p>Taksa: €60</p>"));
    Result second = jarOn(newestJava, "run", "--quiet");

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(second.exit()).as(second.err()).isEqualTo(1);
    assertThat(first.err() + second.err()).as("standard error of two quiet runs").isEmpty();
  }
}
