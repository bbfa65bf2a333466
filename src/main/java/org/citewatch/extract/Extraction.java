package org.citewatch.extract;

import java.util.List;
import org.citewatch.model.Block;

/**
 * The text of a page as an ordered list of blocks.
 *
 * @param selectorMatched false when the source's {@code select:} matched nothing on the page
 * @param extractor which extractor made it, for the conversion record ("html", "pdf", "text")
 */
public record Extraction(List<Block> blocks, boolean selectorMatched, String extractor) {

  public Extraction {
    blocks = List.copyOf(blocks);
  }
}
