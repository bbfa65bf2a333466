package org.citewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.citewatch.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * check-config owns every limit (issue 17): each broken value is exit 2 with its file:line:col,
 * its path and what to write instead, and never a stack trace; the run refuses it the same way.
 */
class BrokenConfigTest {

  static final String SOURCES = "sources:\n  - {id: xk, url: \"http://127.0.0.1:9/xk\", lang: sq}\n";

  @TempDir Path dir;

  static Stream<Arguments> brokenSettings() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (var in = Objects.requireNonNull(BrokenConfigTest.class.getResourceAsStream("/config/broken-settings.psv"))) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(" \\| ", 3);
        rows.add(Arguments.of(cells[0].strip(), cells[1].strip(), cells[2].strip()));
      }
    }
    return rows.stream();
  }

  Cli.Result check(String yaml) throws IOException {
    Path file = dir.resolve("sources.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return Cli.run("check-config", "--config", file.toString());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("brokenSettings")
  void aBrokenSettingIsExitTwoWithItsPlaceAndWhatToWrite(String key, String value, String message) throws IOException {
    Cli.Result result = check("settings:\n  " + key + ": " + value + "\n" + SOURCES);

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains(dir.resolve("sources.yaml") + ":2:" + (key.length() + 5) + ": settings." + key
        + ": ").contains(message).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("brokenSettings")
  void runRefusesWhatCheckConfigRefuses(String key, String value, String message) throws IOException {
    Path file = dir.resolve("sources.yaml");
    Files.writeString(file, "settings:\n  " + key + ": " + value + "\n" + SOURCES, StandardCharsets.UTF_8);
    Cli.Result run = Cli.run(file, dir.resolve("snapshots"), dir.resolve("reports"), "run");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(message).contains("nothing was run");
    assertThat(dir.resolve("snapshots")).doesNotExist();
  }

  @Test
  void aYamlAliasIsRefusedWhereItStandsNotReadAsTheAnchorsName() throws IOException {
    Cli.Result result = check(SOURCES + """
        programs:
          - id: xk-general-residence
            name: Kosovo
            last_verified: 2026-06-23
            claims:
              - {id: fee, source: xk, quote: &q "Taksa për leje qëndrimi është 50 €"}
              - {id: fee-again, source: xk, quote: *q}
        """);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("sources.yaml:9:").contains("a YAML alias (*q) is not read by citewatch");
  }

  @Test
  void aQuoteThatIsAPageIsRefusedAtOnce() throws IOException {
    long start = System.nanoTime();
    Cli.Result result = check(SOURCES + "programs:\n  - id: xk-general-residence\n    name: Kosovo\n"
        + "    last_verified: 2026-06-23\n    claims:\n      - {id: fee, source: xk, quote: \""
        + "Taksa për leje qëndrimi është 50 €. ".repeat(50_000) + "\"}\n");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("sources.yaml:8:").contains("programs[0].claims[0].quote: is 1,800,000 characters; "
        + "a quote is the clause a claim rests on, at most 5,000");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anAddressWithALineBreakCannotAddMailHeaders() throws IOException {
    Cli.Result result = check("settings:\n  notify:\n    - email: {to: \"ana@example.org\\r\\nBcc: all@example.org\", "
        + "smtp: \"smtp://relay.example.org:587\"}\n" + SOURCES);

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("sources.yaml:3:").contains("settings.notify[0].email.to: must be one line");
  }

  @Test
  void aNotifiersUnsetVariableIsAWarningOnStandardError() throws IOException {
    Cli.Result result = check("settings:\n  notify:\n    - webhook: \"https://hooks.example.org/${CITEWATCH_TEST_UNSET_HOOK}\"\n"
        + SOURCES);

    assertThat(result.exit()).isZero();
    assertThat(result.err()).contains("warning: ").contains("sources.yaml:3:").contains("settings.notify[0].webhook: "
        + "environment variable CITEWATCH_TEST_UNSET_HOOK is not set: this notifier will fail");
  }

  @Test
  void aSourcesYamlOfAHundredThousandSourcesIsRead() throws Exception {
    StringBuilder yaml = new StringBuilder("sources:\n");
    for (int i = 0; i < 100_000; i++) {
      yaml.append("  - {id: leje-").append(i).append(", url: \"https://mpb.rks-gov.net/f/").append(i)
          .append("/leje-qendrimi\", lang: sq, select: main}\n");
    }
    Path file = Files.writeString(dir.resolve("sources.yaml"), yaml, StandardCharsets.UTF_8);
    assertThat(Files.size(file)).isGreaterThan(8L * 1024 * 1024);

    Cli.Result result = Cli.run("check-config", "--config", file.toString());

    assertThat(result.exit()).as(result.err()).isZero();
  }

  @Test
  void aDeviceAFifoAHugeFileAndADirectoryAreRefusedAtOnce() throws Exception {
    Path fifo = dir.resolve("fifo.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Path huge = dir.resolve("huge.yaml");
    Files.writeString(huge, SOURCES + "# " + "x".repeat(65 * 1024 * 1024) + "\n", StandardCharsets.UTF_8);

    for (Path file : List.of(Path.of("/dev/zero"), fifo, huge, dir)) {
      long start = System.nanoTime();
      Cli.Result result = Cli.run("check-config", "--config", file.toString());
      assertThat(result.exit()).as("%s: %s", file, result.err()).isEqualTo(2);
      assertThat(result.err()).as("%s", file).contains(file + ":1:1: cannot read it: ").doesNotContain("Exception");
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("%s refused at once", file).isLessThan(5);
    }
  }
}
