package org.citewatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Evidence;
import org.junit.jupiter.api.Test;

/**
 * A night on which a hundred pages change raises a hundred alerts at one instant: the reports list
 * them by source, so that a maintainer can find one, rather than in the order of their hashed ids.
 */
class AlertOrderTest {

  static Alert alert(String id, AlertKind kind, String source, Instant seen) {
    return new Alert(id, kind, Optional.empty(), Optional.empty(), Optional.of(source), List.of(), source + " changed",
        Evidence.none(), seen, seen, Alert.State.OPEN, Optional.empty());
  }

  @Test
  void criticalFirstThenOldestFirstThenBySource() {
    Instant night = Instant.parse("2026-11-21T03:00:00Z");
    List<Alert> alerts = List.of(
        alert("ffff", AlertKind.SOURCE_CHANGED, "rs-mup", night),
        alert("0000", AlertKind.SOURCE_CHANGED, "xk-mpb", night),
        alert("aaaa", AlertKind.SOURCE_CHANGED, "al-moi", night),
        alert("1111", AlertKind.SOURCE_UNREACHABLE, "xk-mpb", night.plusSeconds(86_400)),
        alert("2222", AlertKind.SOURCE_UNREACHABLE, "rs-mup", night));

    List<String> order = alerts.stream().sorted(AlertView.ORDER).map(a -> a.kind() + " " + a.source().orElseThrow())
        .toList();

    assertThat(order).containsExactly("SOURCE_UNREACHABLE rs-mup", "SOURCE_UNREACHABLE xk-mpb",
        "SOURCE_CHANGED al-moi", "SOURCE_CHANGED rs-mup", "SOURCE_CHANGED xk-mpb");
    assertThat(Stream.of(alerts.get(1), alerts.get(0)).sorted(AlertView.ORDER).map(Alert::id)).containsExactly("ffff", "0000");
  }
}
