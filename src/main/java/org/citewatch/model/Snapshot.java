package org.citewatch.model;

import java.time.Instant;
import java.util.List;

/**
 * What a source said at one capture: the extracted blocks plus where the evidence lies.
 *
 * @param id short stable id, shown by {@code history} and accepted by {@code show}/{@code diff}
 * @param payloadDigest SHA-256 of the body bytes as received ({@code sha256:<hex>})
 * @param contentDigest SHA-256 of the extracted blocks; equal digests mean no change a reader sees
 * @param conversionOffset where the conversion record with the blocks starts, -1 if none
 * @param responseRecordId the WARC-Record-ID of the response record holding the body
 * @param rules the source's select and ignore the blocks were extracted with ({@link Source#rules()})
 * @param textLength the total length of the blocks' text, kept when the blocks are left out
 */
public record Snapshot(
    String id,
    String sourceId,
    Instant captured,
    String url,
    int status,
    String payloadDigest,
    String contentDigest,
    String warcFile,
    long responseOffset,
    long conversionOffset,
    String responseRecordId,
    boolean selectorMatched,
    List<Block> blocks,
    String rules,
    int textLength) {

  public Snapshot {
    blocks = List.copyOf(blocks);
  }

  /** The total length of the blocks' text: what the shrink guard compares, even without the blocks. */
  public static int textLength(List<Block> blocks) {
    int length = 0;
    for (Block block : blocks) {
      length += block.text().length();
    }
    return length;
  }

  /** The same capture with other blocks (extracted again), or with none (a reference: its length is kept). */
  public Snapshot withBlocks(List<Block> newBlocks, String contentDigest, boolean matched, String newRules) {
    return new Snapshot(id, sourceId, captured, url, status, payloadDigest, contentDigest, warcFile, responseOffset,
        conversionOffset, responseRecordId, matched, newBlocks, newRules,
        newBlocks.isEmpty() ? textLength : textLength(newBlocks));
  }

  public String text() {
    StringBuilder text = new StringBuilder();
    for (Block block : blocks) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(block.text());
    }
    return text.toString();
  }
}
