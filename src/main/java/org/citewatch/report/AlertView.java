package org.citewatch.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.citewatch.model.Alert;
import org.citewatch.model.Attribution;
import org.citewatch.store.Json;

/** An alert as report.json and {@code citewatch alerts --json} show it: the DESIGN.md shape. */
public final class AlertView {

  /**
   * Critical first, then warnings, then the rest; within a severity the oldest first, and those
   * raised together (a night's changes) by program, source and claim, so that one can be found.
   */
  public static final Comparator<Alert> ORDER = Comparator
      .comparing((Alert a) -> a.kind().severity())
      .thenComparing(Alert::firstSeen)
      .thenComparing(a -> a.program().orElse(""))
      .thenComparing(a -> a.source().orElse(""))
      .thenComparing(a -> a.claim().orElse(""))
      .thenComparing(Alert::id);

  private AlertView() {}

  /**
   * The alerts by program, in {@link #ORDER}: the program with a critical alert comes first; an
   * alert about several programs stands under the first, and one about none under "".
   */
  public static Map<String, List<Alert>> byProgram(List<Alert> alerts) {
    Map<String, List<Alert>> groups = new LinkedHashMap<>();
    alerts.stream().sorted(ORDER).forEach(a -> groups.computeIfAbsent(
        a.program().orElse(a.programs().isEmpty() ? "" : a.programs().get(0)), k -> new ArrayList<>()).add(a));
    return groups;
  }

  public static ObjectNode json(Alert alert, boolean isNew) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", alert.id());
    node.put("kind", alert.kind().name());
    node.put("severity", alert.kind().severity().name().toLowerCase(Locale.ROOT));
    node.put("program", alert.program().orElse(null));
    node.put("claim", alert.claim().orElse(null));
    node.put("source", alert.source().orElse(null));
    ArrayNode programs = node.putArray("programs");
    alert.programs().forEach(programs::add);
    node.put("message", alert.message());
    ObjectNode evidence = node.putObject("evidence");
    evidence.put("before", alert.evidence().before().orElse(null));
    evidence.put("after", alert.evidence().after().orElse(null));
    node.put("first_seen", alert.firstSeen().toString());
    node.put("last_seen", alert.lastSeen().toString());
    node.put("state", alert.state().name().toLowerCase(Locale.ROOT));
    if (alert.acknowledgement().isPresent()) {
      Attribution ack = alert.acknowledgement().get();
      node.putObject("acknowledged").put("by", ack.by()).put("at", ack.at().toString())
          .put("note", ack.note().orElse(null));
    } else {
      node.putNull("acknowledged");
    }
    node.put("new", isNew);
    return node;
  }

  public static ArrayNode json(List<Alert> alerts, Set<String> newIds) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    alerts.stream().sorted(ORDER).forEach(a -> array.add(json(a, newIds.contains(a.id()))));
    return array;
  }
}
