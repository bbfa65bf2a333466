package org.citewatch.alert;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.citewatch.model.Digests;
import org.citewatch.model.Finding;

/** Stable alert ids: the same condition gives the same id in every run, on every machine. */
public final class AlertIds {

  private AlertIds() {}

  public static String of(Finding finding) {
    String key = String.join("\n", finding.kind().name(), finding.program().orElse(""), finding.claim().orElse(""),
        finding.source().orElse(""), finding.discriminator().orElse(""));
    byte[] hash = Digests.sha256().digest(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(hash, 0, 8);
  }
}
