package org.citewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.citewatch.store.Store;
import org.citewatch.store.StoreBusyException;
import org.citewatch.testing.Cli;
import org.citewatch.testing.Cli.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DBException;

class CliTest {

  @TempDir Path dir;


  static Result citewatch(String... args) {
    return Cli.run(args);
  }

  Path brokenConfig() throws IOException {
    Path config = dir.resolve("sources.yaml");
    Files.writeString(config, "sources:\n  - id: a\n    url: htp://x\n    lang: sq\n", StandardCharsets.UTF_8);
    return config;
  }

  @Test
  void checkConfigPrintsEachProblemAndExits2() throws IOException {
    Path config = brokenConfig();

    Result result = citewatch("check-config", "--config", config.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualTo(config + ":3:10: sources[0].url: 'htp://x' is not an http(s) URL\n"
        + config + ": 1 problem(s); nothing was run\n");
  }

  @Test
  void checkConfigOfAGoodFileExits0AndCountsWhatItHolds() {
    Result result = citewatch("check-config", "--config", "sources.yaml");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("sources.yaml: OK (7 sources, 4 programs, 17 claims)");
  }

  @Test
  void runWithABrokenConfigExits2AndWritesNothing() throws IOException {
    Path config = brokenConfig();
    Path store = dir.resolve("snapshots");

    Result result = citewatch("run", "--config", config.toString(), "--store", store.toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(store).doesNotExist();
  }

  @Test
  void runOnlyAnUnknownSourceExits2() {
    Result result = citewatch("run", "--config", "sources.yaml", "--only", "no-such-source",
        "--store", dir.resolve("s").toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("citewatch run: no source 'no-such-source' in sources.yaml\n");
    Result program = citewatch("run", "--config", "sources.yaml", "--only", "xk-general-residence",
        "--store", dir.resolve("s").toString());
    assertThat(program.exit()).isEqualTo(2);
    assertThat(program.err()).startsWith("citewatch run: 'xk-general-residence' is a program, not a source; its sources: ");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(citewatch("frobnicate").exit()).isEqualTo(2);
  }

  @Test
  void aMistypedCommandIsAUsageErrorThatListsTheCommands() {
    Result result = citewatch("rnu");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith("Unmatched argument at index 0: 'rnu'\n")
        .containsPattern("(?m)^  run ").containsPattern("(?m)^  check-config ");
  }

  @Test
  void helpListsEveryCommandAndHelpOfACommandDescribesIt() {
    Result all = citewatch("--help");
    Result help = citewatch("help");
    Result run = citewatch("help", "run");

    for (String command : List.of("run", "daemon", "check-config", "alerts", "ack", "verify", "history",
        "show", "diff", "audit", "export", "report", "status", "demo", "accept", "program")) {
      assertThat(all.out()).containsPattern("(?m)^  " + command + " ");
      assertThat(help.out()).containsPattern("(?m)^  " + command + " ");
    }
    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Usage: citewatch run ").contains("--only=ID");
  }

  @Test
  void eachCommandsSummaryInTheListIsAWholeSentence() {
    String list = citewatch("--help").out();
    String commands = list.substring(list.indexOf("Commands:"));

    // picocli lists a command by the first line of its description; continuation lines are indented
    // further than the summary's own, so joining them gives each summary whole
    Map<String, String> summaries = new LinkedHashMap<>();
    String current = null;
    for (String line : commands.lines().skip(1).toList()) {
      Matcher start = Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
      if (start.matches()) {
        current = start.group(1);
        summaries.put(current, start.group(2).strip());
      } else if (current != null) {
        summaries.put(current, summaries.get(current) + " " + line.strip());
      }
    }

    assertThat(summaries).hasSizeGreaterThan(13);
    summaries.forEach((command, summary) -> assertThat(summary).as(command).endsWith("."));
  }

  @Test
  void aDirectoryGivenAsConfigIsAUsageErrorThatSaysSo() {
    Result result = citewatch("run", "--config", dir.toString(), "--store", dir.resolve("snapshots").toString());

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).startsWith(dir + ":1:1: cannot read it: it is a directory");
    assertThat(dir.resolve("snapshots")).doesNotExist();
  }

  @Test
  void aCommandThatReadsTheStoreSaysSoWhenThereIsNoneAndCreatesNothing() {
    Path typo = dir.resolve("snapshtos");

    for (List<String> command : List.of(List.of("alerts"), List.of("audit"), List.of("status"), List.of("report"),
        List.of("history", "xk"), List.of("diff", "xk"), List.of("show", "0123456789ab"),
        List.of("export", "--warc", dir.resolve("out.warc.gz").toString()), List.of("ack", "0123456789abcdef"),
        List.of("verify", "xk-general-residence"))) {
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--store", typo.toString()));

      Result result = citewatch(args.toArray(String[]::new));

      assertThat(result.exit()).as(command.toString()).isEqualTo(2);
      assertThat(result.err()).as(command.toString())
          .startsWith("citewatch " + command.get(0) + ": no store at " + typo + " (no journal.jsonl there)");
      assertThat(typo).as(command.toString()).doesNotExist();
    }
    assertThat(dir.resolve("out.warc.gz")).doesNotExist();
  }

  @Test
  void aStoreWhoseOpeningWasCutShortOrWhoseDaemonHasNotRunYetIsStillAStore() throws IOException {
    Path killed = Files.createDirectories(dir.resolve("killed"));
    Files.writeString(killed.resolve("lock"), "");
    Path fresh = Files.createDirectories(dir.resolve("fresh"));
    Files.writeString(fresh.resolve("daemon.json"), "{}");

    Result audit = citewatch("audit", "--store", killed.toString());
    Result status = citewatch("status", "--store", fresh.toString());

    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).startsWith("audit OK: 0 journal lines chained");
    assertThat(status.err()).doesNotContain("no store");
  }

  @Test
  void runWithAStoreOrReportDirThatIsAFileIsAUsageErrorAndFetchesNothing() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path store = dir.resolve("snapshots");

    Result badStore = citewatch("run", "--config", "sources.yaml", "--store", file.toString());
    Result badReports = citewatch("run", "--config", "sources.yaml", "--store", store.toString(),
        "--report-dir", file.toString());

    assertThat(badStore.exit()).isEqualTo(2);
    assertThat(badStore.err()).isEqualTo("citewatch run: cannot use " + file + " as the store: it is not a directory\n");
    assertThat(badReports.exit()).isEqualTo(2);
    assertThat(badReports.err()).isEqualTo("citewatch run: cannot use " + file + " for reports: it is not a directory\n");
    assertThat(store).doesNotExist();
  }

