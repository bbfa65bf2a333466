package org.citewatch.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.citewatch.testing.Cli;
import org.citewatch.testing.OneSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Page text's terminal escape sequences are shown, never sent (issue 17): show, diff and alerts write none. */
class TerminalEscapesTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  static final String HOSTILE = "\u001b[2J\u001b]0;pwned\u0007 hidden:\u001b[8mtext\u001b[0m "
      + "\u001b]8;;http://evil.example/\u001b\\official form\u001b]8;;\u001b\\ \u009b31m";

  @Test
  void showDiffAndAlertsWriteNoControlCharacterFromThePage() throws Exception {
    Path config = dir.resolve("sources.yaml");
    Files.writeString(config, """
        settings: {per_host_delay: 0s}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, respect_robots: false}
        """.formatted(server.baseUrl()), StandardCharsets.UTF_8);
    Path store = dir.resolve("snapshots");
    Path reports = dir.resolve("reports");
    OneSource.serve(server, "<html><body><main><p>Taksa është €50.</p></main></body></html>");
    Cli.run(config, store, reports, "run");
    // a long page with a few escapes is still text (the baseline guard refuses a body that is mostly control characters)
    OneSource.serve(server, "<html><body><main><p>Taksa është €60. " + HOSTILE + "</p><p>"
        + "Kërkesa paraqitet personalisht në Departamentin për Shtetësi, Azil dhe Migrim. ".repeat(30)
        + "</p></main></body></html>");
    Cli.run(config, store, reports, "run");

    for (String command : new String[] {"show", "diff", "alerts"}) {
      Cli.Result result = switch (command) {
        case "alerts" -> Cli.run(config, store, reports, "alerts");
        case "show" -> Cli.run(config, store, reports, "show", "xk", "--at",
            LocalDate.now(ZoneOffset.UTC).toString());
        default -> Cli.run(config, store, reports, "diff", "xk");
      };
      String out = result.out() + result.err();
      assertThat(out.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)).count())
          .as("%s writes no control character:%n%s", command, out).isZero();
      if (!command.equals("alerts")) {
        assertThat(out).as(command).contains("\\x1b[2J", "\\x1b]0;pwned\\x07", "\\x9b31m");
      }
    }
  }

}
