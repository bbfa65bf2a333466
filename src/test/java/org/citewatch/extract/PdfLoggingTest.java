package org.citewatch.extract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PDF with a broken embedded font makes PDFBox log a warning with a stack trace (issue 17): it is
 * about the document, so it stays out of standard error under --quiet and comes without a trace
 * otherwise; the text is read all the same.
 */
class PdfLoggingTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  String stderrOf(String... args) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Cli.Result result = Cli.run(dir.resolve("sources.yaml"), dir.resolve("snapshots-" + args.length),
          dir.resolve("reports"), args);
      assertThat(result.exit()).as(result.err()).isIn(0, 1);
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void pdfboxIsSilentUnderQuietAndWithoutStackTracesOtherwise() throws Exception {
    byte[] pdf = Objects.requireNonNull(getClass().getResourceAsStream("/extract/broken-font.pdf")).readAllBytes();
    server.stubFor(get(urlEqualTo("/fees.pdf")).willReturn(aResponse().withHeader("Content-Type", "application/pdf")
        .withBody(pdf)));
    Files.writeString(dir.resolve("sources.yaml"), """
        settings: {per_host_delay: 0s}
        sources:
          - {id: fees, url: "%s/fees.pdf", lang: sq, respect_robots: false}
        """.formatted(server.baseUrl()), StandardCharsets.UTF_8);

    // in this order: a command's -v or --quiet stays set in this JVM, as it would not across processes
    String plain = stderrOf("run");
    String quiet = stderrOf("run", "--quiet");
    String normal = stderrOf("run", "-v", "--only", "fees");

    assertThat(quiet).isEmpty();
    assertThat(plain).doesNotContain("\tat ").doesNotContain("PDTrueTypeFont");
    assertThat(normal).as("-v shows what PDFBox said").contains("PDTrueTypeFont");
  }
}
