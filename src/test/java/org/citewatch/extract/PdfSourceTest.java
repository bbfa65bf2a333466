package org.citewatch.extract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.citewatch.model.RunSummary;
import org.citewatch.store.Json;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A source that is a PDF (official fee schedules often are): only its text counts. */
class PdfSourceTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static byte[] pdf(String fee, String producer, int year) throws IOException {
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText("Temporary residence permit");
        content.newLineAtOffset(0, -20);
        content.showText("Application fee: " + fee);
        content.endText();
      }
      PDDocumentInformation info = new PDDocumentInformation();
      info.setProducer(producer);
      Calendar created = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      created.clear();
      created.set(year, Calendar.JANUARY, 15);
      info.setCreationDate(created);
      document.setDocumentInformation(info);
      document.save(out);
      return out.toByteArray();
    }
  }

  void serve(byte[] pdf) {
    server.stubFor(get(urlEqualTo("/fees.pdf")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/pdf").withBody(pdf)));
  }

  RunSummary run() throws Exception {
    return Runs.run(dir, """
        settings: {per_host_delay: 0s}
        sources:
          - {id: fees, url: "%s/fees.pdf", lang: en}
        programs:
          - id: xk
            name: Kosovo
            last_verified: %s
            claims:
              - {id: fee, source: fees, figure: "€50", quote: "Application fee: 50 EUR"}
        """.formatted(server.baseUrl(), LocalDate.now(ZoneOffset.UTC)));
  }

  List<String> alertKinds() throws IOException {
    List<String> kinds = new ArrayList<>();
    JsonNode report = Json.MAPPER.readTree(dir.resolve("reports/report.json").toFile());
    report.get("alerts").forEach(a -> kinds.add(a.get("kind").asText() + ": " + a.get("message").asText()));
    return kinds;
  }

  @Test
  void aPdfResavedWithOtherMetadataButTheSameTextRaisesNothing() throws Exception {
    byte[] first = pdf("50 EUR", "Microsoft Word", 2025);
    byte[] resaved = pdf("50 EUR", "LibreOffice 24.8", 2026);
    assertThat(resaved).isNotEqualTo(first);
    serve(first);
    run();
    serve(resaved);

    RunSummary second = run();

    assertThat(second.exitCode()).isZero();
    assertThat(second.unchanged()).isEqualTo(1);
    assertThat(alertKinds()).isEmpty();
  }

  @Test
  void aChangedFigureInAPdfRaisesFigureChanged() throws Exception {
    serve(pdf("50 EUR", "Microsoft Word", 2025));
    run();
    serve(pdf("60 EUR", "Microsoft Word", 2025));

    RunSummary second = run();

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(alertKinds()).containsExactly("FIGURE_CHANGED: the source now states 60 EUR where the program says 50 EUR");
  }
}
