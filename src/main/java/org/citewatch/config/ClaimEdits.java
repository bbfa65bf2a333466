package org.citewatch.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Rewrites a claim's {@code quote:} or {@code figure:} in the text of sources.yaml and nothing
 * else: every comment, key order, indentation and the value's own quoting style stay as written.
 */
public final class ClaimEdits {

  /** Where one claim's field stands in the file, as its value's character range. */
  public record Place(String program, String claim, String field, int line, int start, int end, ScalarStyle style) {}

  /** A new value for a claim's field. */
  public record Edit(String program, String claim, String field, String value) {}

  private ClaimEdits() {}

  /** The place of {@code programs[id=program].claims[id=claim].field}, if the file has it. */
  public static Optional<Place> locate(String yaml, String program, String claim, String field) {
    Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    return entry(root, "programs").flatMap(p -> withId(p, program)).flatMap(p -> entry(p, "claims"))
        .flatMap(c -> withId(c, claim)).flatMap(c -> entry(c, field))
        .filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast)
        .map(v -> new Place(program, claim, field, v.getStartMark().getLine() + 1,
            charIndex(yaml, v.getStartMark().getIndex()), charIndex(yaml, v.getEndMark().getIndex()),
                v.getScalarStyle()));
  }

  /**
   * The file with each edit applied in its value's place.
   *
   * @throws IllegalArgumentException naming a claim whose field the file does not hold
   */
  public static String apply(String yaml, List<Edit> edits) {
    List<Place> places = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Edit edit : edits) {
      Place place = locate(yaml, edit.program(), edit.claim(), edit.field())
          .orElseThrow(() -> new IllegalArgumentException(
          "sources.yaml has no " + edit.field() + ": for claim " + edit.claim() + " of program " + edit.program()));
      places.add(place);
      values.add(edit.value());
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < places.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt((Integer i) -> places.get(i).start()).reversed());
    StringBuilder out = new StringBuilder(yaml);
    for (int i : order) {
      Place place = places.get(i);
      out.replace(place.start(), place.end(),
          render(values.get(i), place.style(), yaml.substring(place.start(), place.end())));
    }
    return out.toString();
  }

  /** The value written in the style it had; a plain value that would no longer read back is double-quoted. */
  static String render(String value, ScalarStyle style, String was) {
    return switch (style) {
      case SINGLE_QUOTED -> "'" + value.replace("'", "''") + "'";
      case PLAIN -> isSafePlain(value) ? value : doubleQuoted(value);
      case LITERAL, FOLDED -> doubleQuoted(value) + (was.endsWith("\n") ? "\n" : "");
      default -> doubleQuoted(value);
    };
  }

  private static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static boolean isSafePlain(String value) {
    if (value.isEmpty() || value.strip().length() != value.length()
        || "-?:,[]{}#&*!|>'\"%@`".indexOf(value.charAt(0)) >= 0) {
      return false;
    }
    return !value.contains(": ") && !value.contains(" #") && !value.endsWith(":") && value.indexOf('\n') < 0
        && !value.contains(",") && !value.contains("[") && !value.contains("]") && !value.contains("{")
        && !value.contains("}");
  }

  private static Optional<Node> entry(Node node, String key) {
    if (!(node instanceof MappingNode mapping)) {
      return Optional.empty();
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return Optional.of(tuple.getValueNode());
      }
    }
    return Optional.empty();
  }

  private static Optional<Node> withId(Node node, String id) {
    if (!(node instanceof SequenceNode sequence)) {
      return Optional.empty();
    }
    return sequence.getValue().stream()
        .filter(item -> entry(item, "id").filter(ScalarNode.class::isInstance)
            .map(v -> ((ScalarNode) v).getValue().equals(id)).orElse(false))
        .findFirst();
  }

  /** SnakeYAML counts code points; Java strings count UTF-16 units. */
  private static int charIndex(String text, int codePoints) {
    return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
  }
}
