package org.citewatch.schedule;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citewatch.compare.BlockDiff;
import org.citewatch.compare.Change;
import org.citewatch.evaluate.Evaluator;
import org.citewatch.evaluate.PageGuard;
import org.citewatch.extract.Extraction;
import org.citewatch.extract.Extractor;
import org.citewatch.extract.Skeleton;
import org.citewatch.extract.UnreadableContent;
import org.citewatch.fetch.BotChallenge;
import org.citewatch.fetch.Exchange;
import org.citewatch.fetch.FetchResult;
import org.citewatch.fetch.Fetcher;
import org.citewatch.fetch.Validators;
import org.citewatch.model.AlertKind;
import org.citewatch.model.Config;
import org.citewatch.model.Digests;
import org.citewatch.model.Evidence;
import org.citewatch.model.Finding;
import org.citewatch.model.Snapshot;
import org.citewatch.model.Source;
import org.citewatch.store.Captures;
import org.citewatch.store.Check;
import org.citewatch.store.SourceState;
import org.citewatch.store.Store;
import org.citewatch.store.WarcRef;
import org.slf4j.LoggerFactory;

/**
 * One source's check within a run: fetch, decide what the answer is against the baseline
 * ({@link #classify}, which writes nothing), then write what the decision says in one place
 * ({@link #record}) and evaluate the claims on a page that is the page.
 */
final class SourceCheck {

  /** What one source gave this run; a program's site page also gives its text, read once every source is in. */
  record SourceRun(Source source, Check.Outcome outcome, List<Finding> findings, boolean evaluated,
      Optional<Snapshot> page) {

    static SourceRun of(Source source, Check.Outcome outcome, List<Finding> findings, boolean evaluated) {
      return new SourceRun(source, outcome, findings, evaluated, Optional.empty());
    }
  }

  /**
   * What a fetch is compared with.
   *
   * @param previous the baseline, read again with the source's rules when they changed
   * @param sameRules the baseline was extracted with the source's select/ignore of today
   * @param unreported the last reported baseline, when a killed run captured a change it never told
   * @param skeleton what of the baseline's page its blocks depend on, when it was read with today's
   *     rules and has a conversion record, which a page read as it without a parse takes as its own
   */
  private record Baseline(Optional<Snapshot> previous, boolean sameRules, Optional<Snapshot> unreported,
      Optional<Skeleton> skeleton) {}

  private final Config config;
  private final Store store;
  private final Clock clock;
  private final Extractor extractor;
  private final Evaluator evaluator;
  private final PageGuard guard;
  private final RunState run;

