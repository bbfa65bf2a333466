package org.citewatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.List;
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
  void theBlocksDigestIsTheOneEveryStoredBaselineWasComparedBy() {
    // kind, NUL, the text in UTF-8 and a newline, a block after another; a lone surrogate is "?"
    List<Block> blocks = List.of(new Block(Block.Kind.HEADING, "Leje-qëndrim"),
        new Block(Block.Kind.PARAGRAPH, "Захтев се подноси 50 €"), new Block(Block.Kind.ITEM, "a\uD800"),
        new Block(Block.Kind.ROW, "Afati | 8 ditë \uD83D\uDE00"));

    assertThat(Digests.ofBlocks(blocks))
        .isEqualTo("sha256:b930d2645a6c317b920a30ccf9236e06f59cfd6fc5684a877902b93576a5579b");
    assertThat(Digests.ofBlocks(List.of(new Block(Block.Kind.ITEM, "b"), new Block(Block.Kind.ITEM, "a"))))
        .as("a reordering is a change").isNotEqualTo(Digests.ofBlocks(
            List.of(new Block(Block.Kind.ITEM, "a"), new Block(Block.Kind.ITEM, "b"))));
  }

  @Test
  void onAMachineWithNssTheDigestsComeFromIt() {
    boolean nss = java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libsoftokn3.so"));
    org.junit.jupiter.api.Assumptions.assumeTrue(nss, "libnss3 is not installed here");

    assertThat(Digests.sha256().getProvider().getName()).isEqualTo("SunPKCS11-citewatch");
  }
}
