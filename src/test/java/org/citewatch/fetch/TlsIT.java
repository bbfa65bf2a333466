package org.citewatch.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificates that are trusted but wrong: one expired, one for another host name. The jar runs in
 * its own JVM that trusts the test's CA (as a user behind a corporate CA would run it), so what is
 * left to fail is exactly the expiry and the name.
 */
class TlsIT {

  private static final String PASSWORD = "secret";

  @TempDir Path dir;

  private final List<WireMockServer> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(WireMockServer::stop);
  }

  @Test
  void anExpiredCertificateAndOneForAnotherHostSayWhichItIs() throws Exception {
    keytool("-genkeypair", "-alias", "ca", "-dname", "CN=citewatch test CA", "-ext", "bc:c", "-keystore", "ca.p12",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30");
    keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.crt");
    keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12");
    int expired = serve(signedKeystore("expired", "CN=localhost", "dns:localhost,ip:127.0.0.1", "-startdate", "-10d",
        "-validity", "1"));
    int otherHost = serve(signedKeystore("other", "CN=other.example", "dns:other.example", "-validity", "30"));
    int good = serve(signedKeystore("good", "CN=localhost", "dns:localhost,ip:127.0.0.1", "-validity", "30"));
    Files.writeString(dir.resolve("sources.yaml"), """
        settings: {per_host_delay: 0s, retries: 0, respect_robots: false}
        sources:
          - {id: expired, url: "https://localhost:%d/page", lang: sq}
          - {id: other-host, url: "https://localhost:%d/page", lang: sq}
          - {id: good, url: "https://localhost:%d/page", lang: sq}
        """.formatted(expired, otherHost, good), StandardCharsets.UTF_8);

    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djavax.net.ssl.trustStore=" + dir.resolve("trust.p12"), "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-jar", Path.of(System.getProperty("citewatch.jar", "target/citewatch.jar")).toAbsolutePath().toString(),
        "run", "--quiet").directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("citewatch finished").isTrue();

    String output = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(5);
    Map<String, String> messages = new HashMap<>();
    for (JsonNode alert : new ObjectMapper().readTree(dir.resolve("reports/report.json").toFile()).get("alerts")) {
      messages.put(alert.get("source").asText(), alert.get("kind").asText() + ": " + alert.get("message").asText());
    }
    assertThat(messages.get("expired"))
        .startsWith("SOURCE_UNREACHABLE: TLS with localhost failed: the certificate has expired");
    assertThat(messages.get("other-host"))
        .startsWith("SOURCE_UNREACHABLE: TLS with localhost failed: the certificate is not for this host name");
    assertThat(messages).as("the trusted, valid one is checked").doesNotContainKey("good");
  }

  /** A key pair for the server, its certificate signed by the test CA with the given dates. */
  private Path signedKeystore(String name, String dname, String san, String... dates) throws Exception {
    String keystore = name + ".p12";
    keytool("-genkeypair", "-alias", "server", "-dname", dname, "-keystore", keystore, "-keyalg", "EC", "-groupname", "secp256r1");
    keytool("-certreq", "-alias", "server", "-keystore", keystore, "-file", name + ".csr");
    List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr",
        "-outfile", name + ".crt", "-ext", "SAN=" + san));
    sign.addAll(List.of(dates));
    keytool(sign.toArray(String[]::new));
    keytool("-importcert", "-alias", "ca", "-file", "ca.crt", "-keystore", keystore);
    keytool("-importcert", "-alias", "server", "-file", name + ".crt", "-keystore", keystore);
    return dir.resolve(keystore);
  }

  private int serve(Path keystore) {
    WireMockServer server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
        .keystorePath(keystore.toString()).keystoreType("PKCS12").keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
    server.start();
    servers.add(server);
    server.stubFor(get(urlEqualTo("/page")).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
        .withBody("<html><body><main><p>Taksa: €50</p></main></body></html>")));
    return server.httpsPort();
  }

  private void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("keytool %s: %s", String.join(" ", args), output).isZero();
  }
}
