package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status asks only for the last run: it is read from the end of the journal, so that the answer
 * does not take longer with every night of history.
 */
class JournalReaderTest {

  @TempDir Path dir;

  Path journal(String... lines) throws IOException {
    return Files.writeString(dir.resolve("journal.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  static int seq;

  static String line(String type, String id) {
    // Cyrillic and euro signs are several bytes each: chunk edges fall inside them
    String field = type.equals("check") ? "source_id" : "id";
    return "{\"seq\":" + (++seq) + ",\"prev\":\"x\",\"time\":\"2026-12-01T00:00:00Z\",\"type\":\"" + type
        + "\",\"" + field + "\":\"" + id + " Захтев за продужење боравка: 50 € " + "x".repeat(id.length() * 7) + "\"}";
  }

  static String id(Journal.Entry entry) {
    return entry.event() instanceof Event.RunFinished run ? run.id() : ((Event.Checked) entry.event()).sourceId();
  }

  @Test
  void linesAreCutAsBufferedReaderCutsThemAndEachKnowsWhereItStarts() throws IOException {
    Random random = new Random(19);
    for (int round = 0; round < 200; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        int kind = random.nextInt(10);
        text.append(kind == 0 ? "\r" : kind == 1 ? "\r\n" : kind < 5 ? "\n" : "");
        text.append(random.nextInt(50) == 0 ? "y".repeat(1_200_000) : "x€Ж" + random.nextInt(1000));
      }
      Path file = Files.writeString(dir.resolve("journal.jsonl"), text, StandardCharsets.UTF_8);
      List<String> expected = new BufferedReader(new StringReader(text.toString())).lines().toList();
      List<JournalReader.Line> read = new ArrayList<>();
      JournalReader.forEach(file, read::add);
      assertThat(read).extracting(JournalReader.Line::text).isEqualTo(expected);
      byte[] bytes = Files.readAllBytes(file);
      for (JournalReader.Line line : read) {
        byte[] at = Arrays.copyOfRange(bytes, (int) line.offset(),
            (int) line.offset() + line.text().getBytes(StandardCharsets.UTF_8).length);
        assertThat(new String(at, StandardCharsets.UTF_8)).isEqualTo(line.text());
      }
      List<String> mentioning = new ArrayList<>();
      JournalReader.forEach(file, "Ж7", line -> mentioning.add(line.text()));
      assertThat(mentioning).isEqualTo(expected.stream().filter(l -> l.contains("Ж7")).toList());
    }
  }

  @Test
  void theLastLineOfATypeIsFoundFromTheEndWhateverTheChunkSize() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add(line(i % 3 == 0 ? "run-finished" : "check", "run-" + i));
    }
    lines.add(line("check", "after-the-last-run"));
    Path journal = journal(lines.toArray(String[]::new));

    for (int chunk : new int[] {1, 2, 3, 7, 64, 100, 4096, 1 << 20}) {
      assertThat(JournalReader.last(journal, Event.RunFinished.class, chunk)).as("chunk %d", chunk)
          .hasValueSatisfying(e -> assertThat(id(e)).startsWith("run-39 "));
      assertThat(JournalReader.last(journal, Event.Checked.class, chunk)).as("chunk %d", chunk)
          .hasValueSatisfying(e -> assertThat(id(e)).startsWith("after-the-last-run Захтев за продужење боравка: 50 € x"));
    }
  }

  @Test
  void aTornLastLineIsPassedOverAndAJournalWithoutTheTypeGivesNothing() throws IOException {
    Path journal = journal(line("run-finished", "complete"), line("check", "a"));
    Files.writeString(journal, "{\"type\":\"run-finished\",\"id\":\"torn", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);

    assertThat(JournalReader.last(journal, Event.RunFinished.class, 16))
        .hasValueSatisfying(e -> assertThat(id(e)).startsWith("complete "));
    assertThat(JournalReader.last(journal, Event.Verified.class, 16)).isEmpty();
    assertThat(JournalReader.last(dir.resolve("none.jsonl"), Event.RunFinished.class, 16)).isEmpty();
  }
}
