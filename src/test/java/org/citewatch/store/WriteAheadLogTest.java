package org.citewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * index.db's write-ahead logs live in the heap: MapDB writes every record of a transaction to its
 * log before the commit copies it into index.db, and on disk that was ~20 small writes a check.
 */
class WriteAheadLogTest {

  @TempDir Path dir;

  private static SourceState checked(String id, int night) {
    return new SourceState(id, Optional.empty(), Optional.of("\"etag-" + night + "\""), Optional.empty(),
        Optional.of(Instant.parse("2026-12-01T02:00:00Z").plusSeconds(86_400L * night)));
  }

  private List<String> files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void checksBetweenCommitsWriteNoLogFileAndReadBackBeforeAndAfterTheCommit() throws Exception {
    Path file = dir.resolve(Store.INDEX);
    try (Index index = new Index(file)) {
      for (int i = 0; i < 300; i++) {
        index.put(checked("s" + i, 1));
      }
      assertThat(files()).as("files beside index.db mid-transaction").containsExactly(Store.INDEX);
      assertThat(index.source("s7").flatMap(SourceState::etag)).as("an uncommitted state").contains("\"etag-1\"");
      index.commit();
      for (int i = 0; i < 300; i++) {
        index.put(checked("s" + i, 2));
      }
      index.commit();
    }
    assertThat(files()).containsExactly(Store.INDEX);
    try (Index index = new Index(file)) {
      assertThat(index.source("s299").flatMap(SourceState::etag)).contains("\"etag-2\"");
      assertThat(index.source("s0").flatMap(SourceState::lastChecked))
          .contains(Instant.parse("2026-12-03T02:00:00Z"));
    }
  }

  @Test
  void aLogAnOlderCitewatchLeftOnDiskIsRemovedAtOpenAndNotRead() throws Exception {
    Path file = dir.resolve(Store.INDEX);
    try (Index index = new Index(file)) {
      index.put(checked("a", 1));
      index.commit();
    }
    // what a kill mid-run left beside index.db when the logs were files
    Files.write(Path.of(file + ".wal.0"), new byte[] {0x4a, 0x01, 0x00, 0x64, 7, 7, 7, 7});
    Files.write(Path.of(file + ".wal.1"), new byte[64]);

    try (Index index = new Index(file)) {
      assertThat(index.source("a").flatMap(SourceState::etag)).contains("\"etag-1\"");
    }
    assertThat(files()).containsExactly(Store.INDEX);
  }
}
