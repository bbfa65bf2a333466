package org.citewatch.model;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** An official page that programs cite. */
public record Source(
    String id,
    URI url,
    String lang,
    Optional<String> select,
    List<String> ignore,
    Optional<String> schedule,
    boolean respectRobots) {

  public Source {
    ignore = List.copyOf(ignore);
  }

  /**
   * How blocks are made of a page: a change here (a {@code <dl>} pair became one block in 2)
   * re-reads old baselines, as an edited select or ignore does, instead of reporting a change.
   */
  public static final int EXTRACTION_REVISION = 2;

  /** The extraction rules, as one comparable text: a snapshot made with other rules is read again. */
  public String rules() {
    return "select=" + select.orElse("") + "\nignore=" + String.join("\n", ignore) + "\nextraction="
        + EXTRACTION_REVISION;
  }
}
