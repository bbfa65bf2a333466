package org.citewatch.store;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.citewatch.model.Digests;
import org.citewatch.testing.Cli;
import org.citewatch.testing.OneSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A sealed head (issue 16): runs and acknowledgements signed with a key kept outside the store. */
class SealTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path key;
  Path config;
  Path store;

  @BeforeEach
  void sealedRuns() throws IOException {
    key = dir.resolve("keys/citewatch.key");
    Files.createDirectories(key.getParent());
    config = dir.resolve("sources.yaml");
    store = dir.resolve("snapshots");
    Cli.Result init = Cli.run("key", "init", "--out", key.toString());
    assertThat(init.exit()).as(init.err()).isZero();
    Files.writeString(config, """
        settings: {per_host_delay: 0s, signing_key: "%s"}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, respect_robots: false}
        """.formatted(key, server.baseUrl()), StandardCharsets.UTF_8);
    serve("<p>Taksa është €50.</p>");
    citewatch("run");
    serve("<p>Taksa është €60.</p>");
    citewatch("run");
  }

  void serve(String html) {
    OneSource.serve(server, html);
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(config, store, dir.resolve("reports"), args);
  }

  Cli.Result audit() {
    return citewatch("audit", "--public-key", key + ".pub");
  }

  List<String> journal() throws IOException {
    return new ArrayList<>(Files.readAllLines(store.resolve(Store.JOURNAL), StandardCharsets.UTF_8));
  }

  /** Writes the lines back with every "prev" recomputed: a forger's re-chaining, without the key. */
  void rechain(List<String> lines) throws IOException {
    String previous = Journal.GENESIS;
    List<String> out = new ArrayList<>();
    long seq = 0;
    for (String line : lines) {
      ObjectNode node = (ObjectNode) Json.MAPPER.readTree(line);
      node.put("seq", ++seq);
      node.put("prev", previous);
      String text = Json.MAPPER.writeValueAsString(node);
      previous = Digests.hex(text.getBytes(StandardCharsets.UTF_8));
      out.add(text);
    }
    Files.writeString(store.resolve(Store.JOURNAL), String.join("\n", out) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  void theKeyIsOwnerOnlyAndEveryRunAndAcknowledgementIsSealedAndVerifies() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    String alert = Cli.run("alerts", "--json", "--store", store.toString()).out();
    String id = Json.MAPPER.readTree(alert).get(0).get("id").asText();
    assertThat(citewatch("ack", id, "--note", "asked MPB", "--by", "ana").exit()).isZero();

    Cli.Result audit = audit();

    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("every seal verifies under ed25519:");
    assertThat(journal().stream().filter(l -> l.contains("\"type\":\"seal\"")).count()).as("two runs and an ack")
        .isEqualTo(3);
  }

  @Test
  void aJournalEditedAndReChainedWithoutTheKeyFailsNamingTheSeal() throws IOException {
    List<String> lines = journal();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"check\"")) {
        lines.set(i, lines.get(i).replace("\"attempts\"", "\"edited\":true,\"attempts\""));
        break;
      }
    }
    rechain(lines);

    Cli.Result audit = audit();

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("the seal does not seal the line before it");
  }

  @Test
  void aForgedAcknowledgementAppendedAndReChainedIsNotSealed() throws IOException {
    List<String> lines = journal();
    lines.add("{\"time\":\"2026-12-01T10:00:00Z\",\"type\":\"alert\",\"event\":\"acknowledged\",\"by\":\"chief-auditor\"}");
    rechain(lines);

    Cli.Result audit = audit();

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("(an acknowledgement): not sealed");
  }

  @Test
  void everySealRemovedAndTheJournalReChainedFails() throws IOException {
    List<String> lines = journal();
    lines.removeIf(l -> l.contains("\"type\":\"seal\""));
    rechain(lines);

    Cli.Result audit = audit();

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("carries no seal, though a public key was given");
  }

  @Test
  void aSealMadeWithAnotherKeyIsForged() throws IOException {
    Path other = dir.resolve("keys/other.key");
    Cli.run("key", "init", "--out", other.toString());
    Files.writeString(config, Files.readString(config).replace(key.toString(), other.toString()));
    Files.delete(store.resolve(Seals.PUBLIC_KEY));
    serve("<p>Taksa është €70.</p>");
    citewatch("run");

    Cli.Result audit = audit();

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("the seal's signature does not verify under key ");
  }

  @Test
  void keyInitNeverOverwritesAKey() {
    Cli.Result again = Cli.run("key", "init", "--out", key.toString());

    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("exists; a key is never overwritten");
  }

  @Test
  void aSealWhoseSignatureWasEditedAndTheJournalReChainedFails() throws IOException {
    List<String> lines = journal();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"type\":\"seal\"")) {
        ObjectNode seal = (ObjectNode) Json.MAPPER.readTree(lines.get(i));
        String signature = seal.get("signature").asText();
        seal.put("signature", (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        lines.set(i, Json.MAPPER.writeValueAsString(seal));
        break;
      }
    }
    rechain(lines);

    Cli.Result audit = audit();

    assertThat(audit.exit()).isEqualTo(1);
    assertThat(audit.err()).contains("the seal's signature does not verify under key ");
  }
}
