package org.citewatch.config;

import java.nio.file.Path;
import java.util.Locale;

/** One thing wrong in sources.yaml, with the place it was written. */
public record Problem(Path file, int line, int column, String path, String message) {

  /** {@code sources.yaml:14:5: sources[2].url: 'htp://x' is not an http(s) URL}. */
  @Override
  public String toString() {
    String where = path.isEmpty() ? "" : path + ": ";
    return String.format(Locale.ROOT, "%s:%d:%d: %s%s", file, line, column, where, message);
  }
}
