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
   * How blocks are made of a page: a change here (a {@code <dl>} pair became one block in 2; in 3,
   * jsoup 1.24 reads a {@code <![CDATA[} in a page's body as a comment and {@code &#0;} as U+FFFD,
   * as HTML says) re-reads old baselines, as an edited select or ignore does, instead of reporting
   * a change.
   */
  public static final int EXTRACTION_REVISION = 3;

  /** The extraction rules, as one comparable text: a snapshot made with other rules is read again. */
  public String rules() {
    return "select=" + select.orElse("") + "\nignore=" + String.join("\n", ignore) + "\nextraction="
        + EXTRACTION_REVISION;
  }
}
