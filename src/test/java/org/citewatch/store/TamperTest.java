package org.citewatch.store;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.citewatch.testing.Cli;
import org.citewatch.testing.OneSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * Tampering that audit used to call OK (issue 16): a forged extracted text with its WARC digests
 * fixed, a journal emptied or cut short next to its WARC records, its last line deleted or edited
 * (caught against a head copied outside the store), a record no journal line names.
 */
class TamperTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path config;
  Path store;
  Path journal;

  static String page(String fee) {
    return "<html><body><main><p>Taksa për leje-qëndrim është " + fee + ".</p></main></body></html>";
  }

  @BeforeEach
  void twoRuns() throws IOException {
    config = dir.resolve("sources.yaml");
    store = dir.resolve("snapshots");
    journal = store.resolve(Store.JOURNAL);
    Files.writeString(config, """
        settings: {per_host_delay: 0s}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, respect_robots: false}
        programs:
          - id: xk-general-residence
            name: Kosovo
            last_verified: 2026-11-01
            claims:
              - {id: fee, source: xk, figure: "€50", quote: "Taksa për leje-qëndrim është €50"}
        """.formatted(server.baseUrl()), StandardCharsets.UTF_8);
    serve(page("€50"));
    citewatch("run");
    serve(page("€60"));
    citewatch("run");
  }

  void serve(String html) {
    OneSource.serve(server, html);
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(config, store, dir.resolve("reports"), args);
  }

  String head() throws IOException {
    JsonNode report = Json.MAPPER.readTree(dir.resolve("reports/report.json").toFile());
    return report.at("/journal/line").asLong() + ":" + report.at("/journal/sha256").asText();
  }

  Path warc() throws IOException {
    try (Stream<Path> files = Files.list(store.resolve(Store.WARC_DIR))) {
      return files.sorted().findFirst().orElseThrow();
    }
  }

  List<String> lines() throws IOException {
    return Files.readAllLines(journal, StandardCharsets.UTF_8);
  }

  void keep(List<String> lines) throws IOException {
    Files.writeString(journal, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void anUntouchedStorePassesAndHoldsTheHeadItsReportGives() throws IOException {
    Cli.Result audit = citewatch("audit", "--expect-head", head());

    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("the journal holds head " + head());
    assertThat(citewatch("status").out()).contains("journal head: " + head());
  }

  @Test
  void anEmptiedJournalNextToItsWarcRecordsFails() throws IOException {
    keep(List.of());

    Cli.Result audit = citewatch("audit");

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("record no journal line refers to (an orphan");
  }

  @Test
  void aJournalCutAtALineBoundaryBeforeItsLastRunFails() throws IOException {
    List<String> lines = lines();
    int secondRun = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"run-started\"")) {
        secondRun = i;
      }
    }
    keep(lines.subList(0, secondRun));

    Cli.Result audit = citewatch("audit");

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("an orphan");
  }

  @Test
  void itsLastLineDeletedFailsAgainstTheHeadCopiedOutsideTheStore() throws IOException {
    String head = head();
    List<String> lines = lines();
    keep(lines.subList(0, lines.size() - 1));

    Cli.Result audit = citewatch("audit", "--expect-head", head);

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("fewer than the head " + head + " copied outside the store");
  }

  @Test
  void itsLastLineEditedFailsAgainstTheHeadCopiedOutsideTheStore() throws IOException {
    String head = head();
    List<String> lines = lines();
    ObjectNode last = (ObjectNode) Json.MAPPER.readTree(lines.get(lines.size() - 1));
    last.put("exit_code", 0);
    lines = new java.util.ArrayList<>(lines);
    lines.set(lines.size() - 1, Json.MAPPER.writeValueAsString(last));
    keep(lines);

    Cli.Result audit = citewatch("audit", "--expect-head", head);

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("line " + head.split(":")[0] + ": its SHA-256 is not the head");
  }

  @Test
  void aForgedExtractedTextWithItsWarcDigestsFixedFails() throws IOException {
    // the last capture's conversion record is the file's last record: forge it in place, digests recomputed
    JsonNode snapshot = null;
    for (String line : lines()) {
      JsonNode e = Json.MAPPER.readTree(line);
      if (e.path("type").asText().equals("snapshot")) {
        snapshot = e;
      }
    }
    long offset = snapshot.path("conversion_offset").asLong();
    Path warc = warc();
    byte[] forged = ("{\"blocks\":[{\"kind\":\"paragraph\",\"text\":\"Taksa për leje-qëndrim është €50.\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(warc, StandardOpenOption.WRITE)) {
      channel.truncate(offset);
      channel.position(offset);
      new WarcWriter(channel, WarcCompression.GZIP).write(new WarcConversion.Builder()
          .version(MessageVersion.WARC_1_1).date(Instant.now())
          .setHeader("WARC-Target-URI", server.baseUrl() + "/xk")
          .body(MediaType.parse("application/json"), forged).build());
    }

    Cli.Result audit = citewatch("audit");

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("@" + offset, "its extracted text is not the text the journal recorded");
  }

  @Test
  void aRecordNoJournalLineNamesIsAnOrphan() throws IOException {
    Path warc = warc();
    long end = Files.size(warc);
    try (FileChannel channel = FileChannel.open(warc, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      byte[] http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Taksa është €10.</p>".getBytes(StandardCharsets.UTF_8);
      new WarcWriter(channel, WarcCompression.GZIP).write(new WarcResponse.Builder(URI.create(server.baseUrl() + "/xk"))
          .version(MessageVersion.WARC_1_1).date(Instant.now()).body(MediaType.HTTP_RESPONSE, http).build());
    }

    Cli.Result audit = citewatch("audit");

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("@" + end + ": a response record no journal line refers to");
  }

  @Test
  void recordsOfARunKilledBeforeItJournaledThemPassAuditAndTheNextOpenToldOfThem() throws IOException {
    // a run that started, wrote a record, and was killed before its check line: as a kill leaves it
    List<String> lines = new java.util.ArrayList<>(lines());
    String previous = lines.get(lines.size() - 1);
    long seq = Json.MAPPER.readTree(previous).path("seq").asLong() + 1;
    lines.add("{\"seq\":" + seq + ",\"prev\":\"" + org.citewatch.model.Digests.hex(previous.getBytes(StandardCharsets.UTF_8))
        + "\",\"time\":\"" + Instant.now() + "\",\"type\":\"run-started\",\"run\":\"killed\",\"sources\":[\"xk\"]}");
    keep(lines);
    Path warc = warc();
    try (FileChannel channel = FileChannel.open(warc, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      byte[] http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Taksa është €60.</p>".getBytes(StandardCharsets.UTF_8);
      new WarcWriter(channel, WarcCompression.GZIP).write(new WarcResponse.Builder(URI.create(server.baseUrl() + "/xk"))
          .version(MessageVersion.WARC_1_1).date(Instant.now()).body(MediaType.HTTP_RESPONSE, http).build());
    }

    Cli.Result beforeRecovery = citewatch("audit");

    assertThat(beforeRecovery.exit()).as("a kill is no tampering: %s", beforeRecovery.err()).isZero();
    citewatch("run");
    Cli.Result afterRecovery = citewatch("audit");
    assertThat(afterRecovery.exit()).as(afterRecovery.err()).isZero();
    assertThat(afterRecovery.out()).contains("1 repair(s) on record:", "WARC bytes past the last journaled record cut");
  }

  JsonNode last(String type) throws IOException {
    JsonNode found = null;
    for (String line : lines()) {
      JsonNode e = Json.MAPPER.readTree(line);
      if (e.path("type").asText().equals(type)) {
        found = e;
      }
    }
    return found;
  }

  Cli.Result assertFails(String... named) {
    Cli.Result audit = citewatch("audit");
    assertThat(audit.exit()).as(audit.out()).isEqualTo(1);
    assertThat(audit.err()).contains(named);
    return audit;
  }

  @Test
  void aForgedBodyWithItsBlockAndPayloadDigestsFixedFails() throws IOException {
    JsonNode snapshot = last("snapshot");
    long offset = snapshot.path("response_offset").asLong();
    byte[] payload = "<p>Taksa për leje-qëndrim është €10.</p>".getBytes(StandardCharsets.UTF_8);
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + payload.length
        + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] block = new byte[head.length + payload.length];
    System.arraycopy(head, 0, block, 0, head.length);
    System.arraycopy(payload, 0, block, head.length, payload.length);
    try (FileChannel channel = FileChannel.open(warc(), StandardOpenOption.WRITE)) {
      channel.truncate(offset);
      channel.position(offset);
      new WarcWriter(channel, WarcCompression.GZIP).write(new WarcResponse.Builder(URI.create(server.baseUrl() + "/xk"))
          .version(MessageVersion.WARC_1_1).date(Instant.now())
          .setHeader("WARC-Block-Digest", "sha256:" + org.citewatch.model.Digests.hex(block))
          .setHeader("WARC-Payload-Digest", "sha256:" + org.citewatch.model.Digests.hex(payload))
          .body(MediaType.HTTP_RESPONSE, block).build());
    }

    assertFails("@" + offset, "its payload digest is not the one the journal recorded");
  }

  @Test
  void aDeletedWarcFileFails() throws IOException {
    Files.delete(warc());

    assertFails("cannot be read");
  }

  @Test
  void aWarcFileCutMidRecordFails() throws IOException {
    Path warc = warc();
    try (FileChannel channel = FileChannel.open(warc, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(warc) - 40);
    }

    assertFails("cannot be read");
  }

  @Test
  void aLineInsertedIntoTheJournalFails() throws IOException {
    List<String> lines = new java.util.ArrayList<>(lines());
    lines.add(3, lines.get(3));
    keep(lines);

    assertFails("line 5: seq is 4, expected 5");
  }

  @Test
  void aLineEditedInTheMiddleOfTheJournalFails() throws IOException {
    List<String> lines = new java.util.ArrayList<>(lines());
    ObjectNode edited = (ObjectNode) Json.MAPPER.readTree(lines.get(2));
    edited.put("time", "2026-01-01T00:00:00Z");
    lines.set(2, Json.MAPPER.writeValueAsString(edited));
    keep(lines);

    assertFails("line 4: 'prev' is not the SHA-256 of line 3");
  }

  @Test
  void aRevisitPointingAtARecordTheJournalDoesNotKnowFails() throws IOException {
    citewatch("run");
    JsonNode check = last("check");
    assertThat(check.path("outcome").asText()).isEqualTo("UNCHANGED");
    long offset = check.at("/record/offset").asLong();
    try (FileChannel channel = FileChannel.open(warc(), StandardOpenOption.WRITE)) {
      channel.truncate(offset);
      channel.position(offset);
      byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".getBytes(StandardCharsets.UTF_8);
      new WarcWriter(channel, WarcCompression.GZIP).write(new org.netpreserve.jwarc.WarcRevisit.Builder(
          URI.create(server.baseUrl() + "/xk"), org.netpreserve.jwarc.WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1)
          .version(MessageVersion.WARC_1_1).date(Instant.now())
          .refersTo(URI.create("urn:uuid:" + java.util.UUID.randomUUID()), URI.create(server.baseUrl() + "/xk"), Instant.now())
          .body(MediaType.HTTP_RESPONSE, head).build());
    }

    assertFails("@" + offset, "its WARC-Refers-To names no response record the journal knows");
  }
}
