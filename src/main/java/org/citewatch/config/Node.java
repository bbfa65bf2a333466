package org.citewatch.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line and column where it was written, so that every config error can point
 * at the place to fix. Jackson's tree model drops locations, hence this small tree of our own.
 */
sealed interface Node {

  int line();

  int column();

  record Scalar(String value, boolean isNull, int line, int column) implements Node {}

  record Sequence(List<Node> items, int line, int column) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A mapping; {@code keys} keeps where each key was written, for unknown-key errors. */
  record Mapping(Map<String, Node> entries, Map<String, Scalar> keys, int line, int column) implements Node {
    public Mapping {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }
  }

  static String describe(Node node) {
    if (node instanceof Scalar s) {
      return s.isNull() ? "nothing" : "'" + s.value() + "'";
    }
    return node instanceof Sequence ? "a list" : "a mapping";
  }
}
