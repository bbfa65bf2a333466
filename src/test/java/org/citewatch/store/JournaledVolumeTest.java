package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.citewatch.store.CachedVolumeTest.assertSameRead;
import static org.citewatch.store.CachedVolumeTest.plain;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.citewatch.model.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DataInput2;
import org.mapdb.volume.Volume;

class JournaledVolumeTest {

  @TempDir Path dir;

  private static Volume journaled(Path file, int maxChanged) {
    return new JournaledVolume(new CachedVolume(plain(file), 16), maxChanged, new UndoLog(file));
  }

  /**
   * The same random writes, clears and growth, with a sync every so often, to a file written in
   * whole commits and to the plain file: every read answers the same, and the bytes on disk after
   * the last sync are the same.
   */
  @Test
  void aFileWrittenInWholeCommitsAnswersEveryReadAsTheFileChannelVolume() throws Exception {
    Random random = new Random(7);
    Volume held = journaled(dir.resolve("held.db"), 5);
    Volume expected = plain(dir.resolve("plain.db"));
    int span = 40 * CachedVolume.PAGE;
    for (int step = 0; step < 10_000; step++) {
      long at = random.nextInt(span - 16);
      int op = random.nextInt(100);
      for (Volume v : List.of(held, expected)) {
        Random same = new Random(step);
        if (op < 30) {
          v.putLong(at, same.nextLong());
        } else if (op < 45) {
          v.putSixLong(at, same.nextLong() >>> 16);
        } else if (op < 55) {
          v.putPackedLong(at, same.nextLong() >>> same.nextInt(64));
        } else if (op < 80) {
          byte[] data = new byte[1 + same.nextInt(3 * CachedVolume.PAGE)];
          same.nextBytes(data);
          v.putData(Math.min(at, span - data.length), data, 0, data.length);
        } else if (op < 83) {
          v.clear(at, Math.min(span, at + same.nextInt(2 * CachedVolume.PAGE)));
        } else if (op < 86) {
          v.ensureAvailable(at + same.nextInt(CachedVolume.PAGE));
        } else if (op < 88) {
          v.sync();
        }
      }
      assertThat(held.length()).isEqualTo(expected.length());
      for (int read = 0; read < 3; read++) {
        long length = expected.length();
        assertSameRead(held, expected, random.nextInt((int) Math.max(1, length)), random.nextInt(2 * CachedVolume.PAGE));
      }
    }
    held.sync();
    assertThat(UndoLog.pathOf(dir.resolve("held.db"))).doesNotExist();
    held.close();
    expected.close();
    assertThat(Files.readAllBytes(dir.resolve("held.db"))).isEqualTo(Files.readAllBytes(dir.resolve("plain.db")));
  }

