package org.citewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.citewatch.testing.Cli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code COMMAND --help} works for every command, as a new user first tries it (it said "Unknown option: '--help'"). */
class HelpTest {

  @ParameterizedTest(name = "citewatch {0} --help")
  @ValueSource(strings = {"run", "daemon", "check-config", "notify", "alerts", "ack", "verify", "history", "show", "diff",
      "audit", "export", "report", "status", "demo", "accept", "program", "program draft", "key", "key init", "serve",
      "user", "user add", "user remove", "user token", "user list"})
  void everyCommandAnswersHelpWithItsUsage(String command) {
    String[] args = (command + " --help").split(" ");

    Cli.Result result = Cli.run(args);

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("Usage: citewatch " + command + " ");
  }
}
