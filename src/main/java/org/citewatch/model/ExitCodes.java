package org.citewatch.cli;

/** Exit codes of commands other than {@code run}; {@code run}'s own are in Pipeline. */
final class ExitCodes {

  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  /** {@code run} only: another citewatch holds the store, so nothing was checked. */
  static final int STORE_BUSY = 3;
  /** {@code run} only: an error (a disk, the store) stopped the run; what it journaled before stands. */
  static final int RUN_FAILED = 6;

  private ExitCodes() {}
}
