package org.citewatch.extract;

import java.util.List;
import org.citewatch.model.Block;

/**
 * The text of a page as an ordered list of blocks.
 *
 * @param selectorMatched false when the source's {@code select:} matched nothing on the page
 * @param extractor which extractor made it, for the conversion record ("html", "pdf", "text")
 * @param title the page's title, where it has one; error pages give themselves away there
 */
public record Extraction(List<Block> blocks, boolean selectorMatched, String extractor, String title) {

  public Extraction {
    blocks = List.copyOf(blocks);
  }

  public Extraction(List<Block> blocks, boolean selectorMatched, String extractor) {
    this(blocks, selectorMatched, extractor, "");
  }
}
