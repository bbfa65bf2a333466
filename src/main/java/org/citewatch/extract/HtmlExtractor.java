package org.citewatch.extract;

import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.citewatch.model.Block;
import org.citewatch.model.Source;
import org.citewatch.text.CleanText;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * Turns HTML into blocks: headings, paragraphs, list items and table rows, in reading order, with
 * the source's {@code ignore:} parts and everything a reader never sees (scripts, styles, hidden
 * inputs) removed, inside the part its {@code select:} names.
 */
final class HtmlExtractor {

  private static final List<String> NEVER_SHOWN = List.of("script", "style", "noscript", "template", "iframe",
      "object", "svg");
  private static final Evaluator INVISIBLE =
      QueryParser.parse(String.join(", ", NEVER_SHOWN) + ", input[type=hidden], [hidden]");
  // An element INVISIBLE can match has one of its tags (by its normal name, or by its own name as a
  // foreign element is matched) or a hidden attribute; every other element is passed over without
  // the nine evaluations, a tenth of a nightly run's extraction. Both are made of NEVER_SHOWN, so
  // that a tag added to the one is in the other.
  private static final Set<String> INVISIBLE_TAGS = invisibleTags();

  private static final Evaluator DEFINITION_TERMS = QueryParser.parse("dl > dt");

  // A selector is parsed once, not once per page: parsing it cost as much as running it.
  private final Map<String, Evaluator> evaluators = new ConcurrentHashMap<>();

