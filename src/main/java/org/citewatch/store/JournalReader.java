package org.citewatch.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads journal.jsonl line by line, for the commands that read the record without writing. */
public final class JournalReader {

  /** A journal line: its number in the file, its exact text, and the parsed event. */
  public record Line(long number, String text, JsonNode event) {
    public String type() {
      return event.path("type").asText();
    }
  }

  /** Called with each line in order; a line that is not JSON arrives with a null event. */
  @FunctionalInterface
  public interface Visitor {
    void line(Line line) throws IOException;
  }

  private JournalReader() {}

  public static void forEach(Path journal, Visitor visitor) throws IOException {
    forEach(journal, "", visitor);
  }

  /**
   * Called, in order, with only the lines whose text contains {@code mentioned} (a source's id, an
   * event's type): the others are not parsed, which is most of the cost of reading a long journal.
   */
  public static void forEach(Path journal, String mentioned, Visitor visitor) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(journal, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String text; (text = reader.readLine()) != null; ) {
        number++;
        if (!text.contains(mentioned)) {
          continue;
        }
        JsonNode event;
        try {
          event = Json.MAPPER.readTree(text);
        } catch (IOException e) {
          event = null;
        }
        visitor.line(new Line(number, text, event));
      }
    } catch (NoSuchFileException e) {
      // an empty store: nothing has happened yet
    }
  }

  public static List<Line> all(Path journal, String type) throws IOException {
    List<Line> lines = new ArrayList<>();
    forEach(journal, type, line -> {
      if (line.event() != null && line.type().equals(type)) {
        lines.add(line);
      }
    });
    return lines;
  }
}
