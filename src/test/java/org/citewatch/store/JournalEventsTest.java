package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citewatch.fetch.Attempt;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Anchor;
import org.citewatch.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of journal line is written and read back through the one model ({@link Event}), so
 * that what the store writes is what recovery, audit and the commands read.
 */
class JournalEventsTest {

  static final Instant AT = Instant.parse("2026-06-23T02:00:00Z");

  @TempDir Path dir;

  static List<Event> everyKind() {
    Alert alert = new Alert("0e8d7cb8ca6548cd", AlertKind.FIGURE_CHANGED, Optional.of("xk-general-residence"),
        Optional.of("fee"), Optional.of("xk-mpb"), List.of("xk-general-residence"),
        "Tarifa: 50 € → 70 €", Evidence.none(), AT, AT, Alert.State.OPEN, Optional.empty());
    return List.of(
        new Event.RunStarted("2026-06-23T02:00:00Z-a26f57bc", List.of("xk-mpb", "rs-mup")),
        new Event.RunFinished("2026-06-23T02:00:00Z-a26f57bc", AT, AT.plusSeconds(9), 1, new Event.Counts(2, 1, 1, 0),
            List.of("0e8d7cb8ca6548cd"), Optional.of(AT.plusSeconds(8)), Map.of("critical", 1L, "warning", 0L),
            List.of("0e8d7cb8ca6548cd"), 1, Map.of("xk-general-residence/fee", "exact")),
        new Event.SnapshotTaken("25e8a0145767", "xk-mpb", "https://mpb.rks-gov.net/?page=1,2", 200,
            "2026-06-23.warc.gz", 0, 412, 9000, 9748, "<urn:uuid:4b8f>", "sha256:" + "a".repeat(64), 50_083,
            "sha256:" + "b".repeat(64), Optional.of(true), Optional.of("main|nav"), Optional.of(1200)),
        new Event.Checked("xk-mpb", Optional.empty(), Optional.of(URI.create("https://mpb.rks-gov.net/b")),
            Optional.of(200), List.of(new Attempt(AT, Optional.of(200), Optional.empty())), Check.Outcome.UNCHANGED,
            Optional.of("25e8a0145767"), Optional.of("sha256:" + "a".repeat(64)), Optional.empty(),
            Optional.of(new WarcRef("2026-06-23.warc.gz", 9748, 10756)), List.of(URI.create("https://mpb.rks-gov.net/a")),
            Optional.empty(), List.of(new WarcRef("2026-06-23.warc.gz", 9000, 9748))),
        new Event.AlertChanged("acknowledged", alert.withState(Alert.State.ACKNOWLEDGED), Optional.of("chief-editor"),
            Optional.empty(), Optional.of("ligji i ri, faqja përditësohet")),
        new Event.AnchorMoved("xk-general-residence/fee", new Anchor("50 €", "Tarifa: ", ".")),
        new Event.BaselineAccepted("xk-mpb", "25e8a0145767", "editor", Optional.of("the page really shrank")),
        new Event.Verified("xk-general-residence", LocalDate.parse("2026-06-23"), "editor", Optional.empty(),
            Map.of("fee", "50 EUR")),
        new Repair("a torn last journal line dropped", "journal.jsonl@4096", 17, "c".repeat(64)),
        new Event.Sealed(41, "d".repeat(64), "ed25519:abcd", "c2lnbmF0dXJl"),
        new Event.Timestamped(41, "d".repeat(64), "http://127.0.0.1:1/tsa", AT, "dG9rZW4="),
        new Event.NotifyQueued("2026-06-23T02:00:00Z-a26f57bc", List.of("0e8d7cb8ca6548cd"), List.of(0, 1)),
        new Event.NotifySent("2026-06-23T02:00:00Z-a26f57bc", List.of(1)));
  }

  @Test
  void everyEventReadsBackAsWritten() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    List<Journal.Entry> written = new ArrayList<>();
    try (Journal journal = Journal.open(file)) {
      for (Event event : everyKind()) {
        written.add(journal.append(event, AT));
      }
    }
    List<Journal.Entry> read = new ArrayList<>();
    JournalReader.forEach(file, line -> read.add(line.entry().orElseThrow()));

    assertThat(read).containsExactlyElementsOf(written);
    // one of each kind but Unknown, which is only ever read
    assertThat(read).extracting(e -> (Object) e.event().getClass()).doesNotHaveDuplicates()
        .hasSize(Event.class.getPermittedSubclasses().length - 1).doesNotContain(Event.Unknown.class);
  }

  @Test
  void linesOfOlderCitewatchAndOfUnknownTypesStillRead() throws Exception {
    Path file = Files.writeString(dir.resolve("journal.jsonl"), String.join("\n",
        // a check line as 0.1 wrote it: its start time and URL in the line, no redirect lists
        "{\"seq\":1,\"prev\":\"" + Journal.GENESIS + "\",\"time\":\"2026-06-23T02:00:00Z\",\"type\":\"check\","
            + "\"source_id\":\"rs-mup\",\"url\":\"https://www.mup.gov.rs/wps/portal/sr/\","
            + "\"started\":\"2026-06-23T02:00:00Z\",\"status\":503,\"attempts\":[],\"outcome\":\"FAILED\","
            + "\"error\":\"HTTP 503 Service Unavailable\"}",
        "{\"seq\":2,\"prev\":\"x\",\"time\":\"2026-06-23T02:00:01Z\",\"type\":\"from-a-newer-citewatch\",\"x\":1}",
        "{\"seq\":3,\"prev\":\"x\",\"time\":\"2026-06-23T02:00:02Z\",\"type\":\"check\",\"status\":\"not a number\"}",
        "{\"type\":\"check\"}") + "\n", StandardCharsets.UTF_8);
    List<Optional<Journal.Entry>> read = new ArrayList<>();
    JournalReader.forEach(file, line -> read.add(line.entry()));

    assertThat(read.get(0)).hasValueSatisfying(e -> assertThat(e.event()).isInstanceOfSatisfying(Event.Checked.class,
        c -> {
          assertThat(c.url()).contains(URI.create("https://www.mup.gov.rs/wps/portal/sr/"));
          assertThat(c.error()).contains("HTTP 503 Service Unavailable");
          assertThat(c.good()).isFalse();
        }));
    assertThat(read.get(1)).hasValueSatisfying(e -> assertThat(e.event()).isInstanceOf(Event.Unknown.class));
    assertThat(read.get(2)).as("a line whose fields are not what its type says").isEmpty();
    assertThat(read.get(3)).as("a line without its envelope").isEmpty();
  }
}
