package org.citewatch.model;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated sources.yaml.
 *
 * @param warnings what will not work as written though the file is valid, each with its place
 *     ({@code file:line:col: path: message}): a notifier's unset {@code ${VAR}}, say
 */
public record Config(Path file, Settings settings, List<Source> sources, List<Program> programs,
    List<String> warnings) {

  public Config {
    sources = List.copyOf(sources);
    programs = List.copyOf(programs);
    warnings = List.copyOf(warnings);
  }

  public Config(Path file, Settings settings, List<Source> sources, List<Program> programs) {
    this(file, settings, sources, programs, List.of());
  }

  public Optional<Source> source(String id) {
    return sources.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The sources by id, for a caller that looks up many (a report names the source of every alert). */
  public Map<String, Source> sourcesById() {
    Map<String, Source> byId = new HashMap<>();
    sources.forEach(s -> byId.put(s.id(), s));
    return byId;
  }

  public Optional<Program> program(String id) {
    return programs.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** Programs with at least one claim on the given source, or whose site page it is, in config order. */
  public List<String> programsCiting(String sourceId) {
    return programs.stream()
        .filter(p -> p.claims().stream().anyMatch(c -> c.sourceId().equals(sourceId)) || isPageOf(p, sourceId))
        .map(Program::id)
        .toList();
  }

  /**
   * The program whose site page this source is: such a source has the program's id and is read
   * for what the site shows, not for claims.
   */
  public Optional<Program> pageOf(String sourceId) {
    return programs.stream().filter(p -> isPageOf(p, sourceId)).findFirst();
  }

  private static boolean isPageOf(Program program, String sourceId) {
    return program.page().isPresent() && program.id().equals(sourceId);
  }
}
