package org.citewatch.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.citewatch.store.Json;

/**
 * snapshots/daemon.json: the daemon says every few seconds that it is alive and when it runs next.
 * {@code citewatch status} reads it; a heartbeat older than three intervals means the daemon is gone.
 */
public final class Heartbeat {

  public static final String FILE = "daemon.json";
  public static final Duration INTERVAL = Duration.ofSeconds(2);

  /** What the daemon last said. */
  public record State(long pid, Instant started, Instant beat, Optional<Instant> nextRun, String schedule,
      String timezone, boolean running) {

    public boolean alive(Instant now) {
      return running && Duration.between(beat, now).compareTo(INTERVAL.multipliedBy(3)) <= 0;
    }
  }

  private Heartbeat() {}

  static void write(Path storeDir, State state) throws IOException {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("pid", state.pid());
    node.put("started", state.started().toString());
    node.put("heartbeat", state.beat().toString());
    node.put("next_run", state.nextRun().map(Instant::toString).orElse(null));
    node.put("schedule", state.schedule());
    node.put("timezone", state.timezone());
    node.put("state", state.running() ? "running" : "stopped");
    Files.createDirectories(storeDir);
    Path tmp = storeDir.resolve(FILE + ".tmp");
    Files.writeString(tmp, Json.MAPPER.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, storeDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static Optional<State> read(Path storeDir) throws IOException {
    Path file = storeDir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode node = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    return Optional.of(new State(node.path("pid").asLong(), Instant.parse(node.path("started").asText()),
        Instant.parse(node.path("heartbeat").asText()),
        node.path("next_run").isTextual() ? Optional.of(Instant.parse(node.path("next_run").asText()))
            : Optional.empty(),
        node.path("schedule").asText(), node.path("timezone").asText(), node.path("state").asText().equals("running")));
  }
}
