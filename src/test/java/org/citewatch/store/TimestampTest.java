package org.citewatch.store;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.model.Digests;
import org.citewatch.testing.Cli;
import org.citewatch.testing.LocalTsa;
import org.citewatch.testing.OneSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3161 time-stamps of each run's head (issue 16), against a local authority made with Bouncy
 * Castle: kept in the journal, checked by audit, and a failing authority costs the stamp, not the run.
 */
class TimestampTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static LocalTsa tsa;
  static LocalTsa other;

  @TempDir Path dir;

  @BeforeAll
  static void authorities() throws Exception {
    tsa = new LocalTsa("Local TSA");
    other = new LocalTsa("Somebody else's TSA");
  }

  @AfterAll
  static void stop() {
    tsa.close();
    other.close();
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(dir.resolve("sources.yaml"), dir.resolve("snapshots"), dir.resolve("reports"), args);
  }

  void twoStampedRuns(LocalTsa authority) throws Exception {
    Cli.Result init = Cli.run("key", "init", "--out", dir.resolve("citewatch.key").toString());
    assertThat(init.exit()).as(init.err()).isZero();
    Files.writeString(dir.resolve("sources.yaml"), """
        settings: {per_host_delay: 0s, signing_key: "%s", timestamp_authority: "%s"}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, respect_robots: false}
        """.formatted(dir.resolve("citewatch.key"), authority.url(), server.baseUrl()), StandardCharsets.UTF_8);
    OneSource.serve(server, "<p>Taksa për leje qëndrimi është 50 €.</p>");
    assertThat(citewatch("run").exit()).isIn(0, 1);
    OneSource.serve(server, "<p>Taksa për leje qëndrimi është 70 €.</p>");
    assertThat(citewatch("run").exit()).isIn(0, 1);
  }

  List<String> journal() throws Exception {
    return new ArrayList<>(Files.readAllLines(dir.resolve("snapshots/journal.jsonl"), StandardCharsets.UTF_8));
  }

  @Test
  void eachRunsSealedHeadIsTimeStampedAndAuditChecksTheTokens() throws Exception {
    twoStampedRuns(tsa);
    List<String> lines = journal();
    List<Integer> stamps = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"timestamp\"")) {
        stamps.add(i);
        assertThat(lines.get(i - 1)).as("what is stamped is the run's seal").contains("\"type\":\"seal\"");
      }
    }
    assertThat(stamps).hasSize(2);
    Files.writeString(dir.resolve("tsa.pem"), tsa.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve("other.pem"), other.certificatePem(), StandardCharsets.US_ASCII);

    Cli.Result audit = citewatch("audit", "--tsa-cert", dir.resolve("tsa.pem").toString());
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("2 RFC 3161 time-stamp(s) verify").contains("CN=Local TSA");

    Cli.Result wrongAuthority = citewatch("audit", "--tsa-cert", dir.resolve("other.pem").toString());
    assertThat(wrongAuthority.exit()).isEqualTo(1);
    assertThat(wrongAuthority.err()).contains("journal.jsonl line " + (stamps.get(0) + 1))
        .contains("does not verify under CN=Somebody else's TSA");
  }

  @Test
  void aTokenMovedToAnotherLineOrWithItsTimeEditedFailsTheAudit() throws Exception {
    twoStampedRuns(tsa);
    List<String> lines = journal();
    int first = -1;
    int second = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"timestamp\"")) {
        if (first < 0) {
          first = i;
        } else {
          second = i;
        }
      }
    }
    // the second run's stamp given the first run's token, its own fields and the chain kept whole
    ObjectNode firstLine = (ObjectNode) Json.MAPPER.readTree(lines.get(first));
    ObjectNode secondLine = (ObjectNode) Json.MAPPER.readTree(lines.get(second));
    secondLine.put("token", firstLine.path("token").asText());
    lines.set(second, Json.MAPPER.writeValueAsString(secondLine));
    rechain(lines, second);
    Files.write(dir.resolve("snapshots/journal.jsonl"), lines, StandardCharsets.UTF_8);

    Cli.Result audit = citewatch("audit");
    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("journal.jsonl line " + (second + 1) + ": the token stamps another line");
  }

  @Test
  void anAuthorityThatIsDownCostsTheStampNotTheRun() throws Exception {
    tsa.failWith = 503;
    try {
      twoStampedRuns(tsa);
    } finally {
      tsa.failWith = 200;
    }
    assertThat(journal()).noneMatch(l -> l.contains("\"type\":\"timestamp\""))
        .filteredOn(l -> l.contains("\"type\":\"check\"")).hasSize(2);
    Cli.Result audit = citewatch("audit");
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).doesNotContain("time-stamp");
  }

  /** Recomputes seq-linked prev digests from {@code from} on, as a forger without the key can. */
  static void rechain(List<String> lines, int from) throws Exception {
    for (int i = Math.max(1, from); i < lines.size(); i++) {
      ObjectNode line = (ObjectNode) Json.MAPPER.readTree(lines.get(i));
      line.put("prev", Digests.hex(lines.get(i - 1).getBytes(StandardCharsets.UTF_8)));
      lines.set(i, Json.MAPPER.writeValueAsString(line));
    }
  }
}
