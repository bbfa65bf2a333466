package org.citewatch.schedule;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citewatch.config.ClaimEdits;
import org.citewatch.config.ConfigException;
import org.citewatch.config.ConfigLoader;
import org.citewatch.model.Claim;
import org.citewatch.model.Config;
import org.citewatch.model.Figure;
import org.citewatch.model.Program;
import org.citewatch.store.Store;

/**
 * {@code verify --accept} and the review page's "verify with the official wording": what sources.yaml
 * would say if each open claim alert's current official wording were written into it. Deciding is
 * apart from writing: the command shows the diff and asks, the page shows the changes on a button.
 */
public final class OfficialWording {

  /**
   * The rewrite of sources.yaml for one program.
   *
   * @param formerFigures by claim id, the figure a claim stated before: the site's page may still show it
   */
  public record Proposal(Path file, List<ClaimEdits.Edit> edits, String before, String after, Config config,
      Map<String, Figure> formerFigures) {

    public String diff() {
      return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(file.toString(), file.toString(),
          before.lines().toList(), DiffUtils.diff(before.lines().toList(), after.lines().toList()), 1));
    }

    /** Writes the new sources.yaml in one rename: a reader sees the old file or the new one. */
    public void write() throws IOException {
      Path temp = file.resolveSibling(file.getFileName() + ".citewatch-tmp");
      Files.writeString(temp, after, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private OfficialWording() {}

  /**
   * The rewrite, or empty when there is nothing citewatch can write for the program.
   *
   * @throws ConfigException when the rewritten file would not be valid (it is then left as it is)
   */
  public static Optional<Proposal> propose(Config config, Program program, Store store, Clock clock)
      throws IOException, ConfigException {
    List<Verification.Fix> fixes = new Verification(config, store, clock).fixes(program);
    List<ClaimEdits.Edit> edits = new ArrayList<>();
    for (Verification.Fix fix : fixes) {
      fix.quote().ifPresent(q -> edits.add(new ClaimEdits.Edit(program.id(), fix.claim().id(), "quote", q)));
      fix.figure().ifPresent(f -> edits.add(new ClaimEdits.Edit(program.id(), fix.claim().id(), "figure", f)));
    }
    if (edits.isEmpty()) {
      return Optional.empty();
    }
    Path file = config.file();
    String before = Files.readString(file, StandardCharsets.UTF_8);
    String after = ClaimEdits.apply(before, edits);
    Config checked = new ConfigLoader().parse(file, new StringReader(after));
    Map<String, Figure> former = new HashMap<>();
    Program rewritten = checked.program(program.id()).orElseThrow();
    for (Claim claim : program.claims()) {
      Optional<Figure> now = rewritten.claims().stream().filter(c -> c.id().equals(claim.id())).findFirst()
          .flatMap(Claim::figure);
      claim.figure().filter(f -> now.isPresent() && !now.get().equals(f)).ifPresent(f -> former.put(claim.id(), f));
    }
    return Optional.of(new Proposal(file, edits, before, after, checked, former));
  }
}
