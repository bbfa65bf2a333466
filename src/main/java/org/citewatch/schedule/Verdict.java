package org.citewatch.schedule;

import java.util.Optional;
import org.citewatch.extract.Extraction;
import org.citewatch.extract.Skeleton;
import org.citewatch.model.Snapshot;
import org.citewatch.store.Check;

/**
 * What one fetch is, judged against the source's baseline before anything is written: the decision
 * half of a check. {@link SourceCheck} decides it and then writes what it says, in one place.
 */
sealed interface Verdict {

  /** The page as extracted, with the digest of its blocks. */
  record Read(Extraction extraction, String contentDigest) {}

  /** The payload is the baseline's (a 304, or the same bytes): a revisit record, and the baseline stays. */
  record Unchanged(Snapshot baseline) implements Verdict {}

  /** No usable answer: the fetch failed, or the server answered with an error. Its answer, if any, is evidence. */
  record Failed(String why) implements Verdict {}

  /**
   * An answer that is not the page (empty, unreadable, a bot challenge, moved, shrunk): kept as
   * evidence, never as the baseline, and no claim is judged on it.
   *
   * @param read the page as read, when it was read: its conversion is kept with the evidence
   */
  record Degraded(String why, Optional<Read> read) implements Verdict {}

  /** A new body that is the page: a capture, and the new baseline. */
  record Captured(Read read, Check.Outcome outcome) implements Verdict {}

  /**
   * A new body that reads as the baseline without a parse ({@link Skeleton}): a capture whose
   * conversion record is the baseline's byte for byte, unchanged. It is judged as the baseline was,
   * as a body of the same bytes is: the same blocks, title and length pass the same guards.
   *
   * @param conversion the baseline's conversion record body
   */
  record ReadsAsBefore(Snapshot baseline, byte[] conversion, Skeleton skeleton) implements Verdict {}
}
