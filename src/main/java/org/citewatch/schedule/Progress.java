package org.citewatch.schedule;

/** Told about each source as a run goes, for a progress line on a terminal. */
public interface Progress {

  Progress SILENT = (done, total, sourceId, outcome) -> { };

  void checked(int done, int total, String sourceId, String outcome);
}
