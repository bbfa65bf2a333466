package org.citewatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads YAML into a {@link Node} tree through Jackson's streaming parser, keeping locations. */
final class YamlReader {

  /** A YAML syntax error, with the place the YAML parser gave. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    SyntaxError(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  // SnakeYAML stops at 3 MiB of text unless told otherwise: a file within Limits.MAX_FILE_BYTES is read whole
  private final YAMLFactory factory = YAMLFactory.builder().loaderOptions(loaderOptions()).build();

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit((int) Limits.MAX_FILE_BYTES);
    return options;
  }

  Node read(Reader yaml) throws SyntaxError, IOException {
    try (JsonParser parser = factory.createParser(yaml)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Node.Mapping(Map.of(), Map.of(), 1, 1);
      }
      Node root = value(parser);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new SyntaxError("more than one YAML document; keep one", at.getLineNr(), at.getColumnNr());
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    } catch (Refused e) {
      throw new SyntaxError(e.getMessage(), e.line, e.column);
    }
  }

  private Node value(JsonParser parser) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = parser.currentToken();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      // Jackson reads an alias as its anchor's name: a quote "*q" would be checked on every page
      throw new Refused("a YAML alias (*" + parser.getText() + ") is not read by citewatch; write the value out in "
          + "full here", line, column);
    }
    if (token == JsonToken.START_OBJECT) {
      Map<String, Node> entries = new LinkedHashMap<>();
      Map<String, Node.Scalar> keys = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        JsonLocation keyAt = parser.currentTokenLocation();
        String key = parser.currentName();
        Node.Scalar keyNode = new Node.Scalar(key, false, keyAt.getLineNr(), keyAt.getColumnNr());
        parser.nextToken();
        Node child = value(parser);
        if (keys.containsKey(key)) {
          throw new DuplicateKey(key, keyNode, keys.get(key));
        }
        keys.put(key, keyNode);
        entries.put(key, child);
      }
      return new Node.Mapping(entries, keys, line, column);
    }
    if (token == JsonToken.START_ARRAY) {
      List<Node> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(value(parser));
      }
      return new Node.Sequence(items, line, column);
    }
    if (token == JsonToken.VALUE_NULL) {
      return new Node.Scalar("", true, line, column);
    }
    return new Node.Scalar(parser.getText(), false, line, column);
  }

  /** A construct citewatch does not read, thrown inside the walk and turned into a SyntaxError. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;
    final int line;
    final int column;

    Refused(String message, int line, int column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  /** Thrown inside the walk so that the caller turns it into a SyntaxError with the key's place. */
  static final class DuplicateKey extends IOException {
    private static final long serialVersionUID = 1L;
    final transient Node.Scalar second;
    final transient Node.Scalar first;

    DuplicateKey(String key, Node.Scalar second, Node.Scalar first) {
      super("key '" + key + "' appears twice (first at line " + first.line() + "); keep one");
      this.second = second;
      this.first = first;
    }
  }

  private static SyntaxError syntaxError(JsonProcessingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      String problem = marked.getProblem() == null ? marked.getMessage() : marked.getProblem();
      String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
      return new SyntaxError("YAML syntax: " + problem + context
          + "; check the indentation of this line and the one above",
          marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
    }
    JsonLocation at = e.getLocation();
    int line = at == null ? 1 : Math.max(1, at.getLineNr());
    int column = at == null ? 1 : Math.max(1, at.getColumnNr());
    return new SyntaxError("YAML syntax: " + e.getOriginalMessage(), line, column);
  }
}
