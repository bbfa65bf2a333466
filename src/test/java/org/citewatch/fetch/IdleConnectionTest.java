package org.citewatch.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.citewatch.model.RunSummary;
import org.citewatch.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers close kept-alive connections when they please (Apache after 5 idle seconds, any server
 * after its maximum of requests), often without a "Connection: close" to warn. Reusing such a
 * connection fails before a byte of the new response arrives: that is no fault of the page, and
 * must not cost it an attempt, let alone make it unreachable.
 */
class IdleConnectionTest {

  @TempDir Path dir;

  @Test
  void aConnectionTheServerClosedAfterItsLastResponseIsNotHeldAgainstTheNextPage() throws Exception {
    String body = "<html><body><main><p>Sigurimin shëndetësor;</p></main></body></html>";
    byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    try (RawServer server = RawServer.answering(response)) {
      String base = "http://127.0.0.1:" + server.port();

      RunSummary run = Runs.run(dir, """
          settings: {per_host_delay: 0s, respect_robots: false, retries: 0}
          sources:
            - {id: first, url: "%1$s/first", lang: sq}
            - {id: second, url: "%1$s/second", lang: sq}
            - {id: third, url: "%1$s/third", lang: sq}
          """.formatted(base));

      assertThat(run.failed()).isZero();
      for (String source : new String[] {"first", "second", "third"}) {
        JsonNode check = FetchFaultsTest.checkLine(dir.resolve("snapshots"), source);
        assertThat(check.get("outcome").asText()).as(check.toString()).isEqualTo("NEW");
        assertThat(check.get("attempts")).as(check.toString()).hasSize(1);
      }
    }
  }
}
