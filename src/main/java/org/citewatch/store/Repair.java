package org.citewatch.store;

import java.util.Optional;

/**
 * What the store cut or dropped when it opened after an interruption: a torn journal line, WARC
 * bytes past the last journaled record. Journaled as an event, raised as STORE_REPAIRED, listed
 * by audit: a repair is never silent.
 *
 * @param place the file and the offset the cut starts at ({@code warc/2026-12-01.warc.gz@4096})
 * @param bytes how many bytes were cut
 * @param sha256 the digest of the bytes cut, so that a copy of them can be recognised
 */
public record Repair(String what, String place, long bytes, String sha256) implements Event {

  /** The WARC bytes the repair names, for one in a WARC file ({@code warc/FILE@OFFSET}). */
  public Optional<WarcRef> warcRange() {
    int at = place.lastIndexOf('@');
    if (!place.startsWith(Store.WARC_DIR + "/") || at < 0) {
      return Optional.empty();
    }
    try {
      long offset = Long.parseLong(place.substring(at + 1));
      return Optional.of(new WarcRef(place.substring(Store.WARC_DIR.length() + 1, at), offset, offset + bytes));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return what + " at " + place + " (" + bytes + " bytes, sha256 " + sha256 + ")";
  }
}
