package org.citewatch.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Finding;

/**
 * The lifecycle of alerts across runs: a finding becomes an alert once, is seen again while the
 * condition lasts, and is resolved when a run that looked finds the condition gone.
 */
public final class AlertBook {

  /**
   * What one run did to the alerts. {@code active} is every open or acknowledged alert after it;
   * {@code updated} those still active whose message or evidence changed.
   */
  public record Outcome(List<Alert> active, List<Alert> raised, List<Alert> resolved, List<Alert> updated) {
    public Outcome {
      active = List.copyOf(active);
      raised = List.copyOf(raised);
      resolved = List.copyOf(resolved);
      updated = List.copyOf(updated);
    }
  }

  private final Map<String, Alert> known;

  public AlertBook(Map<String, Alert> known) {
    this.known = new LinkedHashMap<>(known);
  }

  public Outcome apply(List<Finding> findings, Scope scope, Instant now) {
    Map<String, Alert> found = new LinkedHashMap<>();
    List<Alert> raised = new ArrayList<>();
    List<Alert> updated = new ArrayList<>();
    for (Finding finding : findings) {
      String id = AlertIds.of(finding);
      Alert previous = known.get(id);
      Alert alert;
      if (previous != null && previous.isActive()) {
        alert = previous.seenAgain(finding, now);
        if (!alert.message().equals(previous.message()) || !alert.evidence().equals(previous.evidence())) {
          updated.add(alert);
        }
      } else {
        alert = Alert.raised(id, finding, now);
        raised.add(alert);
      }
      found.put(id, alert);
    }
    List<Alert> resolved = new ArrayList<>();
    List<Alert> active = new ArrayList<>();
    // the sources this run found changed, once: asked of every open alert, a search of the found
    // ones each time grew with the square of the sources
    Set<Optional<String>> changedNow = found.values().stream().filter(a -> a.kind() == AlertKind.SOURCE_CHANGED)
        .map(Alert::source).collect(Collectors.toSet());
    for (Alert alert : known.values()) {
      if (!alert.isActive() || found.containsKey(alert.id())) {
        continue;
      }
      boolean superseded = alert.kind() == AlertKind.SOURCE_CHANGED && changedNow.contains(alert.source());
      if (scope.removedFromConfig(alert) || scope.covers(alert) || superseded) {
        resolved.add(alert.withState(Alert.State.RESOLVED));
      } else {
        active.add(alert);
      }
    }
    active.addAll(found.values());
    return new Outcome(active, raised, resolved, updated);
  }
}