  @Test
  void aRunStoppedByAnErrorExits6NotTheOneOfNewAlertsAndSaysWhatFailed() throws IOException {
    Path store = Files.createDirectories(dir.resolve("snapshots"));
    Files.createDirectories(store.resolve("journal.jsonl"));

    Result result = citewatch("run", "--config", "sources.yaml", "--store", store.toString(),
        "--report-dir", dir.resolve("reports").toString());

    assertThat(result.exit()).isEqualTo(6);
    assertThat(result.err()).isEqualTo("citewatch run: " + store.resolve("journal.jsonl") + ": is a directory\n");
  }

  @Test
  void anErrorThatOnlyWrapsAnotherIsDescribedByWhatItWraps() {
    // MapDB's message for a full disk is its own class name; the cause says what happened
    Exception full = new DBException.VolumeIOError(new IOException("No space left on device"));

    assertThat(CitewatchCommand.describe(full)).isEqualTo("No space left on device");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(citewatch("run", "--colour").exit()).isEqualTo(2);
  }

  @Test
  void theDemoRunsOfflineAndReportsTheChangedFee() {
    Path demo = dir.resolve("demo");

    Result result = citewatch("demo", "--dir", demo.toString());

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("FIGURE_CHANGED", "the source now states 60 EUR where the program says 50 EUR")
        .contains("PAGE_OUTDATED", "the site's page shows €50 (\u201CApplication / consular fee €50\u201D) where the "
            + "official source now states 60 EUR (claim application-fee)")
        .endsWith("  citewatch demo --dir " + demo + " --update-site" + System.lineSeparator());
    assertThat(demo.resolve("reports/report.json")).exists();
    assertThat(demo.resolve("reports/report.md")).exists();
  }

