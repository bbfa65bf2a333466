package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DBException;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;

class CachedVolumeTest {

  @TempDir Path dir;

  static Volume plain(Path file) {
    return FileChannelVol.FACTORY.makeVolume(file.toString(), false);
  }

  /**
   * Random writes, clears, truncations and growth, each followed by random reads of every kind:
   * the cached file answers as the plain one, byte for byte, and holds the same bytes on disk.
   */
  @Test
  void answersEveryReadAsTheFileChannelVolumeAfterRandomWritesClearsAndTruncations() throws Exception {
    Random random = new Random(19);
    // a cache of 8 pages over a file of up to 40: pages are dropped and read again all the time
    Volume cached = new CachedVolume(plain(dir.resolve("cached.db")), 8);
    Volume expected = plain(dir.resolve("plain.db"));
    int span = 40 * CachedVolume.PAGE;
    for (Volume v : List.of(cached, expected)) {
      v.ensureAvailable(span / 2);
    }
    for (int step = 0; step < 20_000; step++) {
      long at = random.nextInt(span - 16);
      int op = random.nextInt(100);
      for (Volume v : List.of(cached, expected)) {
        Random same = new Random(step);
        if (op < 20) {
          v.putLong(at, same.nextLong());
        } else if (op < 30) {
          v.putInt(at, same.nextInt());
        } else if (op < 40) {
          v.putByte(at, (byte) same.nextInt());
        } else if (op < 50) {
          v.putSixLong(at, same.nextLong() >>> 16);
        } else if (op < 60) {
          v.putPackedLong(at, same.nextLong() >>> same.nextInt(64));
        } else if (op < 75) {
          // up to three pages long, across page boundaries
          byte[] data = new byte[1 + same.nextInt(3 * CachedVolume.PAGE)];
          same.nextBytes(data);
          long from = Math.min(at, span - data.length);
          v.ensureAvailable(from + data.length);
          v.putData(from, data, 0, data.length);
        } else if (op < 78) {
          v.clear(at, Math.min(span, at + same.nextInt(2 * CachedVolume.PAGE)));
        } else if (op < 80) {
          v.truncate(Math.max(8, at));
        } else if (op < 82) {
          v.ensureAvailable(at + same.nextInt(CachedVolume.PAGE));
        }
      }
      assertThat(cached.length()).isEqualTo(expected.length());
      long length = expected.length();
      for (int read = 0; read < 4; read++) {
        long from = random.nextInt((int) Math.max(1, length));
        assertSameRead(cached, expected, from, random.nextInt(2 * CachedVolume.PAGE + 1));
      }
    }
    cached.sync();
    cached.close();
    expected.close();
    assertThat(Files.readAllBytes(dir.resolve("cached.db"))).isEqualTo(Files.readAllBytes(dir.resolve("plain.db")));
  }

  static void assertSameRead(Volume cached, Volume expected, long from, int size) {
    long length = expected.length();
    if (from + 8 <= length) {
      assertThat(cached.getLong(from)).as("long at %d", from).isEqualTo(expected.getLong(from));
      assertThat(cached.getInt(from)).isEqualTo(expected.getInt(from));
      assertThat(cached.getSixLong(from)).isEqualTo(expected.getSixLong(from));
      assertThat(cached.getUnsignedShort(from)).isEqualTo(expected.getUnsignedShort(from));
    }
    if (from < length) {
      assertThat(cached.getByte(from)).isEqualTo(expected.getByte(from));
    }
    if (from + size <= length) {
      byte[] a = new byte[size];
      byte[] b = new byte[size];
      cached.getData(from, a, 0, size);
      expected.getData(from, b, 0, size);
      assertThat(a).as("%d bytes at %d", size, from).isEqualTo(b);
      assertThat(readAll(cached, from, size)).isEqualTo(b);
    }
  }

  private static byte[] readAll(Volume volume, long from, int size) {
    byte[] bytes = new byte[size];
    try {
      volume.getDataInput(from, size).readFully(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return bytes;
  }

  /**
   * The pages every lookup reads (the file's header, MapDB's index pages) stay while a file much
   * larger than the cache is read at random, as an index of many sources or many nights is.
   */
  @Test
  void aPageReadBetweenEveryTwoRandomReadsOfALargerFileStaysKept() {
    CachedVolume volume = new CachedVolume(plain(dir.resolve("index.db")), 16);
    volume.ensureAvailable(201L * CachedVolume.PAGE);
    volume.putLong(8, 7L);
    Random random = new Random(3);
    for (int i = 0; i < 2_000; i++) {
      assertThat(volume.getLong(8)).isEqualTo(7L);
      volume.getLong((1 + random.nextInt(200)) * (long) CachedVolume.PAGE);
      assertThat(volume.holds(0)).as("after read %d", i).isTrue();
    }
    volume.close();
  }

  /** A read past the end fails as the plain volume's does: a page cut off the file is never read from a copy. */
  @Test
  void aReadPastTheEndOfAFileCutShortFailsAsTheFileChannelVolumeDoes() throws Exception {
    Path file = dir.resolve("index.db");
    Volume volume = new CachedVolume(plain(file), 64);
    volume.ensureAvailable(4 * CachedVolume.PAGE);
    volume.putLong(3 * CachedVolume.PAGE + 16, 42L);
    assertThat(volume.getLong(3 * CachedVolume.PAGE + 16)).isEqualTo(42L);
    volume.truncate(2 * CachedVolume.PAGE + 100);
    assertThatThrownBy(() -> volume.getLong(3 * CachedVolume.PAGE + 16)).isInstanceOf(DBException.VolumeIOError.class);
    assertThat(volume.getLong(2 * CachedVolume.PAGE + 84)).isZero();
    volume.close();
  }

  /**
   * Readers and writers on many threads, each writer owning its own slots as MapDB's locks give
   * each its records: every value read back is the last its writer wrote.
   */
  @Test
  void threadsReadTheLastValueWrittenToTheirSlotsWhilePagesAreDroppedAndReloaded() throws Exception {
    Volume volume = new CachedVolume(plain(dir.resolve("index.db")), 4);
    int slots = 16 * CachedVolume.PAGE / Long.BYTES;
    volume.ensureAvailable((long) slots * Long.BYTES + CachedVolume.PAGE);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        work.add(pool.submit(() -> {
          Random random = new Random(thread);
          long[] mine = new long[slots / 8];
          for (int i = 0; i < 20_000; i++) {
            int slot = random.nextInt(mine.length);
            long offset = (long) (slot * 8 + thread) * Long.BYTES;
            if (random.nextBoolean()) {
              mine[slot] = random.nextLong();
              volume.putLong(offset, mine[slot]);
            } else {
              assertThat(volume.getLong(offset)).isEqualTo(mine[slot]);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      volume.close();
    }
  }
}
