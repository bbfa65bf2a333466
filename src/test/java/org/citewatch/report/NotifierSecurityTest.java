package org.citewatch.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.citewatch.store.Json;
import org.citewatch.testing.Cli;
import org.citewatch.testing.OneSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing leaks and nothing gets in through a notifier (issue 17): a password goes to an SMTP
 * server only over TLS, and page text or a program's name cannot mention a channel, make a link
 * or start a heading in a webhook's text or report.md.
 */
class NotifierSecurityTest {

  @RegisterExtension
  static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PASSWORD = "s3cret-smtp-Pa55";
  static final String HOSTILE = "Kosovo <!channel> <http://evil.example|formulari zyrtar> @here [forma](http://evil.example) "
      + "![x](http://evil.example/t.png)\n# Injected heading\n<img src=x onerror=alert(1)>";

  @TempDir Path dir;

  /** An SMTP server that offers AUTH but not STARTTLS, and keeps every byte a client sends it. */
  static final class PlainSmtp implements AutoCloseable {
    final ServerSocket socket;
    final StringBuilder received = new StringBuilder();

    PlainSmtp() throws IOException {
      socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(this::serve, "plain-smtp");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket client = socket.accept()) {
          OutputStream out = client.getOutputStream();
          BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
          out.write("220 relay.example.org ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
          for (String line; (line = in.readLine()) != null; ) {
            synchronized (received) {
              received.append(line).append('\n');
            }
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
            String reply = switch (command) {
              case "EHLO" -> "250-relay.example.org\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n";
              case "QUIT" -> "221 bye\r\n";
              case "AUTH" -> "235 ok\r\n";
              case "DATA" -> "354 go on\r\n";
              default -> "250 ok\r\n";
            };
            out.write(reply.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (command.equals("QUIT")) {
              break;
            }
          }
        } catch (IOException e) {
          // the client hung up
        }
      }
    }

