package org.citewatch.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 digests, written as {@code sha256:<hex>}: the journal's chain, the WARC records' digests,
 * the payload and block digests.
 *
 * <p>A run hashes every body it receives more than once, and the JDK's own SHA-256 only runs at
 * native speed once C2 has compiled it, which a short run with C1 alone (see bin/citewatch) never
 * sees. Where the system's NSS library is installed (Debian: libnss3, which Chromium and Firefox
 * pull in), the digests are therefore computed by it through the JDK's PKCS#11 provider, ten times
 * faster on this machine; the result is the same SHA-256, and without NSS, or with
 * {@code -Dcitewatch.digest=jdk}, the JDK's provider is used.
 */
public final class Digests {

  private static final Logger log = LoggerFactory.getLogger(Digests.class);

  private static final List<String> NSS_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
      "/usr/lib64", "/usr/lib", "/usr/local/lib");
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  // Loading NSS takes ~60 ms: it starts with the first use of this class, off the caller's thread.
  private static final CompletableFuture<Optional<Provider>> NATIVE =
      CompletableFuture.supplyAsync(Digests::loadNative, runnable -> {
        Thread thread = new Thread(runnable, "citewatch-digests");
        thread.setDaemon(true);
        thread.start();
      });

  private Digests() {}

  /** Starts loading the native provider now, so that it is ready by the first page. */
  public static void prepare() {
    NATIVE.isDone();
  }

  public static MessageDigest sha256() {
    try {
      Optional<Provider> provider = NATIVE.join();
      return provider.isPresent()
          ? MessageDigest.getInstance("SHA-256", provider.get())
          : MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static String hex(byte[] data) {
    return hex(data, data.length);
  }

  /** The digest of the first {@code length} bytes of {@code data}, which need not be copied out first. */
  public static String hex(byte[] data, int length) {
    MessageDigest digest = sha256();
    digest.update(data, 0, length);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The digest of extracted text: kind and text of each block, so that a reordering is a change. */
  public static String ofBlocks(List<Block> blocks) {
    // One buffer, one update: through the native provider each update is a call across JNI. Each
    // text is encoded into it on its own: joined first, the texts were copied twice more, and as
    // UTF-16 once a block held a Cyrillic letter.
    ByteArrayOutputStream all = new ByteArrayOutputStream(blocks.size() * 96);
    for (Block block : blocks) {
      all.writeBytes(block.kind().name().getBytes(StandardCharsets.US_ASCII));
      all.write('\0');
      all.writeBytes(block.text().getBytes(StandardCharsets.UTF_8));
      all.write('\n');
    }
    return "sha256:" + HexFormat.of().formatHex(sha256().digest(all.toByteArray()));
  }

  private static Optional<Provider> loadNative() {
    if ("jdk".equals(System.getProperty("citewatch.digest"))) {
      return Optional.empty();
    }
    Provider pkcs11 = Security.getProvider("SunPKCS11");
    Optional<String> dir = NSS_DIRS.stream().filter(d -> Files.isReadable(Path.of(d, "libsoftokn3.so"))).findFirst();
    if (pkcs11 == null || dir.isEmpty()) {
      return Optional.empty();
    }
    try {
      Provider nss = pkcs11.configure(
          "--name=citewatch\nnssLibraryDirectory=" + dir.get() + "\nnssDbMode=noDb\nattributes=compatibility\n");
      byte[] abc = MessageDigest.getInstance("SHA-256", nss).digest("abc".getBytes(StandardCharsets.US_ASCII));
      if (!HexFormat.of().formatHex(abc).equals(ABC)) {
        log.warn("NSS in {} computes a wrong SHA-256; using the JDK's", dir.get());
        return Optional.empty();
      }
      log.debug("SHA-256 from NSS in {}", dir.get());
      return Optional.of(nss);
    } catch (RuntimeException | NoSuchAlgorithmException | LinkageError e) {
      log.debug("NSS in {} not usable for SHA-256 ({}); using the JDK's", dir.get(), e.toString());
      return Optional.empty();
    }
  }
}
