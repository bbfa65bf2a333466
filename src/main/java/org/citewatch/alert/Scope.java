package org.citewatch.alert;

import java.util.Set;
import org.citewatch.model.Alert;
import org.citewatch.model.AlertKind;

/**
 * What a run looked at, and so which open alerts it can declare resolved. An alert about a claim
 * on a source that could not be fetched stays as it is: nothing was learnt about it.
 *
 * @param checked sources this run tried to fetch
 * @param evaluated sources this run fetched and read, so their claims were checked
 * @param configured source and program ids in the config, for alerts about things since removed
 */
public record Scope(Set<String> checked, Set<String> evaluated, Set<String> configured) {

  public Scope {
    checked = Set.copyOf(checked);
    evaluated = Set.copyOf(evaluated);
    configured = Set.copyOf(configured);
  }

  boolean removedFromConfig(Alert alert) {
    return alert.source().map(s -> !configured.contains(s)).orElse(false)
        || alert.program().map(p -> !configured.contains(p)).orElse(false);
  }

  boolean covers(Alert alert) {
    AlertKind kind = alert.kind();
    String source = alert.source().orElse("");
    return switch (kind) {
      case STALE_VERIFICATION, UNSOURCED_FIGURE, CONFIG_ERROR, STORE_REPAIRED -> true;
      case SOURCE_UNREACHABLE, SOURCE_DEGRADED -> checked.contains(source);
      case CLAIM_MISSING, CLAIM_CHANGED, FIGURE_CHANGED, CLAIM_NOT_FOUND, PAGE_OUTDATED, PAGE_FIGURE_UNSOURCED,
          PAGE_DATE_MISMATCH, PAGE_QUOTE_UNTRACKED -> evaluated.contains(source);
      // A change stays open until someone reads it; a later change of the same page supersedes it.
      case SOURCE_CHANGED -> false;
    };
  }
}