  /**
   * A commit killed before any of its writes to the file, a write at a time, and while its journal
   * is being appended: undoing it gives the file exactly as it was before the commit, and a commit
   * that ran to its end is left as it wrote it.
   */
  @Test
  void aCommitKilledAtAnyOfItsWritesIsUndoneToTheFileAsItWas() throws Exception {
    Path first = dir.resolve("first.db");
    Volume before = journaled(first, 4);
    commit(before, new Random(1), 12);
    before.close();
    String old = digest(first);

    Path whole = copyOf(first, "whole");
    Dying all = new Dying(plain(whole), Integer.MAX_VALUE, state -> { });
    Volume done = new JournaledVolume(new CachedVolume(all, 16), 4, new UndoLog(whole));
    commit(done, new Random(2), 40);
    done.close();
    assertThat(UndoLog.rollBack(whole)).isEmpty();
    String committed = digest(whole);
    assertThat(committed).isNotEqualTo(old);

    Random cuts = new Random(3);
    int tornJournals = 0;
    for (int kill = 0; kill < all.changes; kill++) {
      Path file = copyOf(first, "kill-" + kill);
      Path undo = UndoLog.pathOf(file);
      List<Path> torn = new ArrayList<>();
      Dying dying = new Dying(plain(file), kill, previousJournalEnd -> {
        // the journal grew since the last write: a kill could have cut that segment anywhere
        try {
          long end = sizeOf(undo);
          for (int cut = 0; cut < 3 && end > previousJournalEnd + 1; cut++) {
            Path copy = copyOf(file, "torn-" + torn.size());
            copyOf(undo, copy.getFileName() + UndoLog.SUFFIX);
            try (FileChannel channel = FileChannel.open(UndoLog.pathOf(copy), StandardOpenOption.WRITE)) {
              channel.truncate(previousJournalEnd + 1 + cuts.nextInt((int) (end - previousJournalEnd - 1)));
            }
            torn.add(copy);
          }
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
      Volume volume = new JournaledVolume(new CachedVolume(dying, 16), 4, new UndoLog(file));
      assertThatThrownBy(() -> commit(volume, new Random(2), 40)).isInstanceOf(Killed.class);
      dying.die();
      UndoLog.rollBack(file);
      assertThat(digest(file)).as("killed at change %d of %d", kill, all.changes).isEqualTo(old);
      assertThat(undo).doesNotExist();
      for (Path copy : torn) {
        UndoLog.rollBack(copy);
        assertThat(digest(copy)).as("journal torn before change %d", kill).isEqualTo(old);
        tornJournals++;
      }
    }
    assertThat(all.changes).as("the commit's writes, in several spills").isGreaterThan(20);
    assertThat(tornJournals).isGreaterThanOrEqualTo(9);
  }

  /** A segment of more pages than one write of the journal takes (64 KB) is journaled and undone whole. */
  @Test
  void aCommitOfManyPagesIsJournaledInSeveralWritesAndUndoneWhole() throws Exception {
    Path file = dir.resolve("many.db");
    Volume before = journaled(file, 64);
    commit(before, new Random(1), 48);
    before.close();
    String old = digest(file);

    // killed after 30 of the commit's pages reached the file: only the journal can put them back
    Dying dying = new Dying(plain(file), 30, journalEnd -> { });
    Volume volume = new JournaledVolume(new CachedVolume(dying, 16), 64, new UndoLog(file));
    assertThatThrownBy(() -> commit(volume, new Random(2), 48)).isInstanceOf(Killed.class);
    dying.die();
    assertThat(digest(file)).isNotEqualTo(old);
    assertThat(sizeOf(UndoLog.pathOf(file))).as("one segment of the commit's pages").isGreaterThan(2 * 64 * 1024);
    UndoLog.rollBack(file);
    assertThat(digest(file)).isEqualTo(old);
    assertThat(UndoLog.pathOf(file)).doesNotExist();
  }

  /** Random writes over {@code pages} pages, the file grown to them first as MapDB does, then the sync that ends a commit. */
  private static void commit(Volume volume, Random random, int pages) {
    volume.ensureAvailable((long) pages * CachedVolume.PAGE);
    for (int i = 0; i < 60; i++) {
      byte[] data = new byte[1 + random.nextInt(CachedVolume.PAGE + 100)];
      random.nextBytes(data);
      volume.putData(random.nextInt(pages * CachedVolume.PAGE - data.length), data, 0, data.length);
      volume.putLong(8L * random.nextInt(pages * CachedVolume.PAGE / 8), random.nextLong());
    }
    volume.sync();
  }

  /** The file's bytes by their digest, so that a failure says which kill rather than printing the file. */
  private static String digest(Path file) throws IOException {
    return Digests.hex(Files.readAllBytes(file));
  }

  private Path copyOf(Path file, String name) throws IOException {
    return Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static long sizeOf(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static final class Killed extends RuntimeException {
    Killed() {
      super("killed");
    }
  }

  /**
   * A file whose process is killed at its {@code killAt}-th change (a write or a growth), which it
   * does not make: what was written before stays, as after a SIGKILL. At each change it tells
   * where the journal ended at the change before.
   */
  static final class Dying extends Volume {
    private final Volume file;
    private final int killAt;
    private final Consumer<Long> beforeKill;
    private final Path undo;
    int changes;
    private long journalEnd;

    Dying(Volume file, int killAt, Consumer<Long> beforeKill) {
      this.file = file;
      this.killAt = killAt;
      this.beforeKill = beforeKill;
      this.undo = UndoLog.pathOf(file.getFile().toPath());
    }

    private void change() {
      if (changes++ == killAt) {
        beforeKill.accept(journalEnd);
        throw new Killed();
      }
      journalEnd = sizeOf(undo);
    }

    /** The process is gone: the file is closed with nothing more written. */
    void die() {
      file.close();
    }

    @Override
    public void ensureAvailable(long offset) {
      if (offset > file.length()) {
        change();
      }
      file.ensureAvailable(offset);
    }

    @Override
    public void putData(long offset, byte[] src, int srcPos, int srcSize) {
      change();
      file.putData(offset, src, srcPos, srcSize);
    }

    @Override
    public void getData(long offset, byte[] bytes, int bytesPos, int size) {
      file.getData(offset, bytes, bytesPos, size);
    }

    @Override
    public long length() {
      return file.length();
    }

    @Override
    public void sync() {
      file.sync();
    }

    @Override
    public void close() {
      file.close();
    }

    @Override
    public File getFile() {
      return file.getFile();
    }

    // the rest a file written in whole commits never asks of the file under it
    @Override
    public void truncate(long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putLong(long offset, long value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putInt(long offset, int value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putByte(long offset, byte value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void putData(long offset, ByteBuffer buf) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long getLong(long offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int getInt(long offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte getByte(long offset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DataInput2 getDataInput(long offset, int size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void clear(long startOffset, long endOffset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int sliceSize() {
      return file.sliceSize();
    }

    @Override
    public boolean isSliced() {
      return file.isSliced();
    }

    @Override
    public boolean isReadOnly() {
      return false;
    }

    @Override
    public boolean getFileLocked() {
      return file.getFileLocked();
    }
  }
}