  @Test
  void alertsListsOpenAlertsGroupedByProgramCriticalFirst() {
    Path demo = dir.resolve("demo");
    citewatch("demo", "--dir", demo.toString());

    Result result = citewatch("alerts", "--store", demo.resolve("snapshots").toString(), "--config",
        demo.resolve("sources.yaml").toString());

    // the program with critical alerts first, by its name
    assertThat(result.exit()).isZero();
    assertThat(result.out()).containsSubsequence("Kosovo · General Residence (xk-general-residence)\n",
        "critical FIGURE_CHANGED", "application-fee", "the source now states 60 EUR where the program says 50 EUR",
        "(rs-temporary-residence)\n", "warning  STALE_VERIFICATION");
  }

  /** Output that, when written, asks whether a run could take the store now: a pager holds a command there. */
  static final class LockProbe extends Writer {
    final Path store;
    final List<Boolean> storeFree = new ArrayList<>();

    LockProbe(Path store) {
      this.store = store;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      if (storeFree.isEmpty()) {
        try (Store open = Store.open(store, false)) {
          storeFree.add(open.dir().equals(store));
        } catch (StoreBusyException | DBException e) {
          storeFree.add(false);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void historyShowAndDiffLeaveTheStoreFreeWhileTheirOutputIsWritten() {
    Path demo = dir.resolve("demo");
    citewatch("demo", "--dir", demo.toString());
    Path store = demo.resolve("snapshots");
    for (List<String> command : List.of(List.of("history", "xk-mpb-temporary-residence"),
        List.of("diff", "xk-mpb-temporary-residence"), List.of("show", "xk-mpb-temporary-residence", "--at",
            LocalDate.now(ZoneOffset.UTC).toString()))) {
      LockProbe out = new LockProbe(store);
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--store", store.toString()));
      String[] argv = args.toArray(String[]::new);
      int exit = CitewatchCommand.commandLine(argv).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
          .execute(argv);
      assertThat(exit).as("%s", command).isZero();
      assertThat(out.storeFree).as("%s: a run could take the store while the output was written", command)
          .containsExactly(true);
    }
  }

  @Test
  void theDemosPageWhoseFooterCountsVisitsIsCapturedAgainAndReadsUnchanged() {
    Path demo = dir.resolve("demo");
    citewatch("demo", "--dir", demo.toString());

    Result result = citewatch("history", "rs-mup-address-registration", "--store", demo.resolve("snapshots").toString());

    assertThat(result.exit()).as(result.err()).isZero();
    List<String> rows = result.out().lines().toList().subList(1, 3);
    assertThat(rows.get(0)).contains(" new ");
    assertThat(rows.get(1)).contains(" unchanged ");
    assertThat(rows.get(1).split(" +")[4]).as("the second capture's snapshot").isNotEqualTo(rows.get(0).split(" +")[4]);
    assertThat(rows.get(1).split(" +")[5]).as("its payload digest: the footer's counter moved")
        .isNotEqualTo(rows.get(0).split(" +")[5]);
  }

  @Test
  void historyIsATableWhoseColumnsLineUp() {
    Path demo = dir.resolve("demo");
    citewatch("demo", "--dir", demo.toString());

    Result result = citewatch("history", "xk-mpb-temporary-residence", "--store", demo.resolve("snapshots").toString());

    assertThat(result.exit()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    int status = lines.get(0).indexOf("status");
    int bytes = lines.get(0).indexOf("bytes") + "bytes".length();
    assertThat(lines.subList(1, 3)).allSatisfy(row -> {
      assertThat(row.substring(status)).matches("200 .*");
      assertThat(row.substring(0, bytes)).matches(".* \\d[\\d,]*");
    });
  }

  @Test
  void historyListsTheLastChecksAndSaysHowToSeeTheEarlierOnes() {
    Path demo = dir.resolve("demo");
    citewatch("demo", "--dir", demo.toString());
    String store = demo.resolve("snapshots").toString();

    Result all = citewatch("history", "xk-mpb-temporary-residence", "--all", "--store", store);
    Result byDefault = citewatch("history", "xk-mpb-temporary-residence", "--store", store);
    Result last = citewatch("history", "xk-mpb-temporary-residence", "--last", "1", "--store", store);
    Result none = citewatch("history", "xk-mpb-temporary-residence", "--last", "0", "--store", store);

    List<String> rows = all.out().lines().toList();
    assertThat(rows).hasSizeGreaterThan(3);
    assertThat(byDefault.out()).as("the demo's few checks are fewer than the default 100").isEqualTo(all.out());
    assertThat(last.exit()).as(last.err()).isZero();
    assertThat(last.out().lines().toList()).containsExactly(rows.get(0), rows.get(rows.size() - 2),
        last.out().lines().toList().get(2));
    assertThat(last.out().lines().toList().get(2))
        .startsWith("xk-mpb-temporary-residence: the last check,")
        .endsWith("earlier checks: --all, or --last N");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("--last must be 1 or more");
  }

  @Test
  void aProgramsIdGivenForASourceIsAnsweredWithItsSources() {
    Path demo = dir.resolve("demo");
    citewatch("demo", "--dir", demo.toString());
    String[] where = {"--config", demo.resolve("sources.yaml").toString(), "--store", demo.resolve("snapshots").toString()};

    Result history = citewatch(concat(new String[] {"history", "rs-temporary-residence"}, where));
    Result diff = citewatch(concat(new String[] {"diff", "rs-temporary-residence"}, where));
    Result typo = citewatch(concat(new String[] {"history", "xk-mpb-temporary-residense"}, where));
    Result page = citewatch(concat(new String[] {"history", "xk-general-residence"}, where));

    assertThat(history.exit()).isEqualTo(1);
    assertThat(history.err()).contains("'rs-temporary-residence' is a program, not a source; its sources: rs-mup-address-registration");
    assertThat(diff.exit()).isEqualTo(1);
    assertThat(diff.err()).contains("'rs-temporary-residence' is a program, not a source");
    assertThat(page.exit()).as("a program with page: keeps its page's history under its id").isZero();
    assertThat(page.out()).contains("xk-general-residence: 2 checks");
    assertThat(typo.err()).contains("no source 'xk-mpb-temporary-residense' in " + demo.resolve("sources.yaml"));
  }

  @Test
  void showGivenASourceNamesItsLatestSnapshot() {
    Path demo = dir.resolve("demo");
    citewatch("demo", "--dir", demo.toString());
    String store = demo.resolve("snapshots").toString();
    String latest = citewatch("history", "xk-mpb-temporary-residence", "--store", store).out().lines()
        .filter(line -> line.contains(" changed ")).findFirst().orElseThrow().split("\\s+")[4];

    Result result = citewatch("show", "xk-mpb-temporary-residence", "--store", store);

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("'xk-mpb-temporary-residence' is a source; its latest snapshot is " + latest);
    assertThat(citewatch("show", latest, "--store", store).out()).contains("Taksa për leje-qëndrim të përkohshëm | €60");
  }

  @Test
  void showAtADateGivesTheCaptureInForceThatDay() {
    Path demo = dir.resolve("demo");
    citewatch("demo", "--dir", demo.toString());
    String store = demo.resolve("snapshots").toString();
    String today = LocalDate.now(ZoneOffset.UTC).toString();

    Result thatDay = citewatch("show", "xk-mpb-temporary-residence", "--at", today, "--store", store);
    Result before = citewatch("show", "xk-mpb-temporary-residence", "--at", "2000-01-01", "--store", store);

    assertThat(thatDay.exit()).as(thatDay.err()).isZero();
    assertThat(thatDay.out()).startsWith("# snapshot ").contains("Taksa për leje-qëndrim të përkohshëm | €60");
    assertThat(before.exit()).isEqualTo(1);
    assertThat(before.err()).contains("no capture of 'xk-mpb-temporary-residence' on or before 2000-01-01");
  }

  private static String[] concat(String[] first, String[] second) {
    return Stream.concat(Arrays.stream(first), Arrays.stream(second))
        .toArray(String[]::new);
  }
}
