package org.citewatch.extract;

import java.util.ArrayList;
import java.util.List;
import org.citewatch.model.Block;
import org.citewatch.text.Normalizer;

/** Plain text (and text pulled out of a PDF) becomes one paragraph block per blank-line-separated run. */
final class TextExtractor {

  static List<Block> paragraphs(String text) {
    List<Block> blocks = new ArrayList<>();
    for (String paragraph : text.split("\\R\\s*\\R")) {
      String clean = Normalizer.clean(paragraph);
      if (!clean.isEmpty()) {
        blocks.add(new Block(Block.Kind.PARAGRAPH, clean));
      }
    }
    return blocks;
  }
}
