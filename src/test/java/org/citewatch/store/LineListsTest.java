package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

class LineListsTest {

  /** The map the index would hold, counting the writes a commit makes. */
  private static final class Chunks extends ConcurrentHashMap<String, long[]> {
    int puts;

    @Override
    public long[] put(String key, long[] value) {
      puts++;
      return super.put(key, value);
    }
  }

  @Test
  void fourYearsOfNightsReadBackInOrderBeforeAndAfterEachCommitAndAfterReopening() {
    ConcurrentMap<String, long[]> chunks = new Chunks();
    LineLists lists = new LineLists(chunks);
    Random random = new Random(7);
    List<Long> expected = new ArrayList<>();
    long offset = 0;
    for (int night = 0; night < 4 * 365; night++) {
      for (int line = 0; line < 1 + random.nextInt(3); line++) {
        offset += 1 + random.nextInt(5_000);
        lists.append("mpb-leje-qendrimi", offset);
        expected.add(offset);
      }
      assertThat(lists.get("mpb-leje-qendrimi")).containsExactlyElementsOf(expected);
      if (random.nextInt(4) == 0) {
        lists.flush();
        assertThat(lists.get("mpb-leje-qendrimi")).containsExactlyElementsOf(expected);
      }
    }
    lists.flush();

    assertThat(new LineLists(chunks).get("mpb-leje-qendrimi")).containsExactlyElementsOf(expected);
    assertThat(new LineLists(chunks).get("mup-boravak")).isEmpty();
  }

  @Test
  void aCatchUpReplayingKeptLinesAddsOnlyTheNewOnes() {
    ConcurrentMap<String, long[]> chunks = new Chunks();
    LineLists before = new LineLists(chunks);
    for (long offset = 100; offset <= 100 * (LineLists.CHUNK + 3); offset += 100) {
      before.append("rs", offset);
    }
    before.flush();

    // the run killed after that commit journaled two lines more; the catch-up replays from the checkpoint
    LineLists reopened = new LineLists(chunks);
    for (long offset = 100 * (LineLists.CHUNK - 1); offset <= 100 * (LineLists.CHUNK + 5); offset += 100) {
      reopened.append("rs", offset);
    }
    reopened.flush();

    List<Long> all = new LineLists(chunks).get("rs");
    assertThat(all).hasSize(LineLists.CHUNK + 5).doesNotHaveDuplicates().isSorted();
    assertThat(all.get(all.size() - 1)).isEqualTo(100L * (LineLists.CHUNK + 5));
  }

  @Test
  void aLineWrittenSinceTheStoreOpenedIsKeptWithoutReadingBack() {
    ConcurrentMap<String, long[]> chunks = new Chunks();
    LineLists lists = new LineLists(chunks);
    lists.append("xk", 10);
    lists.flush();

    LineLists reopened = new LineLists(chunks);
    reopened.newFrom(50);
    reopened.append("xk", 60);
    reopened.flush();

    assertThat(new LineLists(chunks).get("xk")).containsExactly(10L, 60L);
  }

  @Test
  void aCommitWritesOneChunkForAKeyThatStaysInItsFirstChunk() {
    Chunks chunks = new Chunks();
    LineLists lists = new LineLists(chunks);
    for (int night = 0; night < LineLists.CHUNK / 2; night++) {
      lists.append("p" + night % 4, 1_000L * night);
      lists.append("p" + night % 4, 1_000L * night + 500);
    }
    chunks.puts = 0;

    lists.flush();

    assertThat(chunks.puts).isEqualTo(4);
  }
}
