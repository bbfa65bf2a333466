package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.citewatch.fetch.Attempt;
import org.junit.jupiter.api.Test;

/**
 * The two lines every check journals are written by hand with Jackson's generator: they must be
 * the bytes the data binding writes for the same events, field for field, absent for absent.
 */
class CheckLinesTest {

  static final String[] TEXT = {"", "Leje-qëndrimi", "Пријава боравишта", "a \"quoted\" \\ path", "tab\tnew\nline", " spaced ",
      "\u0000\u001f control", "emoji \uD83D\uDE00", "sha256:e0d1b09557e06e4a7943f26ba9e696aa876052854c83b62b4e0d6874eb4aa466"};

  final Random random = new Random(19);

  String text() {
    return random.nextInt(1000) + TEXT[random.nextInt(TEXT.length)];
  }

  <T> Optional<T> maybe(T value) {
    return random.nextBoolean() ? Optional.of(value) : Optional.empty();
  }

  Instant instant() {
    return Instant.ofEpochSecond(1_790_000_000L + random.nextInt(100_000_000), random.nextInt(4) == 0 ? 0
        : random.nextInt(1_000_000_000));
  }

  URI uri() {
    return URI.create("https://mup.gov.rs/wps/portal/sr/gradjani/" + random.nextInt(100) + "?q=%D0%9F&x=" + random
        .nextInt(9));
  }

  WarcRef ref() {
    return new WarcRef("2026-12-0" + (1 + random.nextInt(9)) + ".warc.gz", random.nextInt(1 << 30),
        random.nextLong() & Long.MAX_VALUE);
  }

  Event.SnapshotTaken snapshot() {
    return new Event.SnapshotTaken(text(), text(), random.nextBoolean() ? uri().toString() : null, 200 + random.nextInt(9),
        text(), random.nextInt(1 << 30), random.nextLong() & Long.MAX_VALUE, random.nextBoolean() ? -1 : random.nextInt(),
        random.nextInt(), "urn:uuid:" + text(), text(), random.nextInt(), text(), maybe(random.nextBoolean()),
        maybe("select=main\nignore=" + text() + "\nextraction=3"), maybe(random.nextInt(100_000)));
  }

  Event.Checked check() {
    List<Attempt> attempts = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      attempts.add(new Attempt(instant(), maybe(200 + random.nextInt(400)), maybe(text())));
    }
    List<URI> redirects = new ArrayList<>();
    List<WarcRef> redirectRecords = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      redirects.add(uri());
      redirectRecords.add(ref());
    }
    Check.Outcome[] outcomes = Check.Outcome.values();
    return new Event.Checked(text(), maybe(uri()), maybe(uri()), maybe(random.nextInt(600)), attempts,
        outcomes[random.nextInt(outcomes.length)], maybe(text()), maybe(text()), maybe(text()), maybe(ref()),
        redirects, maybe(text()), redirectRecords);
  }

  @Test
  void aSnapshotLineIsTheBytesTheBindingWrites() throws Exception {
    assertWrittenAsBound(this::snapshot);
  }

  @Test
  void aCheckLineIsTheBytesTheBindingWrites() throws Exception {
    assertWrittenAsBound(this::check);
  }

  /** 5,000 events of one kind, each written by hand to the bytes the binding writes. */
  static void assertWrittenAsBound(Supplier<? extends Event> events) throws Exception {
    for (int i = 0; i < 5_000; i++) {
      Event event = events.get();
      assertThat(text(CheckLines.write(event).orElseThrow())).as("%s", event)
          .isEqualTo(text(Json.MAPPER.writeValueAsBytes(event)));
    }
  }

  @Test
  void aLineWrittenByHandReadsBackAsItsEvent() throws Exception {
    Event.Checked checked = check();
    Event.SnapshotTaken taken = snapshot();

    assertThat(Json.MAPPER.readValue(CheckLines.write(checked).orElseThrow(), Event.class)).isEqualTo(checked);
    assertThat(Json.MAPPER.readValue(CheckLines.write(taken).orElseThrow(), Event.class)).isEqualTo(taken);
  }

  @Test
  void everyOtherKindOfLineIsLeftToTheBinding() throws Exception {
    assertThat(CheckLines.write(new Event.RunStarted("2026-12-02T03:13:43Z-54d09150", List.of("xk", "rs")))).isEmpty();
  }

  static String text(byte[] json) {
    return new String(json, StandardCharsets.UTF_8);
  }
}
