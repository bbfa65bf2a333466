package org.citewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigQuotesTest {

  @TempDir Path dir;

  @Test
  void aQuoteWrappedInTypographicQuotesIsAWarningNamingTheClaim() throws Exception {
    Path config = dir.resolve("sources.yaml");
    Files.writeString(config, """
        sources:
          - {id: xk, url: "https://mpb.rks-gov.net/f/45", lang: sq}
        programs:
          - id: xk-general-residence
            name: Kosovo
            last_verified: 2026-06-23
            claims:
              - id: insurance
                source: xk
                quote: \u201CSigurimin shëndetësor;\u201D
              - id: appeal
                source: xk
                figure: "3 years"
                quote: "kërkohet dëshmia për bashkëjetesë 3 vjeçare"
        """, StandardCharsets.UTF_8);

    Cli.Result result = Cli.run("check-config", "--config", config.toString());

    assertThat(result.exit()).as("a warning, not a problem").isZero();
    assertThat(result.out()).contains("  warning: xk-general-residence.insurance: the quote is wrapped in quotation marks "
        + "(\u201CSigurimin shëndetësor;\u201D)").doesNotContain("appeal");
  }
}
