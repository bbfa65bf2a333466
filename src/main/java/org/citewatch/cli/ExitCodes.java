package org.citewatch.cli;

/** Exit codes of commands other than {@code run}; {@code run}'s own are in Pipeline. */
final class ExitCodes {

  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  /** {@code run} only: another citewatch holds the store, so nothing was checked. */
  static final int STORE_BUSY = 3;

  private ExitCodes() {}
}
