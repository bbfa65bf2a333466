package org.citewatch.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import org.citewatch.model.Digests;

/**
 * Ed25519 seals on the journal's head: after each run, acknowledgement and verification, a line
 * signs the head (line number and SHA-256) with a key kept outside the store. Rewriting the journal
 * and its chain from any line on breaks every seal after it, unless one holds the key.
 */
public final class Seals {

  /** The store keeps the public key beside the journal; an auditor should hold a copy of their own. */
  public static final String PUBLIC_KEY = "signing.pub";
  private static final String ALGORITHM = "Ed25519";

  private Seals() {}

  public static KeyPair generate() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
  }

  /** The private key as PKCS#8 PEM, readable by its owner only. */
  public static void writePrivate(Path file, PrivateKey key) throws IOException {
    Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file's place must keep it private
    }
  }

  public static void writePublic(Path file, PublicKey key) throws IOException {
    Files.writeString(file, pem("PUBLIC KEY", key.getEncoded()), StandardCharsets.US_ASCII);
  }

  public static PrivateKey readPrivate(Path file) throws IOException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + ": not an Ed25519 private key in PEM (make one with citewatch key init --out FILE)");
    }
  }

  public static PublicKey readPublic(Path file) throws IOException {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + ": not an Ed25519 public key in PEM");
    }
  }

  /** The public key's SHA-256, short: how a seal line and a person name the key. */
  public static String fingerprint(PublicKey key) {
    return "ed25519:" + Digests.hex(key.getEncoded()).substring(0, 32);
  }

  /**
   * The key pair a private key file and the {@code .pub} file beside it hold ({@code citewatch key init} writes both).
   */
  public static KeyPair readPair(Path privateFile) throws IOException {
    Path publicFile = privateFile.resolveSibling(privateFile.getFileName() + ".pub");
    if (!Files.isRegularFile(publicFile)) {
      throw new IOException(publicFile + " is missing: citewatch key init --out " + privateFile
          + " writes it beside the key");
    }
    return new KeyPair(readPublic(publicFile), readPrivate(privateFile));
  }

  static String sign(PrivateKey key, long line, String sha256) throws IOException {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(message(line, sha256));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot seal the journal: " + e.getMessage());
    }
  }

  static boolean verify(PublicKey key, long line, String sha256, String signature) {
    try {
      Signature check = Signature.getInstance(ALGORITHM);
      check.initVerify(key);
      check.update(message(line, sha256));
      return check.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] message(long line, String sha256) {
    return String.format(Locale.ROOT, "citewatch journal head %d:%s", line, sha256).getBytes(StandardCharsets.US_ASCII);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static byte[] der(Path file, String type) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN " + type + "-----");
    int end = text.indexOf("-----END " + type + "-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("no " + type);
    }
    return Base64.getMimeDecoder().decode(text.substring(begin + type.length() + 16, end));
  }
}
