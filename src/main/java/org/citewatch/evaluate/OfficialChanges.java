package org.citewatch.evaluate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Claim;
import org.citewatch.model.Figure;
import org.citewatch.model.Finding;
import org.citewatch.model.Program;
import org.citewatch.text.FigureReader;
import org.citewatch.text.FigureSpan;

/** What a program's claim alerts say the official sources state now, for reading the site's page against. */
public final class OfficialChanges {

  private OfficialChanges() {}

  /** By claim id: each claim of the program with a FIGURE_CHANGED or CLAIM_CHANGED finding. */
  public static Map<String, PageCheck.OfficialChange> of(Program program, List<Finding> findings) {
    Map<String, PageCheck.OfficialChange> changes = new HashMap<>();
    for (Finding finding : findings) {
      boolean changed = finding.kind() == AlertKind.FIGURE_CHANGED || finding.kind() == AlertKind.CLAIM_CHANGED;
      if (!changed || !finding.program().equals(Optional.of(program.id())) || finding.claim().isEmpty()) {
        continue;
      }
      Optional<Claim> claim = program.claims().stream().filter(c -> c.id().equals(finding.claim().get())).findFirst();
      if (claim.isEmpty()) {
        continue;
      }
      Optional<String> wording = finding.evidence().after().filter(a -> !a.isBlank());
      Optional<Figure> was = claim.get().figure()
          .or(() -> claim.get().quote().flatMap(q -> FigureReader.find(q).stream().map(FigureSpan::figure)
              .findFirst()));
      Optional<Figure> now = was.flatMap(w -> wording.flatMap(text -> FigureReader.find(text).stream()
          .map(FigureSpan::figure).filter(f -> f.sameKindAs(w) && !f.equals(w)).findFirst()));
      changes.put(claim.get().id(),
          new PageCheck.OfficialChange(claim.get().id(), now.isPresent() ? was : Optional.empty(),
          now, wording));
    }
    return changes;
  }
}
