package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.citewatch.extract.Skeleton;
import org.citewatch.model.Block;
import org.citewatch.model.Snapshot;
import org.junit.jupiter.api.Test;

/** A source's state survives index.db's binary form whole, and bytes that are not one are refused, never allocated. */
class StateCodecTest {

  static Snapshot snapshot(String id, List<Block> blocks, String warcFile, String rules) {
    return new Snapshot(id, "rs-boraviste", Instant.parse("2026-12-02T03:13:43.563087946Z"),
        "https://mup.gov.rs/wps/portal/sr/gradjani/prijava-boravista?ćirilica=да", 200,
        "sha256:e0d1b09557e06e4a7943f26ba9e696aa876052854c83b62b4e0d6874eb4aa466",
        "sha256:874689636c47a48ed3a7dabd7af05cde124a0f8aaffea3c0b1c7d7d3953d3700", warcFile, 8316,
        blocks.isEmpty() ? 12567 : -1, "urn:uuid:72fb86f1-3df2-4c35-8ff4-f9158f640654", true, blocks, rules,
        Snapshot.textLength(blocks));
  }

  static SourceState full() {
    // a block past DataOutput.writeUTF's 64 KB, in Cyrillic (two bytes a letter)
    String longRow = "Пријава боравишта странца | ".repeat(2_500);
    List<Block> blocks = List.of(new Block(Block.Kind.HEADING, "Prijava boravišta"),
        new Block(Block.Kind.ROW, longRow), new Block(Block.Kind.ITEM, "Taksa: 50 € (pesëdhjetë euro)"));
    Snapshot latest = snapshot("121e88074688", blocks, "2026-12-02.warc.gz", "select=main\nignore=\nextraction=3");
    Snapshot told = snapshot("0a9f3c2e11d4", List.of(), "2026-12-01.warc.gz", "select=main\nignore=\nextraction=3");
    Skeleton skeleton = new Skeleton("UTF-8", "707a37d03a798a9efcfe4dfc5defd514e8dad99a6f909de702e12f021671501e",
        List.of(new Skeleton.Kept(0, 2), new Skeleton.Kept(269, 350), new Skeleton.Kept(353, 353)), "Пријава — MUP");
    return new SourceState("rs-boraviste", Optional.of(latest), Optional.of("W/\"5f2-1a\""),
        Optional.of("Mon, 30 Nov 2026 10:00:00 GMT"), Optional.of(Instant.parse("2026-12-02T03:13:43.563087946Z")),
        Optional.of(told), Optional.of(new SourceState.Shape(latest.id(), skeleton)),
        Optional.of("2026-12-02T03:13:43Z-54d09150"));
  }

  @Test
  void everyFieldOfAStateComesBackAsItWasWritten() {
    SourceState state = full();

    SourceState back = StateCodec.decode(StateCodec.encode(state));

    assertThat(back).isEqualTo(state);
    assertThat(back.latest().orElseThrow().blocks().get(1).text()).hasSize(state.latest().orElseThrow().blocks()
        .get(1).text().length()).startsWith("Пријава боравишта");
  }

  @Test
  void absentFieldsAndFieldsAStoreMayHoldAsNullComeBackSo() {
    Snapshot bare = snapshot("5af4c992dc96", List.of(), null, null);
    SourceState none = SourceState.none("xk-leje");
    SourceState reference = new SourceState("xk-leje", Optional.of(bare), Optional.empty(), Optional.empty(),
        Optional.empty());

    assertThat(StateCodec.decode(StateCodec.encode(none))).isEqualTo(none);
    assertThat(StateCodec.decode(StateCodec.encode(reference))).isEqualTo(reference);
  }

  @Test
  void aStateWhoseChangesAreAllToldHoldsItsSnapshotOnce() {
    SourceState state = full();
    SourceState told = state.reportedNow();

    SourceState back = StateCodec.decode(StateCodec.encode(told));

    assertThat(back).isEqualTo(told);
    assertThat(back.reported()).isEqualTo(back.latest());
    assertThat(StateCodec.encode(told).length).as("the latest snapshot is not written a second time")
        .isLessThan(StateCodec.encode(state).length);
  }

  @Test
  void bytesCutShortAnywhereAreRefused() {
    byte[] bytes = StateCodec.encode(full());
    for (int length = 0; length < bytes.length; length += length < 2_000 ? 1 : 997) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> StateCodec.decode(cut)).as("cut at %d of %d", length, bytes.length)
          .isInstanceOf(RuntimeException.class);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> StateCodec.decode(longer)).hasMessageContaining("past its end");
  }

  @Test
  void damagedBytesAreARuntimeExceptionOrAState() {
    byte[] bytes = StateCodec.encode(full().reportedNow());
    Random random = new Random(19);
    for (int i = 0; i < 20_000; i++) {
      byte[] damaged = bytes.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      try {
        StateCodec.decode(damaged);
      } catch (RuntimeException refused) {
        // what the store takes for an unreadable index: it rebuilds it from the journal
      }
    }
    byte[] huge = StateCodec.encode(SourceState.none("a"));
    huge[0] = 0x7f;
    assertThatThrownBy(() -> StateCodec.decode(huge)).hasMessageContaining("bytes, ");
  }
}
