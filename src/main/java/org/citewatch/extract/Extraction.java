package org.citewatch.extract;

import java.util.List;
import java.util.Optional;
import org.citewatch.model.Block;

/**
 * The text of a page as an ordered list of blocks.
 *
 * @param selectorMatched false when the source's {@code select:} matched nothing on the page
 * @param extractor which extractor made it, for the conversion record ("html", "pdf", "text")
 * @param title the page's title, where it has one; error pages give themselves away there
 * @param skeleton what of the page the blocks depend on, where an HTML page's can be told: a
 *     later page with the same skeleton reads the same without a parse
 */
public record Extraction(List<Block> blocks, boolean selectorMatched, String extractor, String title,
    Optional<Skeleton> skeleton) {

  public Extraction {
    blocks = List.copyOf(blocks);
  }

  public Extraction(List<Block> blocks, boolean selectorMatched, String extractor) {
    this(blocks, selectorMatched, extractor, "", Optional.empty());
  }
}
