package org.citewatch.model;

/**
 * Every exit code citewatch gives, in one place: a cron job or a script reads them. {@code run}'s
 * are bits that add up: 1 + 4 = 5 is new alerts and a source that failed.
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;
  /** {@code run} only: another citewatch holds the store, so nothing was checked. */
  public static final int STORE_BUSY = 3;
  /** {@code run} only: an error (a disk, the store) stopped the run; what it journaled before stands. */
  public static final int RUN_FAILED = 6;

  /** {@code run}: the run raised no alert and every source answered. */
  public static final int NOTHING_NEW = 0;
  /** {@code run}: the run raised at least one alert. */
  public static final int NEW_ALERTS = 1;
  /** {@code run}: at least one source failed or gave something that is not its page. */
  public static final int SOURCES_FAILED = 4;

  private ExitCodes() {}

  /** The exit code of a run that raised {@code raised} alerts and had {@code failed} sources fail. */
  public static int ofRun(int raised, int failed) {
    return (raised == 0 ? NOTHING_NEW : NEW_ALERTS) | (failed > 0 ? SOURCES_FAILED : 0);
  }
}
