package org.citewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.citewatch.model.ExitCodes;
import org.citewatch.store.Auditor;
import org.citewatch.store.Seals;
import org.citewatch.store.Store;
import org.citewatch.store.Timestamps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit",
    description = {"Checks the journal's hash chain and every WARC record's digests; exit 1 on any problem.",
    "--reindex first rebuilds index.db from the journal and the WARC files."})
final class AuditCommand implements Callable<Integer> {

  private static final int SHOWN = 20;

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--reindex", description = "rebuild index.db from journal.jsonl and the WARC files first")
  boolean reindex;

  @Option(names = "--wait", description = "with --reindex: wait for a run that holds the store")
  boolean waitForLock;

  @Option(names = "--expect-head", paramLabel = "LINE:SHA256", description = {"a journal head copied outside the "
      + "store (report.json's journal, a notification, status): fail if the journal no longer holds it"})
  String expectHead;

  @Option(names = "--public-key", paramLabel = "FILE", description = {"the Ed25519 public key (citewatch key init "
      + "wrote it as KEY.pub) every seal must verify under; default: the store's own signing.pub, if any"})
  Path publicKey;

  @Option(names = "--tsa-cert", paramLabel = "FILE", description = {"the time-stamp authority's certificate (PEM or "
      + "DER) every RFC 3161 token must verify under; default: the certificate each token carries"})
  Path tsaCert;

  @Override
  public Integer call() throws IOException {
    common.requireStore();
    PrintWriter out = spec.commandLine().getOut();
    Optional<Auditor.Head> expected = Optional.ofNullable(expectHead).flatMap(Auditor.Head::parse);
    if (expectHead != null && expected.isEmpty()) {
      spec.commandLine().getErr().println("citewatch audit: --expect-head takes LINE:SHA256, e.g. "
          + "1234:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, as report.json's journal gives it");
      return ExitCodes.USAGE;
    }
    if (reindex) {
      try (Store store = Store.open(common.store, waitForLock)) {
        store.reindex();
      }
      out.println("index.db rebuilt from the journal and the WARC files");
    }
    Optional<Auditor.Trust> trust = trust();
    if (trust.isEmpty()) {
      return ExitCodes.USAGE;
    }
    return print(new Auditor(common.store).run(trust.get()), trust.get(), out);
  }

  /** What the journal is held to: the head expected, the key of the seals, the time-stamp authority's certificate. */
  private Optional<Auditor.Trust> trust() {
    Optional<Auditor.Head> expected = Optional.ofNullable(expectHead).flatMap(Auditor.Head::parse);
    Optional<PublicKey> key = Optional.empty();
    if (publicKey != null) {
      try {
        key = Optional.of(Seals.readPublic(publicKey));
      } catch (IOException e) {
        spec.commandLine().getErr().println("citewatch audit: " + CitewatchCommand.describe(e));
        return Optional.empty();
      }
    }
    Optional<X509CertificateHolder> authority = Optional.empty();
    if (tsaCert != null) {
      try {
        authority = Optional.of(Timestamps.readCertificate(Files.readAllBytes(tsaCert)));
      } catch (IOException e) {
        spec.commandLine().getErr().println("citewatch audit: --tsa-cert " + tsaCert + ": "
            + CitewatchCommand.describe(e));
        return Optional.empty();
      }
    }
    return Optional.of(new Auditor.Trust(expected, key, authority));
  }

  private int print(Auditor.Report report, Auditor.Trust trust, PrintWriter out) {
    if (report.ok()) {
      out.printf(Locale.ROOT, "audit OK: %d journal lines chained, %d WARC records match their digests%s%n",
          report.journalLines(), report.records(), trust.head().map(h -> "; the journal holds head " + h).orElse("")
              + trust.publicKey().map(k -> "; every seal verifies under " + Seals.fingerprint(k)).orElse(""));
      printStamps(report, out);
      printRepairs(report, out);
      return ExitCodes.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.printf(Locale.ROOT, "audit FAILED: %d problem(s); the first broken link is:%n", report.problems().size());
    report.problems().stream().limit(SHOWN).forEach(p -> err.println("  " + p));
    if (report.problems().size() > SHOWN) {
      err.printf(Locale.ROOT, "  … and %d more%n", report.problems().size() - SHOWN);
    }
    printRepairs(report, out);
    return ExitCodes.FAILURE;
  }

  /** How far the time-stamps vouch for the journal: the last one proves every line up to it existed then. */
  private static void printStamps(Auditor.Report report, PrintWriter out) {
    if (!report.stamps().isEmpty()) {
      Timestamps.Stamp last = report.stamps().get(report.stamps().size() - 1);
      out.printf(Locale.ROOT, "%d RFC 3161 time-stamp(s) verify; the last, %s, is signed by %s%n",
          report.stamps().size(), last.genTime(), last.authority());
    }
  }

  /** Every repair the store made at an open after an interruption: on the record, and shown. */
  private static void printRepairs(Auditor.Report report, PrintWriter out) {
    if (!report.repairs().isEmpty()) {
      out.printf(Locale.ROOT, "%d repair(s) on record:%n", report.repairs().size());
      report.repairs().forEach(r -> out.println("  " + r));
    }
  }
}