    String received() {
      synchronized (received) {
        return received.toString();
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  Cli.Result citewatch(String... args) {
    return Cli.run(dir.resolve("sources.yaml"), dir.resolve("snapshots"), dir.resolve("reports"), args);
  }

  void config(String notify, String programName) throws IOException {
    Files.writeString(dir.resolve("sources.yaml"), """
        settings: {per_host_delay: 0s, notify: [%s]}
        sources:
          - {id: xk, url: "%s/xk", lang: sq, respect_robots: false}
        programs:
          - id: xk-general-residence
            name: %s
            last_verified: 2026-11-30
            claims:
              - {id: fee, source: xk, quote: "Taksa për leje qëndrimi është 50 €", figure: 50 EUR}
        """.formatted(notify, server.baseUrl(), Json.MAPPER.writeValueAsString(programName)), StandardCharsets.UTF_8);
  }

  @Test
  void anSmtpServerWithoutStarttlsNeverReceivesThePassword() throws Exception {
    try (PlainSmtp smtp = new PlainSmtp()) {
      config("{email: {to: \"content@example.org\", smtp: \"smtp://citewatch:" + PASSWORD + "@127.0.0.1:"
          + smtp.socket.getLocalPort() + "\"}}", "Kosovo");
      OneSource.serve(server, "<main><p>Taksa për leje qëndrimi është 70 €.</p></main>");

      Cli.Result test = citewatch("notify", "--test");
      Cli.Result run = citewatch("run", "--quiet");

      assertThat(test.exit()).isEqualTo(1);
      assertThat(test.out()).contains("FAILED  email via 127.0.0.1: the server offers no STARTTLS, so neither the "
          + "password nor the mail was sent");
      assertThat(run.exit()).isEqualTo(1);
      JsonNode report = Json.MAPPER.readTree(dir.resolve("reports/report.json").toFile());
      assertThat(report.at("/notifications/pending").asInt()).isEqualTo(1);
      assertThat(report.at("/notifications/failures/0").asText()).contains("the server offers no STARTTLS");
      String plainAuth = Base64.getEncoder().encodeToString(("\0citewatch\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      assertThat(smtp.received()).contains("EHLO").doesNotContain("AUTH").doesNotContain(PASSWORD)
          .doesNotContain(plainAuth).doesNotContain("MAIL FROM");
    }
  }

  @Test
  void withWebUrlReportsAndNotificationsLinkEachAlertsReviewPage() throws Exception {
    server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    config("{webhook: \"" + server.baseUrl() + "/hook\"}", "Kosovo");
    Path file = dir.resolve("sources.yaml");
    Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8)
        .replace("settings: {", "settings: {web_url: \"https://citewatch.example.org/\", "), StandardCharsets.UTF_8);
    OneSource.serve(server, "<main><p>Taksa për leje qëndrimi është 70 €.</p></main>");

    assertThat(citewatch("run").exit()).isEqualTo(1);

    String text = Json.MAPPER.readTree(server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals("/hook")).findFirst().orElseThrow().getRequest().getBodyAsString())
        .path("text").asText();
    assertThat(text).containsPattern("the program says 50 EUR https://citewatch\\.example\\.org/alerts/[0-9a-f]{16}");
    assertThat(Files.readString(dir.resolve("reports/report.md"), StandardCharsets.UTF_8))
        .containsPattern("- review: <https://citewatch\\.example\\.org/alerts/[0-9a-f]{16}>");
    assertThat(Files.readString(dir.resolve("reports/report.html"), StandardCharsets.UTF_8))
        .containsPattern("<a href=\"https://citewatch\\.example\\.org/alerts/[0-9a-f]{16}\">");
  }

  @Test
  void notifyTestSendsOneMessageThroughEveryNotifierAndSaysWhatEachDid() throws Exception {
    server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    server.stubFor(post(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));
    config("{webhook: \"" + server.baseUrl() + "/hook\"}, {webhook: \"" + server.baseUrl() + "/gone\"}", "Kosovo");

    Cli.Result test = citewatch("notify", "--test");

    assertThat(test.exit()).isEqualTo(1);
    assertThat(test.out()).contains("ok      webhook to localhost", "FAILED  webhook to localhost: HTTP 404",
        "1 of 2 notifier(s) accepted the test message (notification id test-");
    JsonNode body = Json.MAPPER.readTree(server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals("/hook")).findFirst().orElseThrow().getRequest().getBodyAsString());
    assertThat(body.path("text").asText()).startsWith("citewatch: a test message");
    assertThat(body.path("test").asBoolean()).isTrue();
    assertThat(dir.resolve("snapshots")).as("a test message touches no store").doesNotExist();
  }

  @Test
  void aWebhookGetsPageTextAndProgramNamesAsTextNotSlackMarkup() throws Exception {
    server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    config("{webhook: \"" + server.baseUrl() + "/hook\"}", HOSTILE);
    OneSource.serve(server, "<main><p>Taksa për leje qëndrimi është 50 €.</p></main>");
    assertThat(citewatch("run").exit()).isZero();
    server.resetRequests();
    OneSource.serve(server, "<main><p>Taksa për leje qëndrimi &lt;!everyone&gt; @channel nuk është më 50 €.</p></main>");

    assertThat(citewatch("run").exit()).isEqualTo(1);

    String text = Json.MAPPER.readTree(server.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals("/hook")).findFirst().orElseThrow().getRequest().getBodyAsString())
        .path("text").asText();
    assertThat(text).contains("&lt;!channel&gt;", "&lt;http://evil.example|formulari zyrtar&gt;", "&lt;!everyone&gt;")
        .doesNotContain("<!", "<http", "](", "@here", "@channel", "\n# Injected");
    String markdown = Files.readString(dir.resolve("reports/report.md"), StandardCharsets.UTF_8);
    // every < ! [ ] ( ) # is backslash-escaped: none of them stands bare
    assertThat(markdown).doesNotContainPattern("(?<!\\\\)<(img|!)").doesNotContain("](http", "\n# Injected")
        .contains("\\<img src\\=x onerror\\=alert\\(1\\)\\>", "\\# Injected heading");
  }
}
