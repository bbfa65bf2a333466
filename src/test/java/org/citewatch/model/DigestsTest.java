package org.citewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DigestsTest {

  @Test
  void theFastProviderComputesTheSameSha256AsTheJdkForEverySize() throws Exception {
    Random random = new Random(11);
    for (int size : new int[] {0, 1, 55, 56, 63, 64, 65, 1000, 35_000, 1 << 20}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      MessageDigest fast = Digests.sha256();
      fast.update(data, 0, size / 2);
      fast.update(data, size / 2, size - size / 2);
      assertThat(fast.digest()).as("%d bytes via %s", size, fast.getProvider().getName())
          .isEqualTo(MessageDigest.getInstance("SHA-256", "SUN").digest(data));
    }
  }

  @Test
  void onAMachineWithNssTheDigestsComeFromIt() {
    boolean nss = java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libsoftokn3.so"));
    org.junit.jupiter.api.Assumptions.assumeTrue(nss, "libnss3 is not installed here");

    assertThat(Digests.sha256().getProvider().getName()).isEqualTo("SunPKCS11-citewatch");
  }
}
