package org.citewatch.store;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * RFC 3161 time-stamps of the journal's head: the request a time-stamp authority is sent (the
 * SHA-256 of the head line is its message imprint), and the check of a token audit makes. A token
 * proves the line, and every line the chain puts before it, existed at its genTime, signed by the
 * authority; no one holding the store can make one later.
 */
public final class Timestamps {

  private static final SecureRandom NONCES = new SecureRandom();

  private Timestamps() {}

  /** A request for a token over the line whose SHA-256 is {@code sha256}, asking for the authority's certificate. */
  public static TimeStampRequest request(String sha256) {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    return generator.generate(NISTObjectIdentifiers.id_sha256, HexFormat.of().parseHex(sha256),
        new BigInteger(64, NONCES));
  }

  /** What a verified token says: when, and who signed it. */
  public record Stamp(Instant genTime, String authority, X509CertificateHolder certificate) {}

  /**
   * Checks a token against the line it claims to stamp: the imprint is that line's SHA-256, and
   * the signature verifies under the certificate the token carries.
   *
   * @throws IOException saying what does not hold
   */
  public static Stamp verify(byte[] der, String sha256) throws IOException {
    TimeStampToken token = token(der, sha256);
    X509CertificateHolder signer = signerOf(token);
    if (signer == null) {
      throw new IOException("the token carries no certificate to check it with; give the authority's certificate");
    }
    return validated(token, signer);
  }

  /** The same check, under {@code trusted}: the authority's certificate an auditor holds. */
  public static Stamp verify(byte[] der, String sha256, X509CertificateHolder trusted) throws IOException {
    return validated(token(der, sha256), trusted);
  }

  /** The token {@code der} holds, which must stamp the line whose SHA-256 is {@code sha256}. */
  private static TimeStampToken token(byte[] der, String sha256) throws IOException {
    TimeStampToken token;
    try {
      token = new TimeStampToken(new CMSSignedData(der));
    } catch (CMSException | TSPException | IOException | RuntimeException e) {
      throw new IOException("not an RFC 3161 time-stamp token (" + e.getMessage() + ")");
    }
    if (!token.getTimeStampInfo().getMessageImprintAlgOID().equals(NISTObjectIdentifiers.id_sha256)
        || !Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), HexFormat.of().parseHex(sha256))) {
      throw new IOException("the token stamps another line than the one it names (its imprint is not sha256 " + sha256
          + ")");
    }
    return token;
  }

  private static Stamp validated(TimeStampToken token, X509CertificateHolder signer) throws IOException {
    try {
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
    } catch (TSPException | OperatorCreationException | CertificateException
        | IllegalArgumentException e) {
      throw new IOException("the token's signature does not verify under " + signer.getSubject() + " ("
          + e.getMessage() + ")");
    }
    return new Stamp(token.getTimeStampInfo().getGenTime().toInstant(), signer.getSubject().toString(), signer);
  }

  private static X509CertificateHolder signerOf(TimeStampToken token) {
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
    return matches.isEmpty() ? null : matches.iterator().next();
  }

  /** The authority's certificate an auditor holds, PEM or DER. */
  public static X509CertificateHolder readCertificate(byte[] bytes) throws IOException {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    byte[] der = bytes;
    if (text.contains("-----BEGIN CERTIFICATE-----")) {
      String body = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----") + 27,
          text.indexOf("-----END CERTIFICATE-----"));
      der = Base64.getMimeDecoder().decode(body);
    }
    try {
      return new X509CertificateHolder(der);
    } catch (IOException | RuntimeException e) {
      throw new IOException("not an X.509 certificate (PEM or DER)");
    }
  }
}
