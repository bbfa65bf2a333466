package org.citewatch.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.citewatch.model.Block;

/** SHA-256 digests, written as {@code sha256:<hex>}. */
public final class Digests {

  private Digests() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static String hex(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  /** The digest of extracted text: kind and text of each block, so that a reordering is a change. */
  public static String ofBlocks(List<Block> blocks) {
    MessageDigest digest = sha256();
    for (Block block : blocks) {
      digest.update(block.kind().name().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(block.text().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }
}
