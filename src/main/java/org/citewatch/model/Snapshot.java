package org.citewatch.model;

import java.time.Instant;
import java.util.List;

/**
 * What a source said at one capture: the extracted blocks plus where the evidence lies.
 *
 * @param id short stable id, shown by {@code history} and accepted by {@code show}/{@code diff}
 * @param payloadDigest SHA-256 of the body bytes as received ({@code sha256:<hex>})
 * @param contentDigest SHA-256 of the extracted blocks; equal digests mean no change a reader sees
 * @param responseRecordId the WARC-Record-ID of the response record holding the body
 * @param rules the source's select and ignore the blocks were extracted with ({@link Source#rules()})
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
    String responseRecordId,
    boolean selectorMatched,
    List<Block> blocks,
    String rules) {

  public Snapshot {
    blocks = List.copyOf(blocks);
  }

  /** The same capture read again: other blocks, extracted with other rules. */
  public Snapshot withBlocks(List<Block> newBlocks, String contentDigest, boolean matched, String newRules) {
    return new Snapshot(id, sourceId, captured, url, status, payloadDigest, contentDigest, warcFile, responseOffset,
        responseRecordId, matched, newBlocks, newRules);
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
