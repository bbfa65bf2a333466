package org.citewatch.schedule;

/** Told about each source as a run goes, for a progress line on a terminal. */
public interface Progress {

  Progress SILENT = (done, total, sourceId, outcome) -> { };

  void checked(int done, int total, String sourceId, String outcome);

  /** The run's alert transitions are journaled; what follows is its notifications and its end. */
  default void alertsJournaled() {
    // a terminal has nothing to show here; a test cuts a run short at this point
  }
}
