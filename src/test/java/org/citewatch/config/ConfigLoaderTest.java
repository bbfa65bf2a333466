package org.citewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.citewatch.model.Config;
import org.citewatch.model.Figure;
import org.citewatch.model.Program;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static Path fixture(String name) {
    try {
      return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> problems(String name) {
    Path file = fixture(name);
    try {
      new ConfigLoader().load(file);
    } catch (ConfigException e) {
      return e.problems().stream().map(p -> p.toString().replace(file.toString(), name)).toList();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError(name + " loaded without problems");
  }

  @Test
  void loadsSettingsSourcesProgramsAndClaimsIntoTypedValues() throws Exception {
    Config config = new ConfigLoader().load(fixture("valid.yaml"));

    assertThat(config.settings().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.settings().maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
    assertThat(config.settings().perHostDelay()).isZero();
    assertThat(config.settings().concurrency()).isEqualTo(8);
    assertThat(config.sources()).singleElement().satisfies(s -> {
      assertThat(s.select()).contains("#content");
      assertThat(s.ignore()).containsExactly(".share", ".updated");
      assertThat(s.url().getHost()).isEqualTo("mpb.rks-gov.net");
    });
    Program program = config.programs().get(0);
    assertThat(program.lastVerified()).isEqualTo(LocalDate.of(2026, 6, 23));
    assertThat(program.staleAfter()).contains(Duration.ofDays(90));
    assertThat(program.claims().get(0).quote()).contains("Sigurimin shëndetësor;");
    assertThat(program.claims().get(1).figure()).contains(Figure.money(new java.math.BigDecimal("50"), "EUR"));
  }

  @Test
  void brokenIndentationNamesTheLineAndColumn() {
    assertThat(problems("broken-indentation.yaml")).containsExactly(
        "broken-indentation.yaml:4:10: YAML syntax: mapping values are not allowed here; check the indentation of this line and the one above");
  }

  @Test
  void unknownKeySuggestsTheNearestKnownKey() {
    assertThat(problems("unknown-key.yaml")).containsExactly(
        "unknown-key.yaml:5:5: sources[0].selct: unknown key 'selct'; did you mean 'select'?");
  }

  @Test
  void claimPointingToAMissingSourceSuggestsTheNearestSource() {
    assertThat(problems("missing-source.yaml")).containsExactly(
        "missing-source.yaml:11:17: programs[0].claims[0].source: no source 'xk-mbp' in sources; did you mean 'xk-mpb'?");
  }

  @Test
  void badDurationSaysWhatIsAllowed() {
    assertThat(problems("bad-duration.yaml")).containsExactly(
        "bad-duration.yaml:2:16: settings.stale_after: '6 months' is not a duration; write a whole number and a unit: 500ms, 30s, 5m, 2h, 180d, 4w");
  }

  @Test
  void oneFileWithSeveralSemanticErrorsListsThemAllInFileOrder() {
    assertThat(problems("several-errors.yaml")).containsExactly(
        "several-errors.yaml:2:12: settings.timeout: '30' is not a duration; write a whole number and a unit: 500ms, 30s, 5m, 2h, 180d, 4w",
        "several-errors.yaml:5:10: sources[0].url: 'htp://mpb.rks-gov.net/f/45' is not an http(s) URL",
        "several-errors.yaml:7:9: sources[1].id: 'xk-mpb' is already the id of sources[0]; ids must be unique",
        "several-errors.yaml:13:20: programs[0].last_verified: '2026-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2026-06-23",
        "several-errors.yaml:17:17: programs[0].claims[0].figure: 'fifty euro' is not a figure citewatch can read; write an amount and currency (€50, 50 EUR, 1,000,000 RSD), a duration (6 months, 24 hours, 5 years) or a count (3)",
        "several-errors.yaml:20:17: programs[0].claims[1].figure: the quote does not state 50 EUR (it states 60 EUR); quote the passage that gives the figure");
  }

  @Test
  void missingFileSaysHowToPointAtOne() {
    Path missing = Path.of("no-such-dir", "sources.yaml");
    assertThatThrownBy(() -> new ConfigLoader().load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ":1:1: file not found; pass --config FILE or create sources.yaml (see README)");
  }

  @Test
  void anEmptyListOfSourcesIsAProblemAsAMissingOneIs() {
    Path file = Path.of("sources.yaml");
    assertThatThrownBy(() -> new ConfigLoader().parse(file, new StringReader("sources: []\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":1:10: sources: empty; list at least one official page under sources:");
    assertThatThrownBy(() -> new ConfigLoader().parse(file, new StringReader("sources: ~\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":1:10: sources: empty; list at least one official page under sources:");
    assertThatThrownBy(() -> new ConfigLoader().parse(file, new StringReader("settings: {}\nsources:\nprograms: []\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":2:9: sources: must be a list (items starting with '- '), not ''");
  }

  @Test
  void aDirectoryGivenAsTheFileIsAProblemInIt(@TempDir Path dir) {
    assertThatThrownBy(() -> new ConfigLoader().load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir + ":1:1: cannot read it: it is a directory; pass --config FILE");
  }

  @Test
  void theRepositorysOwnSourcesFileIsValid() throws Exception {
    Config config = new ConfigLoader().load(Path.of("sources.yaml"));

    assertThat(config.program("xk-general-residence")).isPresent();
    assertThat(config.source("xk-mpb-temporary-residence").orElseThrow().url())
        .hasToString("https://mpb.rks-gov.net/f/45/Leje-qendrim-i-perkohshem-per-te-huajt");
  }
}
