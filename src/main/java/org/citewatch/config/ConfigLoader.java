package org.citewatch.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.citewatch.model.Config;
import org.citewatch.model.Program;
import org.citewatch.model.Settings;
import org.citewatch.model.Source;

/**
 * Loads sources.yaml into a {@link Config}. Every problem found is reported with its file, line,
 * column and path, and all of them at once: a maintainer fixes a file in one pass, not ten.
 */
public final class ConfigLoader {

  private static final List<String> TOP_KEYS = List.of("settings", "sources", "programs");

  private final Map<String, String> env;

  /** Checks {@code ${VAR}} references against the process's environment. */
  public ConfigLoader() {
    this(System.getenv());
  }

  /** @param env the environment a run will read {@code ${VAR}} from */
  public ConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public Config load(Path file) throws ConfigException, IOException {
    String text;
    try {
      if (Files.isDirectory(file)) {
        throw unreadable(file, "it is a directory; pass --config FILE");
      }
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        // a FIFO would block the read, /dev/zero would never end it
        throw unreadable(file, "it is not a regular file (a FIFO, a device or a socket); pass --config FILE");
      }
      if (Files.exists(file) && Files.size(file) > Limits.MAX_FILE_BYTES) {
        throw unreadable(file, String.format(Locale.ROOT, "it is %,d bytes, more than sources.yaml can be (%,d); "
            + "is it the right file?", Files.size(file), Limits.MAX_FILE_BYTES));
      }
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(List.of(new Problem(file, 1, 1, "",
          "file not found; pass --config FILE or create sources.yaml (see README)")));
    } catch (CharacterCodingException e) {
      throw new ConfigException(List.of(new Problem(file, 1, 1, "", "file is not UTF-8; save it as UTF-8")));
    } catch (AccessDeniedException e) {
      throw unreadable(file, "permission denied");
    }
    return parse(file, new StringReader(text));
  }

  private static ConfigException unreadable(Path file, String why) {
    return new ConfigException(List.of(new Problem(file, 1, 1, "", "cannot read it: " + why)));
  }

  public Config parse(Path file, Reader yaml) throws ConfigException, IOException {
    Node root;
    try {
      root = new YamlReader().read(yaml);
    } catch (YamlReader.SyntaxError e) {
      throw new ConfigException(List.of(new Problem(file, e.line, e.column, "", e.getMessage())));
    } catch (YamlReader.DuplicateKey e) {
      throw new ConfigException(
          List.of(new Problem(file, e.second.line(), e.second.column(), "", e.getMessage())));
    }
    Fields fields = new Fields(file);
    Optional<Config> config = config(fields, root);
    if (!fields.problems().isEmpty() || config.isEmpty()) {
      throw new ConfigException(fields.problems());
    }
    return config.get();
  }

  /** One pass over the tree, each section by its own reader, every problem collected in {@code fields}. */
  private Optional<Config> config(Fields fields, Node root) {
    Optional<Node.Mapping> top = fields.mapping(root, "", "the file must be a mapping with settings, sources and "
        + "programs");
    if (top.isEmpty()) {
      return Optional.empty();
    }
    Node.Mapping m = top.get();
    fields.checkKeys(m, "", TOP_KEYS);
    Settings settings = m.entries().containsKey("settings")
        ? new SettingsSection(fields, env).read(m.entries().get("settings")) : Settings.defaults();
    SourceSection sourceSection = new SourceSection(fields);
    List<Source> sources = fields.list(m, "sources", "", sourceSection::source);
    Node listed = m.entries().get("sources");
    if (listed == null) {
      fields.problem(m, "sources", "missing; list at least one official page under sources:");
    } else if (listed instanceof Node.Sequence seq ? seq.items().isEmpty()
        : listed instanceof Node.Scalar s && s.isNull()) {
      // a nightly run that checks nothing and exits 0 would pass for a quiet night
      fields.problem(listed, "sources", "empty; list at least one official page under sources:");
    }
    List<Program> programs = fields.list(m, "programs", "",
        new ProgramSection(fields, sourceSection.declared())::program);
    List<Source> fetched = new ArrayList<>(sources);
    for (Program program : programs) {
      program.page().ifPresent(page -> fetched.add(page.asSource(program.id())));
    }
    return Optional.of(new Config(fields.file(), settings, fetched, programs, fields.warnings()));
  }
}
