package org.citewatch.compare;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.List;
import org.citewatch.model.Block;

/** The blocks that differ between two versions of a page, found with java-diff-utils (Myers). */
public final class BlockDiff {

  private BlockDiff() {}

  public static List<Change> between(List<Block> before, List<Block> after) {
    Patch<String> patch = DiffUtils.diff(texts(before), texts(after));
    return patch.getDeltas().stream().map(BlockDiff::change).toList();
  }

  private static Change change(AbstractDelta<String> delta) {
    Change.Type type = switch (delta.getType()) {
      case INSERT -> Change.Type.ADDED;
      case DELETE -> Change.Type.REMOVED;
      default -> Change.Type.CHANGED;
    };
    return new Change(type, delta.getSource().getPosition(), delta.getSource().getLines(),
        delta.getTarget().getPosition(), delta.getTarget().getLines());
  }

  private static List<String> texts(List<Block> blocks) {
    return blocks.stream().map(Block::text).toList();
  }
}
