package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kill inside the index's commit. A process of its own changes every one of 20,000 entries of
 * index.db and commits, and is killed with SIGKILL at a random moment of the commit: the index
 * opens and reads as one commit or the other, every entry old or every entry new, and never as
 * a file to rebuild. MapDB alone left 25 of 30 such files unreadable.
 */
class TornCommitIT {

  static final int ENTRIES = 20_000;
  static final int KILLS = 24;

  @TempDir Path dir;

  /** The process that commits: {@code init FILE} writes the old entries, {@code update FILE} the new ones. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path file = Path.of(args[1]);
      try (Index index = new Index(file)) {
        boolean init = args[0].equals("init");
        for (int i = 0; i < ENTRIES; i++) {
          // the new values are longer, so that MapDB moves the records rather than writing them in place
          index.meta("k" + i, init ? "old-" + i + "-" + "x".repeat(40) : "new-" + i + "-" + "y".repeat(70));
        }
        System.out.println("committing");
        System.out.flush();
        long started = System.nanoTime();
        index.commit();
        System.out.println("committed " + (System.nanoTime() - started) / 1_000_000);
        System.out.flush();
        if (!init) {
          Thread.sleep(60_000);
        }
      }
    }
  }

  record Read(int old, int fresh, String failure) {}

  Read read(Path file) {
    int old = 0;
    int fresh = 0;
    try (Index index = new Index(file)) {
      for (int i = 0; i < ENTRIES; i++) {
        String value = index.meta("k" + i).orElse("");
        if (value.startsWith("old-" + i + "-")) {
          old++;
        } else if (value.startsWith("new-" + i + "-")) {
          fresh++;
        }
      }
      return new Read(old, fresh, "");
    } catch (RuntimeException e) {
      return new Read(old, fresh, e.toString());
    }
  }

  Process child(String phase, Path file) throws Exception {
    // the test class path holds lz4-java's JNI library, which a killed child leaves in its temp directory
    Files.createDirectories(dir.resolve("tmp"));
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + dir.resolve("tmp"), "-cp", System.getProperty("java.class.path"), Child.class.getName(),
        phase, file.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  @Test
  void aKillAtAnyMomentOfTheIndexsCommitLeavesOneCommitOrTheOtherNeverAFileToRebuild() throws Exception {
    Path base = dir.resolve("base");
    Files.createDirectories(base);
    Process init = child("init", base.resolve(Store.INDEX));
    assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(init.exitValue()).isZero();
    assertThat(read(base.resolve(Store.INDEX))).isEqualTo(new Read(ENTRIES, 0, ""));

    // how long a commit takes here, so that the kills fall all over it
    Path calibration = copy(base, "calibration");
    long commitMillis;
    Process whole = child("update", calibration.resolve(Store.INDEX));
    try (BufferedReader out = new BufferedReader(new InputStreamReader(whole.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("committing");
      commitMillis = Long.parseLong(out.readLine().substring("committed ".length()));
    } finally {
      whole.destroyForcibly().waitFor();
    }
    assertThat(read(calibration.resolve(Store.INDEX))).isEqualTo(new Read(0, ENTRIES, ""));

    Random random = new Random(19);
    List<String> outcomes = new ArrayList<>();
    int old = 0;
    int fresh = 0;
    int undone = 0;
    // after a first third all over the commit, the kills go between the latest that found index.db
    // untouched and the earliest that found the commit done: where the commit writes index.db
    long untouched = 0;
    long done = (long) (1.3 * commitMillis * 1000);
    for (int kill = 0; kill < KILLS; kill++) {
      Path work = copy(base, "kill-" + kill);
      Process update = child("update", work.resolve(Store.INDEX));
      boolean bracketed = kill >= KILLS / 3 && untouched < done;
      long delayMicros = bracketed ? untouched + (long) (random.nextDouble() * (done - untouched))
          : (long) (random.nextDouble() * 1.3 * commitMillis * 1000);
      try (BufferedReader out = new BufferedReader(new InputStreamReader(update.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("committing");
        TimeUnit.MICROSECONDS.sleep(delayMicros);
      } finally {
        update.destroyForcibly().waitFor();
      }
      boolean journal = Files.exists(UndoLog.pathOf(work.resolve(Store.INDEX)));
      Read read = read(work.resolve(Store.INDEX));
      outcomes.add(String.format(Locale.ROOT, "kill %d after %d us: %s%s", kill, delayMicros, read,
          journal ? ", undone" : ""));
      assertThat(read.failure()).as(String.join("\n", outcomes)).isEmpty();
      assertThat(read.old() == ENTRIES || read.fresh() == ENTRIES).as(String.join("\n", outcomes)).isTrue();
      old += read.old() == ENTRIES ? 1 : 0;
      fresh += read.fresh() == ENTRIES ? 1 : 0;
      undone += journal ? 1 : 0;
      if (read.fresh() == ENTRIES) {
        done = Math.min(done, delayMicros);
      } else if (!journal) {
        untouched = Math.max(untouched, delayMicros);
      }
    }
    System.out.printf(Locale.ROOT, "TornCommitIT: commit %d ms; %d kills: %d read as before, %d as after, %d undone "
        + "from the journal%n", commitMillis, KILLS, old, fresh, undone);
    // kills fell inside the commit's writes to index.db, not only before or after them
    assertThat(undone).as(String.join("\n", outcomes)).isPositive();
  }

  private Path copy(Path base, String name) throws Exception {
    Path work = dir.resolve(name);
    Files.createDirectories(work);
    try (Stream<Path> files = Files.list(base)) {
      for (Path file : files.toList()) {
        Files.copy(file, work.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return work;
  }
}
