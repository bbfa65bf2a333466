package org.citewatch.model;

/** The kinds of alert of DESIGN.md, each with its severity. */
public enum AlertKind {
  CLAIM_MISSING(Severity.CRITICAL),
  CLAIM_CHANGED(Severity.CRITICAL),
  FIGURE_CHANGED(Severity.CRITICAL),
  /**
   * A quote that has never held on its source with this wording: on the first capture, or the
   * first after the claim was added or edited. A copying mistake until shown otherwise.
   */
  CLAIM_NOT_FOUND(Severity.WARNING),
  /** The site's page shows a figure or a quote the official source no longer states. */
  PAGE_OUTDATED(Severity.CRITICAL),
  /** The site's page shows a figure that no claim of its program states. */
  PAGE_FIGURE_UNSOURCED(Severity.WARNING),
  /** The site's page claims a verification later than any citewatch recorded. */
  PAGE_DATE_MISMATCH(Severity.WARNING),
  /** The site's page quotes an official clause that no claim of its program tracks. */
  PAGE_QUOTE_UNTRACKED(Severity.INFO),
  SOURCE_CHANGED(Severity.INFO),
  SOURCE_UNREACHABLE(Severity.WARNING),
  SOURCE_DEGRADED(Severity.WARNING),
  STALE_VERIFICATION(Severity.WARNING),
  UNSOURCED_FIGURE(Severity.INFO),
  /** The store cut or dropped bytes an interrupted run left: journaled, and told once. */
  STORE_REPAIRED(Severity.WARNING),
  /** The daemon re-read sources.yaml and it is broken: the last good config keeps running. */
  CONFIG_ERROR(Severity.WARNING);

  private final Severity severity;

  AlertKind(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  /** About the site's own page: resolved by changing the page, never by editing sources.yaml. */
  public boolean aboutSitePage() {
    return name().startsWith("PAGE_");
  }

  public enum Severity {
    CRITICAL,
    WARNING,
    INFO
  }
}
