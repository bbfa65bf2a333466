package org.citewatch.model;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The information site's own page for a program: fetched like an official source, kept as evidence
 * under the program's id, and read for the figures, quotes and dates it shows.
 */
public record ProgramPage(URI url, String lang, Optional<String> select, List<String> ignore) {

  public ProgramPage {
    ignore = List.copyOf(ignore);
  }

  /** The page as a source to fetch: its id is the program's. */
  public Source asSource(String programId) {
    return new Source(programId, url, lang, select, ignore, Optional.empty(), true);
  }
}