  /**
   * @param skeletonOf the page's bytes and charset, when its skeleton is wanted: the parse then
   *     keeps where each node stood in {@code html}
   */
  Extraction extract(Source source, String html, String baseUri, Optional<Bytes> skeletonOf) {
    Optional<Bytes> learn = skeletonOf.filter(b -> Skeleton.cuttable(b.charset())
        && Skeleton.appliesTo(source.select(), source.ignore()));
    Document document = learn.isEmpty() ? Jsoup.parse(html, baseUri)
        : Parser.htmlParser().setTrackPosition(true).parseInput(html, baseUri);
    List<TextNode> mayChange = learn.isEmpty() ? List.of() : textOutsideUnfree(document);
    removeInvisible(document);
    for (String css : source.ignore()) {
      document.select(evaluator(css)).remove();
    }
    Elements roots = source.select().map(css -> document.select(evaluator(css)))
        .orElseGet(() -> new Elements(document.body()));
    List<Block> blocks = new ArrayList<>();
    Set<TextNode> read = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element root : roots) {
      pairDefinitions(root);
      NodeTraversor.traverse(new BlockCollector(blocks, learn.isEmpty() ? null : read), root);
    }
    String title = document.title();
    Optional<Skeleton> skeleton = learn.flatMap(bytes -> {
      Map<Integer, Integer> free = new HashMap<>();
      for (TextNode node : mayChange) {
        if (!read.contains(node)) {
          free.put(node.sourceRange().startPos(), node.sourceRange().endPos());
        }
      }
      return Skeleton.of(bytes.body(), bytes.charset(), html, free, title);
    });
    return new Extraction(blocks, !roots.isEmpty(), "html", title, skeleton);
  }

  /** A page's bytes and the charset they were read in. */
  record Bytes(byte[] body, Charset charset) {}

  /**
   * The text nodes of the body outside every element whose text follows rules of its own: those a
   * change may leave the parse alone with ({@link Skeleton#of} also refuses one that holds a
   * character reference). Taken before the extraction removes any node.
   */
  private static List<TextNode> textOutsideUnfree(Document document) {
    List<TextNode> found = new ArrayList<>();
    Element body = document.body();
    if (body == null) {
      return found;
    }
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element element) {
          return Skeleton.UNFREE.contains(element.normalName()) ? FilterResult.SKIP_ENTIRELY : FilterResult.CONTINUE;
        }
        if (node instanceof TextNode text && text.sourceRange().isTracked()) {
          found.add(text);
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        return FilterResult.CONTINUE;
      }
    }, body);
    return found;
  }

  /** As {@code document.select(INVISIBLE).remove()}, asking INVISIBLE only of an element it may match. */
  private static void removeInvisible(Document document) {
    List<Element> invisible = new ArrayList<>();
    for (Element element : document.getAllElements()) {
      boolean mayMatch = INVISIBLE_TAGS.contains(element.normalName()) || INVISIBLE_TAGS.contains(element.tagName())
          // attributes() would give each element without any an empty set of them
          || element.attributesSize() > 0 && element.attributes().hasKeyIgnoreCase("hidden");
      if (mayMatch && INVISIBLE.matches(document, element)) {
        invisible.add(element);
      }
    }
    invisible.forEach(Element::remove);
  }

  private static Set<String> invisibleTags() {
    Set<String> tags = new HashSet<>(NEVER_SHOWN);
    tags.add("input");
    return Set.copyOf(tags);
  }

  /**
   * A {@code <dt>} and the {@code <dd>}s after it read as one label/value unit, like a table row:
   * "Afati i ankimimit | 8 ditë". Rewritten as a row so that one rule joins every kind of cell.
   */
  private static void pairDefinitions(Element root) {
    for (Element term : root.select(DEFINITION_TERMS)) {
      Element row = new Element("tr");
      moveChildren(term, row.appendElement("td"));
      Element next = term.nextElementSibling();
      while (next != null && next.normalName().equals("dd")) {
        moveChildren(next, row.appendElement("td"));
        Element done = next;
        next = next.nextElementSibling();
        done.remove();
      }
      term.replaceWith(row);
    }
  }

  private static void moveChildren(Element from, Element to) {
    to.insertChildren(0, from.childNodes());
  }

  private Evaluator evaluator(String css) {
    return evaluators.computeIfAbsent(css, QueryParser::parse);
  }

  private static final class BlockCollector implements NodeVisitor {
    // one look-up a tag: the visitor asks it of every element twice
    private static final Map<String, Block.Kind> KINDS = kinds();
    private static final Set<String> CONTAINERS = Set.of("html", "body", "div", "section", "article", "main",
        "aside", "header", "footer", "nav", "ul", "ol", "dl", "menu", "table", "thead", "tbody", "tfoot", "form",
        "fieldset", "details", "figure", "hr", "center");

    private record Open(Block.Kind kind, CleanText text) {}

    private final List<Block> blocks;
    private final Set<TextNode> read;
    private final Deque<Open> stack = new ArrayDeque<>();

    /** @param read where the text nodes read go, or null */
    BlockCollector(List<Block> blocks, Set<TextNode> read) {
      this.blocks = blocks;
      this.read = read;
      stack.push(new Open(Block.Kind.PARAGRAPH, new CleanText()));
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text) {
        if (read != null) {
          read.add(text);
        }
        stack.peek().text().append(text.getWholeText());
      } else if (node instanceof Element element) {
        String tag = element.normalName();
        Optional<Block.Kind> kind = kindOf(tag);
        if (kind.isPresent()) {
          flush();
          stack.push(new Open(kind.get(), new CleanText()));
        } else if (CONTAINERS.contains(tag)) {
          flush();
        } else if ((tag.equals("td") || tag.equals("th")) && !stack.peek().text().isBlank()) {
          stack.peek().text().append(" | ");
        } else if (tag.equals("br")) {
          stack.peek().text().append(" ");
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element) {
        String tag = element.normalName();
        if (kindOf(tag).isPresent()) {
          flush();
          if (stack.size() > 1) {
            stack.pop();
          }
        } else if (CONTAINERS.contains(tag)) {
          flush();
        } else if (tag.equals("td") || tag.equals("th")) {
          stack.peek().text().append(" ");
        }
      }
      if (depth == 0) {
        flush();
      }
    }

    private void flush() {
      Open open = stack.peek();
      String text = open.text().take();
      if (text.endsWith(" |")) {
        text = text.substring(0, text.length() - 2);
      }
      if (!text.isEmpty()) {
        blocks.add(new Block(open.kind(), text));
      }
    }

    private static Optional<Block.Kind> kindOf(String tag) {
      return Optional.ofNullable(KINDS.get(tag));
    }

    private static Map<String, Block.Kind> kinds() {
      Map<String, Block.Kind> kinds = new HashMap<>();
      for (String heading : List.of("h1", "h2", "h3", "h4", "h5", "h6")) {
        kinds.put(heading, Block.Kind.HEADING);
      }
      for (String paragraph : List.of("p", "blockquote", "pre", "address", "figcaption", "caption", "dt", "dd",
          "summary", "legend", "label")) {
        kinds.put(paragraph, Block.Kind.PARAGRAPH);
      }
      kinds.put("li", Block.Kind.ITEM);
      kinds.put("tr", Block.Kind.ROW);
      return Map.copyOf(kinds);
    }
  }
}
