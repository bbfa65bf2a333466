package org.citewatch.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.citewatch.model.Digests;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Checks that the record is whole and unedited: every journal line chains to the one before by
 * SHA-256, every WARC record the journal refers to is where it says and matches its digests, and
 * every record of every WARC file reads and matches its block digest.
 */
public final class Auditor {

  /** What an audit found: how much it read, and every problem with its place. */
  public record Report(long journalLines, long records, List<String> problems, List<String> repairs,
      List<Timestamps.Stamp> stamps) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final Records records;

  public Auditor(Path dir) {
    this.records = new Records(dir);
  }

  /** The journal's last line as a copy outside the store holds it: {@code LINE:SHA256}. */
  public record Head(long line, String sha256) {
    public static Optional<Head> parse(String text) {
      String[] parts = text.strip().split(":", 2);
      if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("[0-9a-f]{64}")) {
        return Optional.empty();
      }
      return Optional.of(new Head(Long.parseLong(parts[0]), parts[1]));
    }

    @Override
    public String toString() {
      return line + ":" + sha256;
    }
  }

  /**
   * What the auditor holds outside the store.
   *
   * @param head a journal head copied outside the store (a report, a notification, status): the
   *     journal must still hold that line with that digest
   * @param publicKey the key the journal's seals must verify under; without one, the store's own
   *     signing.pub is used when there is one
   * @param authority the time-stamp authority's certificate every token must verify under; without
   *     one, each token is checked under the certificate it carries
   */
  public record Trust(Optional<Head> head, Optional<PublicKey> publicKey, Optional<X509CertificateHolder> authority) {
    public static Trust none() {
      return new Trust(Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  public Report run() throws IOException {
    return run(Trust.none());
  }

  public Report run(Trust trust) throws IOException {
    Path kept = records.journal().resolveSibling(Seals.PUBLIC_KEY);
    Optional<PublicKey> key = trust.publicKey().isPresent() ? trust.publicKey()
        : Files.isRegularFile(kept) ? Optional.of(Seals.readPublic(kept)) : Optional.empty();
    Chain chain = new Chain(new Trust(trust.head(), key, trust.authority()));
    JournalReader.forEach(records.journal(), chain::line);
    trust.head().ifPresent(chain::holdsHead);
    key.ifPresent(k -> chain.sealed(trust.publicKey().isPresent()));
    long count = checkWarcFiles(chain.problems, chain.journaled);
    return new Report(chain.lines, count, chain.problems, chain.repairs, chain.stamps);
  }

  /** The journal read line by line: its hash chain, its seals, its time-stamps, the records it names. */
  private final class Chain {
    final List<String> problems = new ArrayList<>();
    final List<String> repairs = new ArrayList<>();
    final List<Timestamps.Stamp> stamps = new ArrayList<>();
    final JournaledRanges journaled = new JournaledRanges();
    private final Set<String> referenced = new HashSet<>();
    private final Trust trust;
    private final Optional<PublicKey> key;
    long lines;
    private String previous = Journal.GENESIS;
    private String atExpected;
    /** The last line that must be sealed, and what it is; the last line a valid seal covers; the seals seen. */
    private long lastSealable;
    private String lastSealableKind = "";
    private long lastSealed;
    private long seals;

    /** @param trust with the key the seals must verify under: the auditor's, or the store's own */
    Chain(Trust trust) {
      this.trust = trust;
      this.key = trust.publicKey();
    }

    void line(JournalReader.Line line) {
      lines++;
      String where = String.format(Locale.ROOT, "%s line %d", Store.JOURNAL, line.number());
      if (line.entry().isEmpty()) {
        problems.add(where + ": not a journal line (edited or torn)");
      } else {
        entry(line.number(), line.entry().get(), where);
      }
      previous = Digests.hex(line.text().getBytes(StandardCharsets.UTF_8));
      if (trust.head().isPresent() && trust.head().get().line() == line.number()) {
        atExpected = previous;
      }
    }

    private void entry(long number, Journal.Entry entry, String where) {
      if (entry.seq() != number) {
        problems.add(where + ": seq is " + entry.seq() + ", expected " + number
            + " (a line was deleted, inserted or moved)");
      }
      if (!entry.prev().equals(previous)) {
        problems.add(where + ": 'prev' is not the SHA-256 of line " + (number - 1)
            + " (a line before it was edited, deleted, inserted or moved)");
      }
      checkReferences(entry.event(), where, problems, referenced);
      if (entry.event() instanceof Repair repair) {
        repairs.add(entry.time() + ": " + repair);
      }
      journaled.accept(entry.event());
      if (entry.event() instanceof Event.Timestamped stamp) {
        stamp(number, stamp, where);
      }
      if (key.isPresent()) {
        seal(number, entry.event(), key.get(), where);
      }
    }

    /** The journal must still hold the head copied outside the store. */
    void holdsHead(Head head) {
      if (atExpected == null) {
        problems.add(Store.JOURNAL + ": has " + lines + " line(s), fewer than the head " + head
            + " copied outside the store (lines were removed from its end)");
      } else if (!atExpected.equals(head.sha256())) {
        problems.add(Store.JOURNAL + " line " + head.line() + ": its SHA-256 is not the head " + head
            + " copied outside the store (the line was edited, or the journal rewritten from there)");
      }
    }

    /** With a key, the journal must carry seals, and its last sealable line must be sealed. */
    void sealed(boolean keyGiven) {
      if (seals == 0) {
        problems.add(Store.JOURNAL + ": carries no seal, though " + (keyGiven ? "a public key was given"
            : "the store keeps a signing key")
            + " (seal lines were removed, or the journal rewritten without the key)");
      } else if (lastSealable > lastSealed) {
        problems.add(Store.JOURNAL + " line " + lastSealable + " (" + lastSealableKind + "): not sealed; every run, "
            + "acknowledgement and verification is followed by a seal");
      }
    }

    /** A time-stamp must stamp the line just before it, and its token must verify and say what the line says. */
    private void stamp(long number, Event.Timestamped stamp, String where) {
      if (stamp.stampedLine() != number - 1 || !stamp.stampedSha256().equals(previous)) {
        problems.add(where
            + ": the time-stamp does not stamp the line before it (the journal was rewritten under it)");
        return;
      }
      try {
        byte[] token = Base64.getDecoder().decode(stamp.token());
        Timestamps.Stamp verified = trust.authority().isPresent()
            ? Timestamps.verify(token, previous, trust.authority().get()) : Timestamps.verify(token, previous);
        if (!verified.genTime().equals(stamp.genTime())) {
          problems.add(where + ": the line says it was time-stamped at " + stamp.genTime() + ", its token says "
              + verified.genTime());
        } else {
          stamps.add(verified);
        }
      } catch (IOException | IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }

    /**
     * A seal must sign the line just before it, under the key; every run, acknowledgement and
     * verification after the first seal must be covered by one.
     */
    private void seal(long number, Event event, PublicKey key, String where) {
      String sealable = event instanceof Event.RunFinished ? "run-finished"
          : event instanceof Event.Verified ? "verify"
          : event instanceof Event.AlertChanged changed && changed.acknowledgement() ? "an acknowledgement" : null;
      if (sealable != null && seals > 0) {
        lastSealable = number;
        lastSealableKind = sealable;
      }
      if (!(event instanceof Event.Sealed seal)) {
        return;
      }
      seals++;
      long sealed = seal.sealedLine();
      String sha = seal.sealedSha256();
      if (sealed != number - 1 || !sha.equals(previous)) {
        problems.add(where + ": the seal does not seal the line before it (the journal was rewritten under it)");
      } else if (!Seals.verify(key, sealed, sha, seal.signature())) {
        problems.add(where + ": the seal's signature does not verify under key " + Seals.fingerprint(key)
            + " (a forged seal, or a journal re-chained without the key)");
      } else {
        lastSealed = sealed;
      }
    }
  }

  /** The response records the journal's snapshots name: a revisit must refer to one of them. */
  private final Set<String> responseIds = new HashSet<>();

  private void checkReferences(Event event, String where, List<String> problems, Set<String> seen) {
    if (event instanceof Event.SnapshotTaken taken) {
      responseIds.add(taken.responseRecordId());
      String file = taken.warc();
      if (seen.add(file + "@" + taken.requestOffset())) {
        verify(file, taken.requestOffset(), where, Journaled.DIGESTS_ONLY, problems);
      }
      if (seen.add(file + "@" + taken.responseOffset())) {
        verify(file, taken.responseOffset(), where, Journaled.payload(taken.payloadDigest()), problems);
      }
      if (taken.conversionOffset() >= 0 && seen.add(file + "@" + taken.conversionOffset())) {
        verify(file, taken.conversionOffset(), where, Journaled.content(taken.contentDigest()), problems);
      }
    } else if (event instanceof Event.Checked check) {
      for (WarcRef record : check.written()) {
        if (seen.add(record.file() + "@" + record.offset())) {
          verify(record.file(), record.offset(), where, Journaled.DIGESTS_ONLY, problems);
        }
      }
    }
  }

  /**
   * What the journal recorded of a record, beyond the record's own digests.
   *
   * @param payloadDigest for a response, its payload's digest
   * @param contentDigest for a conversion record, the digest of its blocks: a forged text with its
   *     WARC digests fixed still differs here
   */
  private record Journaled(Optional<String> payloadDigest, Optional<String> contentDigest) {
    static final Journaled DIGESTS_ONLY = new Journaled(Optional.empty(), Optional.empty());

    static Journaled payload(String digest) {
      return new Journaled(Optional.of(digest), Optional.empty());
    }

    static Journaled content(String digest) {
      return new Journaled(Optional.empty(), Optional.ofNullable(digest));
    }
  }

  private void verify(String file, long offset, String where, Journaled journaled, List<String> problems) {
    Optional<String> payloadDigest = journaled.payloadDigest();
    Optional<String> contentDigest = journaled.contentDigest();
    String at = Store.WARC_DIR + "/" + file + "@" + offset;
    try {
      String problem = WarcRecords.at(records.warcDir(), file, offset, record -> {
        byte[] body = record.body().stream().readAllBytes();
        Optional<String> digest = digestProblem(record);
        if (digest.isEmpty() && contentDigest.isPresent()
            && !Digests.ofBlocks(WarcRecords.blocks(body)).equals(contentDigest.get())) {
          return "its extracted text is not the text the journal recorded (content digest " + contentDigest.get() + ")";
        }
        if (digest.isPresent()) {
          return digest.get();
        }
        if (record instanceof WarcRevisit revisit && !revisit.refersTo().map(id -> responseIds.contains(id.toString()))
            .orElse(false)) {
          return "its WARC-Refers-To names no response record the journal knows (a revisit pointing elsewhere)";
        }
        if (payloadDigest.isPresent() && record instanceof WarcResponse response) {
          Optional<WarcDigest> stored = response.payloadDigest();
          String expected = payloadDigest.get().replace("sha256:", "");
          if (stored.isEmpty() || !stored.get().hex().equalsIgnoreCase(expected)) {
            return "its payload digest is not the one the journal recorded";
          }
        }
        return null;
      });
      if (problem != null) {
        problems.add(at + " (referred to by " + where + "): " + problem);
      }
    } catch (IOException | RuntimeException e) {
      problems.add(at + " (referred to by " + where + "): cannot be read: " + e.getMessage());
    }
  }

  private static Optional<String> digestProblem(WarcRecord record) throws IOException {
    Optional<WarcDigest> stored = record.blockDigest();
    Optional<WarcDigest> computed = record.calculatedBlockDigest();
    if (stored.isPresent() && computed.isPresent() && !stored.get().equals(computed.get())) {
      return Optional.of("its content does not match its WARC-Block-Digest (the record was edited)");
    }
    return Optional.empty();
  }

  private long checkWarcFiles(List<String> problems, JournaledRanges journaled) throws IOException {
    if (!Files.isDirectory(records.warcDir())) {
      return 0;
    }
    long count = 0;
    List<Path> files;
    try (var list = Files.list(records.warcDir())) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".warc.gz")).sorted().toList();
    }
    for (Path file : files) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
          WarcReader reader = new WarcReader(channel)) {
        reader.calculateBlockDigest();
        long last = -1;
        try {
          for (Optional<WarcRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
            // jwarc's position is that of the record just read
            last = reader.position();
            String name = file.getFileName().toString();
            if (!(next.get() instanceof Warcinfo) && !journaled.covered(name, last)
                && !journaled.leftByInterruptedRun(name, last)) {
              problems.add(Store.WARC_DIR + "/" + file.getFileName() + "@" + last + ": a " + next.get().type()
                  + " record no journal line refers to (an orphan: the journal lost lines, or the record was added)");
            }
            next.get().body().consume();
            Optional<String> problem = digestProblem(next.get());
            if (problem.isPresent()) {
              problems.add(Store.WARC_DIR + "/" + file.getFileName() + "@" + last + ": " + problem.get());
            }
            count++;
          }
        } catch (IOException | RuntimeException e) {
          problems.add(Store.WARC_DIR + "/" + file.getFileName() + (last < 0 ? "@0" : " after the record @" + last)
              + ": cannot be read: " + e.getMessage());
        }
      }
    }
    return count;
  }
}
