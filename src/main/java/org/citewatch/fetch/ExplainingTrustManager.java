package org.citewatch.fetch;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The platform's trust decisions (its CA store, or {@code -Djavax.net.ssl.trustStore}), unchanged,
 * with the reason for a refusal made precise: the JDK's path builder reports an expired server
 * certificate as "unable to find valid certification path", the same words as an unknown issuer,
 * and a maintainer needs to know which of the two the ministry's site has.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager platform;

  private ExplainingTrustManager(X509ExtendedTrustManager platform) {
    this.platform = platform;
  }

  static ExplainingTrustManager ofPlatform() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      X509ExtendedTrustManager platform = Arrays.stream(factory.getTrustManagers())
          .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast).findFirst()
          .orElseThrow(() -> new IllegalStateException("the Java runtime has no X.509 trust manager"));
      return new ExplainingTrustManager(platform);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the Java runtime's trust store cannot be read: " + e.getMessage(), e);
    }
  }

  SSLSocketFactory socketFactory() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {this}, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this Java runtime: " + e.getMessage(), e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    explaining(chain, () -> platform.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType,
      SSLEngine engine) throws CertificateException {
    explaining(chain, () -> platform.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    explaining(chain, () -> platform.checkServerTrusted(chain, authType));
  }

  private interface Check {
    void run() throws CertificateException;
  }

  private static void explaining(X509Certificate[] chain, Check platformCheck) throws CertificateException {
    try {
      platformCheck.run();
    } catch (CertificateException e) {
      throw explained(chain, e);
    }
  }

  /** The refusal stands; only its reason changes, when a certificate of the chain is out of its dates. */
  private static CertificateException explained(X509Certificate[] chain, CertificateException refusal) {
    for (X509Certificate certificate : chain == null ? new X509Certificate[0] : chain) {
      try {
        certificate.checkValidity();
      } catch (CertificateExpiredException | CertificateNotYetValidException outOfDate) {
        outOfDate.initCause(refusal);
        return outOfDate;
      }
    }
    return refusal;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    platform.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType,
      SSLEngine engine) throws CertificateException {
    platform.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    platform.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return platform.getAcceptedIssuers();
  }
}
