package org.citewatch.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Why a fetch did not give the page, in words a maintainer can act on: a status, a network error, a move. */
final class FailureReasons {

  private FailureReasons() {}

  static Failure statusFailure(Exchange exchange) {
    String status = statusMessage(exchange.status(), exchange.reason());
    Optional<String> challenge = BotChallenge.detect(exchange);
    if (challenge.isPresent()) {
      return new Failure(Failure.Kind.BOT_CHALLENGE, status + " with a bot-protection challenge page ("
          + challenge.get()
          + "), not the page; ask the site to allow citewatch's user agent");
    }
    return new Failure(Failure.Kind.HTTP_STATUS, status);
  }

  static String statusMessage(int code, String reason) {
    String text = reason == null || reason.isBlank() ? "" : " " + reason;
    return String.format(Locale.ROOT, "the server answered HTTP %d%s", code, text);
  }

  /** A deep URL that ends on the site's home page, or on another host, is probably no longer the page. */
  static Optional<String> moved(URI requested, URI landed) {
    if (requested.equals(landed)) {
      return Optional.empty();
    }
    if (!requested.getHost().equalsIgnoreCase(landed.getHost())) {
      return Optional.of("redirected to another host: " + landed
          + "; if the page moved, update its url in sources.yaml");
    }
    if (!requested.getScheme().equalsIgnoreCase(landed.getScheme())) {
      return Optional.of("redirected to another scheme: " + landed
          + "; if that is the page, update its url in sources.yaml");
    }
    if (port(requested) != port(landed)) {
      return Optional.of("redirected to another port: " + landed
          + "; if the page moved, update its url in sources.yaml");
    }
    boolean deep = requested.getRawPath() != null && requested.getRawPath().length() > 1;
    boolean home = landed.getRawPath() == null || landed.getRawPath().isEmpty() || landed.getRawPath().equals("/");
    if (deep && home) {
      return Optional.of("redirected to the site's home page (" + landed + "); the page was probably moved or removed");
    }
    return Optional.empty();
  }

  private static int port(URI url) {
    return url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /**
   * A network error in words a maintainer acts on. OkHttp reports some of them only in their
   * message, so those are told apart by it.
   *
   * @param timeout the request's timeout: a call that ran for twice as long hit the whole-call limit
   */
  static Failure describe(IOException e, URI url, Duration elapsed, Duration timeout) {
    String host = url.getHost();
    if (e instanceof UnknownHostException) {
      return new Failure(Failure.Kind.DNS, "the host name " + host + " could not be resolved (DNS)");
    }
    if (e instanceof ConnectException) {
      return new Failure(Failure.Kind.REFUSED, "the connection to " + Robots.hostKey(url) + " was refused");
    }
    // OkHttp reports a read timeout and the whole-call timeout alike ("timeout"); the clock tells them apart.
    if (e instanceof InterruptedIOException && elapsed.compareTo(timeout.multipliedBy(2)) >= 0) {
      return new Failure(Failure.Kind.CALL_TIMEOUT, "the whole request to " + Robots.hostKey(url)
          + " took too long (call timed out)");
    }
    if (e instanceof SocketTimeoutException
        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
      return new Failure(Failure.Kind.CONNECT_TIMEOUT, "connecting to " + Robots.hostKey(url) + " timed out");
    }
    if (e instanceof SocketTimeoutException) {
      return new Failure(Failure.Kind.READ_TIMEOUT, Robots.hostKey(url) + " stopped sending (read timed out)");
    }
    if (e instanceof InterruptedIOException) {
      return new Failure(Failure.Kind.CALL_TIMEOUT, "the whole request to " + Robots.hostKey(url)
          + " took too long (call timed out)");
    }
    if (e instanceof SSLException ssl) {
      return new Failure(Failure.Kind.TLS, "TLS with " + host + " failed: " + tlsReason(ssl));
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (e instanceof SocketException && message.contains("reset")) {
      return new Failure(Failure.Kind.RESET, "the connection to " + Robots.hostKey(url) + " was reset");
    }
    if (e instanceof ProtocolException || message.contains("unexpected end of stream")
        || message.contains("\\n not found") || message.contains("expected chunk size")
        || message.contains("closed")) {
      return new Failure(Failure.Kind.BROKEN_BODY, "the response from " + Robots.hostKey(url)
          + " was cut off or malformed ("
          + e.getMessage() + ")");
    }
    return new Failure(Failure.Kind.NETWORK, "fetching from " + Robots.hostKey(url) + " failed: " + e);
  }

  static String tlsReason(SSLException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return "the certificate is not for this host name (hostname mismatch)";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "the certificate has expired";
      }
      if (t instanceof CertificateNotYetValidException) {
        return "the certificate is not valid yet (is this machine's clock right?)";
      }
      String m = String.valueOf(t.getMessage());
      if (m.contains("unable to find valid certification path") || m.contains("PKIX path")) {
        return "the certificate is signed by an unknown issuer (not trusted)";
      }
      if (m.contains("NotAfter") || m.contains("expired")) {
        return "the certificate has expired";
      }
    }
    return String.valueOf(e.getMessage());
  }
}
