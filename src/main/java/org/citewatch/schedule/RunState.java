package org.citewatch.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.citewatch.model.Anchor;

/**
 * What one run keeps while it runs, made at its start and gone at its end: a second run of the same
 * pipeline starts from the store, never from what the first left behind.
 *
 * @param anchors where each claim's quote stood when it last held, as the store had it at the start
 * @param tiers how each claim was found this run, by claim key, as the lanes report them
 */
record RunState(String id, Instant started, Map<String, Anchor> anchors, Map<String, String> tiers) {

  static RunState start(String id, Instant started, Map<String, Anchor> anchors) {
    return new RunState(id, started, Map.copyOf(anchors), new ConcurrentHashMap<>());
  }

  /** The tiers in claim order, as the journal and the reports keep them. */
  TreeMap<String, String> sortedTiers() {
    return new TreeMap<>(tiers);
  }
}