  SourceCheck(Config config, Store store, Clock clock, Extractor extractor, Evaluator evaluator, RunState run) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.extractor = extractor;
    this.evaluator = evaluator;
    this.guard = new PageGuard(config.settings().maxShrinkPercent());
    this.run = run;
  }

  SourceRun check(Fetcher fetcher, Source source) throws IOException {
    SourceState state = store.state(source.id()).orElse(SourceState.none(source.id()));
    // the request goes out first: the lane's per_host_delay counts from the check's start, and a
    // baseline read again with new select/ignore must not push this request towards the next one
    FetchResult result = fetcher.fetch(source, validators(source, state));
    Baseline baseline = baseline(source, state);
    Verdict verdict = classify(source, result, baseline);
    return record(source, state, result, baseline, verdict);
  }

  /**
   * A conditional request only for a baseline read with the source's rules: a 304 answers for the
   * body, and after an edit of select or ignore the body must come again, to be captured and read
   * with the new rules (a 304 left the check with no page to read, and the source failed).
   */
  private static Validators validators(Source source, SourceState state) {
    return readWithRules(source, state.latest()) ? new Validators(state.etag(), state.lastModified())
        : Validators.none();
  }

  private static boolean readWithRules(Source source, Optional<Snapshot> stored) {
    return stored.map(p -> p.rules() == null || p.rules().equals(source.rules())).orElse(true);
  }

  private Baseline baseline(Source source, SourceState state) {
    Optional<Snapshot> stored = state.latest();
    boolean sameRules = readWithRules(source, stored);
    Optional<Snapshot> previous = sameRules ? stored : stored.map(p -> reextracted(source, p));
    Optional<Snapshot> unreported = state.unreportedSince().map(u -> sameRules ? u : reextracted(source, u));
    boolean converted = stored.map(p -> p.conversionOffset() >= 0).orElse(false);
    return new Baseline(previous, sameRules, unreported,
        sameRules && converted ? state.skeleton() : Optional.empty());
  }

  /** What the fetch is, against the baseline; reads the answer, writes nothing. */
  private Verdict classify(Source source, FetchResult result, Baseline baseline) {
    Optional<Exchange> exchange = result.exchange();
    Optional<Snapshot> previous = baseline.previous();
    boolean samePayload = result.ok() && exchange.isPresent() && previous.isPresent()
        && (result.notModified() || exchange.get().payloadDigest().equals(previous.get().payloadDigest()));
    if (samePayload && baseline.sameRules() && result.moved().isEmpty()) {
      return new Verdict.Unchanged(previous.get());
    }
    if (!result.ok() || result.notModified()) {
      return new Verdict.Failed(result.failure().map(f -> f.message())
          .orElse("the server answered 304 Not Modified to a request that was not conditional"));
    }
    Exchange answer = exchange.get();
    if (isBlank(answer.decodedBody())) {
      return new Verdict.Degraded("the server answered HTTP " + answer.status() + " with an empty body",
          Optional.empty());
    }
    Optional<Extraction> parsed;
    try {
      // a redirect to another address is judged on the page it gave, never taken for the baseline's
      parsed = extractor.extractUnless(result.moved().isEmpty() ? baseline.skeleton() : Optional.empty(), source,
          answer);
      if (parsed.isEmpty()) {
        Optional<Verdict.ReadsAsBefore> same = readsAsBefore(source, baseline);
        if (same.isPresent()) {
          return same.get();
        }
        parsed = Optional.of(extractor.extract(source, answer));
      }
    } catch (UnreadableContent e) {
      return new Verdict.Degraded(e.getMessage(), Optional.empty());
    }
    return judged(source, result, previous, parsed.get());
  }

  /** A page read: what it is against the baseline, {@code previous}. */
  private Verdict judged(Source source, FetchResult result, Optional<Snapshot> previous, Extraction extraction) {
    Verdict.Read read = new Verdict.Read(extraction, Digests.ofBlocks(extraction.blocks()));
    Exchange answer = result.exchange().orElseThrow();
    boolean readsAsBefore = previous.map(p -> p.contentDigest().equals(read.contentDigest())).orElse(false);
    Optional<String> challenge = readsAsBefore ? Optional.empty() : challenge(answer, read);
    if (challenge.isPresent()) {
      return new Verdict.Degraded(challenge.get(), Optional.empty());
    }
    int baselineLength = previous.map(Snapshot::textLength).orElse(0);
    Optional<String> notThePage = result.moved().or(() -> guard.notThePage(source, extraction, baselineLength));
    if (notThePage.isPresent()) {
      return new Verdict.Degraded(notThePage.get(), Optional.of(read));
    }
    return new Verdict.Captured(read,
        previous.isEmpty() ? Check.Outcome.NEW : readsAsBefore ? Check.Outcome.UNCHANGED : Check.Outcome.CHANGED);
  }

  /**
   * The baseline's reading, for a page whose bytes differ from the baseline's only where its
   * skeleton says they cannot change what it reads ({@link Skeleton}): the parse it saves is most of
   * a check's cost, on the nights when only a sidebar or a footer moved. Empty when the baseline's
   * conversion record cannot be read back: the page is then parsed, and the log says why.
   */
  private Optional<Verdict.ReadsAsBefore> readsAsBefore(Source source, Baseline baseline) {
    try {
      Snapshot previous = baseline.previous().orElseThrow();
      byte[] conversion = store.captures().conversionOf(previous);
      return Optional.of(new Verdict.ReadsAsBefore(previous, conversion, baseline.skeleton().orElseThrow()));
    } catch (IOException unreadable) {
      LoggerFactory.getLogger(SourceCheck.class).debug("{}: the baseline's conversion record could not be read "
          + "back ({}); parsing the page", source.id(), unreadable.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A bot challenge served in place of the page. Asked only of a page that reads differently from
   * its baseline: one that reads exactly as the baseline, which was no challenge, is the page.
   */
  private static Optional<String> challenge(Exchange answer, Verdict.Read read) {
    return BotChallenge.detectServed(answer, Snapshot.textLength(read.extraction().blocks()))
        .map(vendor -> "the server answered HTTP " + answer.status() + " with a bot challenge (" + vendor
            + "), not the page; ask the site to let citewatch's user agent through");
  }

  /** Writes what the verdict says: the evidence, then the check's journal line and the index. */
  private SourceRun record(Source source, SourceState before, FetchResult result, Baseline baseline,
      Verdict verdict) throws IOException {
    Instant at = result.started();
    List<WarcRef> hops = result.hops().isEmpty() ? List.of() : store.captures().redirects(result.hops(), at);
    if (verdict instanceof Verdict.Unchanged unchanged) {
      return unchanged(source, before, result, hops, unchanged.baseline(), baseline);
    }
    if (verdict instanceof Verdict.Failed failed) {
      Check check = Check.of(result, Check.Outcome.FAILED, hops);
      if (result.exchange().isPresent()) {
        check = check.withRecord(store.captures().captureFailed(result.exchange().get(), at, result.truncated()));
      }
      return unchecked(source, before, check, failed.why(), AlertKind.SOURCE_UNREACHABLE);
    }
    Exchange answer = result.exchange().orElseThrow();
    if (verdict instanceof Verdict.Degraded degraded) {
      Optional<Verdict.Read> read = degraded.read();
      WarcRef evidence = read.isPresent()
          ? store.captures().capture(source, answer, read.get().extraction(), read.get().contentDigest(), at).record()
          : store.captures().captureFailed(answer, at);
      Check check = Check.of(result, Check.Outcome.DEGRADED, hops).withRecord(evidence);
      return unchecked(source, before, check, degraded.why(), AlertKind.SOURCE_DEGRADED);
    }
    if (verdict instanceof Verdict.ReadsAsBefore same) {
      Captures.Captured stored = store.captures().captureAsBefore(source, answer, same.baseline(), same.conversion(),
          at);
      return captured(source, before, result, hops, baseline, Check.Outcome.UNCHANGED, stored,
          Optional.of(same.skeleton()));
    }
    Verdict.Captured captured = (Verdict.Captured) verdict;
    Verdict.Read read = captured.read();
    Captures.Captured stored = store.captures().capture(source, answer, read.extraction(), read.contentDigest(), at);
    return captured(source, before, result, hops, baseline, captured.outcome(), stored, read.extraction().skeleton());
  }

  /** A capture's check, journaled and indexed with the capture as the new baseline, and its claims judged. */
  private SourceRun captured(Source source, SourceState before, FetchResult result, List<WarcRef> hops,
      Baseline baseline, Check.Outcome outcome, Captures.Captured stored, Optional<Skeleton> skeleton)
      throws IOException {
    Snapshot snapshot = stored.snapshot();
    Exchange answer = result.exchange().orElseThrow();
    store.check(Check.of(result, outcome, hops).withSnapshot(snapshot).withRecord(stored.record()),
        before.checkedAt(result.started()).withBaseline(snapshot, skeleton).withValidatorsOf(answer));
    boolean changed = outcome == Check.Outcome.CHANGED;
    Optional<Snapshot> compareWith = baseline.unreported().or(() -> changed ? baseline.previous() : Optional.empty());
    List<Change> changes = compareWith.isEmpty() ? List.of()
        : BlockDiff.between(store.withBlocks(compareWith.get()).blocks(), store.withBlocks(snapshot).blocks());
    return evaluated(source, outcome, snapshot, changes);
  }

  private SourceRun unchanged(Source source, SourceState before, FetchResult result, List<WarcRef> hops,
      Snapshot previous, Baseline baseline) throws IOException {
    Optional<Snapshot> unreported = baseline.unreported();
    Exchange answer = result.exchange().orElseThrow();
    WarcRef revisit = store.captures().revisit(answer, previous, result.started(), result.notModified());
    // a 304 has no body of its own: what the check saw is the baseline's payload
    Check check = Check.of(result, Check.Outcome.UNCHANGED, hops).withSnapshot(previous).withRecord(revisit)
        .withPayloadDigest(previous.payloadDigest());
    store.check(check, before.checkedAt(result.started()).withValidatorsOf(answer));
    List<Change> untold = unreported.isEmpty() ? List.of()
        : BlockDiff.between(store.withBlocks(unreported.get()).blocks(), store.withBlocks(previous).blocks());
    return evaluated(source, Check.Outcome.UNCHANGED, previous, untold);
  }

  /** The previous good snapshot stays the baseline, and no claim is judged on a page that is not the page. */
  private SourceRun unchecked(Source source, SourceState before, Check check, String why, AlertKind kind)
      throws IOException {
    store.check(check.withError(why), before.checkedAt(check.started()));
    Finding finding = Finding.forSource(kind, source.id(), config.programsCiting(source.id()),
        why + " (" + source.url() + ")", Evidence.none());
    return SourceRun.of(source, check.outcome(), List.of(finding), false);
  }

  private SourceRun evaluated(Source source, Check.Outcome outcome, Snapshot snapshot, List<Change> changes)
      throws IOException {
    if (config.pageOf(source.id()).isPresent()) {
      // the site's own page is read against the official sources, once they are all in
      return new SourceRun(source, outcome, List.of(), true, Optional.of(store.withBlocks(snapshot)));
    }
    Snapshot read = Evaluator.hasQuotedClaims(config, source) ? store.withBlocks(snapshot) : snapshot;
    Evaluator.ClaimResults claims = evaluator.claims(config, source, read, run.anchors());
    if (!claims.anchors().isEmpty()) {
      store.anchors(claims.anchors(), clock.instant());
    }
    run.tiers().putAll(claims.tiers());
    List<Finding> findings = new ArrayList<>(claims.findings());
    evaluator.sourceChanged(config, source, snapshot, changes, findings).ifPresent(findings::add);
    return SourceRun.of(source, outcome, findings, true);
  }

  /** Whitespace only, as String.isBlank would say of the bytes read as Latin-1, without copying a page to ask. */
  static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (!(b == ' ' || (b >= '\t' && b <= '\r') || (b >= 0x1C && b <= 0x1F))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A baseline read again with the source's new select/ignore, so that editing them never raises
   * a change by itself. If the evidence cannot be read, the old blocks stay, and say so in the log.
   */
  private Snapshot reextracted(Source source, Snapshot baseline) {
    try {
      Extraction again = extractor.extract(source, store.exchange(baseline));
      return baseline.withBlocks(again.blocks(), Digests.ofBlocks(again.blocks()), again.selectorMatched(),
          source.rules());
    } catch (IOException | UnreadableContent e) {
      LoggerFactory.getLogger(SourceCheck.class).warn("{}: the baseline {} could not be extracted again with the "
          + "new select/ignore ({}); comparing with it as it was", source.id(), baseline.id(), e.getMessage());
      return baseline;
    }
  }
}
